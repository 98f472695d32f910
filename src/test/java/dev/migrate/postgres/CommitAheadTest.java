package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.MigrateException;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A commit sent without waiting for its reply: nothing else reaches the server before the reply is
 * read, what was held meanwhile goes in the next transaction only when the commit went through, and
 * a failure cannot be set aside: every statement throws it until it is taken.
 */
class CommitAheadTest {
  private static final String TABLES = "SELECT relname FROM pg_class WHERE relname LIKE 'a\\_%'";

  @Test
  void theNextTransactionRunsOnlyAfterTheCommitItWaitedFor() throws Exception {
    TestDb db = new TestDb("ahead_order");
    List<String> said = new ArrayList<>();
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      jdbc.begin();
      // The first transaction waits 0.3 s at the server; the second is held meanwhile.
      jdbc.executeHeld("CREATE TABLE a_first AS SELECT length(pg_sleep(0.3)::text) AS x", null);
      jdbc.commitAhead(e -> e, () -> said.add("first committed"), () -> jdbc.commitAfter(null));
      assertEquals(List.of(), said, "reported before its reply was read");
      jdbc.begin();
      assertTrue(jdbc.inTransaction());
      jdbc.executeHeld("CREATE TABLE a_second (x int)", null);
      jdbc.commitAhead(e -> e, () -> said.add("second committed"), () -> jdbc.commitAfter(null));
      assertEquals(List.of("first committed"), said);
      jdbc.settle();
      assertEquals(List.of("first committed", "second committed"), said);
      assertFalse(jdbc.inTransaction());
    }
    assertEquals(List.of("a_first", "a_second"), db.rows(TABLES + " ORDER BY 1"));
  }

  @Test
  void aFailedCommitIsThrownByEveryStatementUntilTaken() throws Exception {
    TestDb db = new TestDb("ahead_failure");
    db.execute("CREATE TABLE a_taken (x int)");
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      jdbc.begin();
      jdbc.executeHeld("CREATE TABLE a_one (x int)", null);
      jdbc.executeHeld("CREATE TABLE a_taken (y int)", null);
      List<MigrateException> read = new ArrayList<>();
      jdbc.commitAhead(
          e -> {
            read.add(e);
            return MigrateException.failed("the first changeset failed: " + e.getMessage());
          },
          () -> read.add(null),
          () -> jdbc.commitAfter(null));
      // The next transaction holds a statement, then asks something: the failure comes instead.
      jdbc.begin();
      jdbc.executeHeld("CREATE TABLE a_next (x int)", null);
      MigrateException first =
          assertThrows(MigrateException.class, () -> jdbc.queryFirst("SELECT 1", r -> r.getInt(1)));
      assertTrue(first.getMessage().startsWith("the first changeset failed: "), first.getMessage());
      assertEquals(1, read.size());
      assertEquals("42P07", read.get(0).detail().sqlState());
      // Caught and set aside, it comes again from the next statement, and from a commit.
      assertSame(
          first,
          assertThrows(MigrateException.class, () -> jdbc.execute("CREATE TABLE a_after (x int)")));
      assertSame(first, assertThrows(MigrateException.class, () -> jdbc.commitAfter(null)));
      assertSame(first, jdbc.failedAhead());
      assertNull(jdbc.failedAhead());
      assertFalse(jdbc.inTransaction());
      assertEquals(1, (int) jdbc.queryFirst("SELECT 1", r -> r.getInt(1)));
    }
    assertEquals(List.of("a_taken"), db.rows(TABLES + " ORDER BY 1"));
  }
}
