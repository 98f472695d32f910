package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How an ALTER TABLE of several actions is read into its actions, and written again in part. */
class AlterActionListTest {
  @Test
  void actionsAreSplitOnCommasOutsideGroupsQuotesAndComments() {
    AlterActions actions =
        AlterActions.of(
            "ALTER TABLE ONLY \"My T\" ADD COLUMN a numeric(10,2) DEFAULT 1, -- a, b\n"
                + "  ALTER COLUMN \"x,y\" SET DEFAULT 'p,q',\n"
                + "  ADD CONSTRAINT c CHECK (a <> $$1,2$$) /* , */, ALTER COLUMN b"
                + " TYPE int[] USING ARRAY[b, b];");
    assertEquals("ALTER TABLE ONLY \"My T\"", actions.head());
    assertEquals(
        List.of(
            "ADD COLUMN a numeric(10,2) DEFAULT 1",
            "ALTER COLUMN \"x,y\" SET DEFAULT 'p,q'",
            "ADD CONSTRAINT c CHECK (a <> $$1,2$$)",
            "ALTER COLUMN b TYPE int[] USING ARRAY[b, b]"),
        actions.actions());
    assertEquals(
        "ALTER TABLE ONLY \"My T\" ALTER COLUMN \"x,y\" SET DEFAULT 'p,q', ALTER COLUMN b TYPE"
            + " int[] USING ARRAY[b, b]",
        actions.only(new boolean[] {false, true, false, true}));
    assertEquals(
        "ALTER TABLE ONLY \"My T\" ADD CONSTRAINT c CHECK (a <> $$1,2$$)", actions.alone(2));
  }

  @Test
  void aStatementOfOneActionOrOfAnotherKindIsNotSplit() {
    assertNull(AlterActions.of("ALTER TABLE t ADD COLUMN a int"));
    assertNull(AlterActions.of("ALTER TABLE t ADD CONSTRAINT k CHECK (a IN (1, 2))"));
    assertNull(AlterActions.of("ALTER TABLE t RENAME TO u"));
    assertNull(AlterActions.of("ALTER INDEX i SET (fillfactor = 70), RESET (deduplicate_items)"));
    assertNull(AlterActions.of("INSERT INTO t VALUES (1, 2)"));
  }

  @Test
  void anActionFollowsEarlierActionsOnTheObjectItNames() {
    AlterActions actions =
        AlterActions.of(
            "ALTER TABLE t ALTER COLUMN Code DROP DEFAULT, ADD COLUMN other int,"
                + " ALTER code TYPE int USING code::int, DROP CONSTRAINT IF EXISTS code,"
                + " ADD UNIQUE (code), ALTER COLUMN \"Code\" SET NOT NULL");
    assertEquals(List.of(), actions.sameTargetBefore(1));
    assertEquals(List.of(0), actions.sameTargetBefore(2));
    assertEquals(List.of(0, 2), actions.sameTargetBefore(3));
    assertEquals(List.of(), actions.sameTargetBefore(4)); // unnamed: depends on no name
    assertEquals(List.of(), actions.sameTargetBefore(5)); // a quoted name keeps its case
    boolean[] runs = {true, false, false, false, false, false};
    assertEquals(true, actions.followsRunning(3, runs));
    assertEquals(false, actions.followsRunning(1, runs));
  }
}
