package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.MigrateException;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements held back in a transaction reach the server in order, before anything that reads, and
 * with the commit; a failure among them is reported as the failed statement's, the ones after it
 * never run, and the transaction cannot go on as if nothing happened.
 */
class PipelineTest {
  private static final String TABLES = "SELECT relname FROM pg_class WHERE relname LIKE 'p\\_%'";

  @Test
  void heldStatementsRunInOrderWithTheCommit() throws Exception {
    TestDb db = new TestDb("held_order");
    inTransaction(
        db,
        jdbc -> {
          jdbc.executeHeld("CREATE TABLE p_a (x int) -- a comment ends the line", null);
          jdbc.executeHeld("CREATE TABLE p_b (x int);", null);
          jdbc.executeHeld("ALTER TABLE p_a ADD y int", null);
          assertEquals(List.of(), db.rows(TABLES)); // nothing sent yet
          jdbc.commitAfter(null);
        });
    assertEquals(List.of("p_a", "p_b"), db.rows(TABLES + " ORDER BY 1"));
    assertEquals(List.of("x:integer:false", "y:integer:false"), db.columns("p_a"));
  }

  @Test
  void aQuestionSeesWhatWasHeldBeforeIt() throws Exception {
    TestDb db = new TestDb("held_read");
    inTransaction(
        db,
        jdbc -> {
          jdbc.executeHeld("CREATE TABLE p_a (x int)", null);
          assertEquals(
              "t", jdbc.queryFirst("SELECT to_regclass('p_a') IS NOT NULL", r -> r.getString(1)));
          jdbc.rollback();
        });
    assertEquals(List.of(), db.rows(TABLES));
  }

  @Test
  void aFailureIsTheFailedStatementsAndNothingAfterItRuns() throws Exception {
    TestDb db = new TestDb("held_failure");
    db.execute("CREATE TABLE p_taken (x int)");
    inTransaction(
        db,
        jdbc -> {
          jdbc.executeHeld("CREATE TABLE p_first (x int)", null);
          jdbc.executeHeld("CREATE TABLE p_taken (y int)", null);
          jdbc.executeHeld("CREATE TABLE p_after (x int)", null);
          MigrateException e = assertThrows(MigrateException.class, () -> jdbc.commitAfter(null));
          assertInstanceOf(HeldStatementFailure.class, e);
          assertEquals("CREATE TABLE p_taken (y int)", e.detail().sql());
          assertEquals("42P07", e.detail().sqlState());
          assertEquals(
              "ERROR: relation \"p_taken\" already exists [SQLSTATE 42P07]\n"
                  + "  SQL: CREATE TABLE p_taken (y int)",
              e.getMessage());
          // Until it rolls back, every statement reports that failure, not a transaction aborted.
          MigrateException again =
              assertThrows(MigrateException.class, () -> jdbc.queryFirst("SELECT 1", r -> 1));
          assertSame(e, again);
          jdbc.rollback();
          assertEquals("1", jdbc.queryFirst("SELECT 1", r -> r.getString(1)));
        });
    assertEquals(List.of("p_taken"), db.rows(TABLES));
  }

  @Test
  void aQuestionMarkIsTextNotAParameter() throws Exception {
    TestDb db = new TestDb("held_marks");
    inTransaction(
        db,
        jdbc -> {
          jdbc.executeHeld("CREATE TABLE p_a (x int DEFAULT length('why?'))", null);
          jdbc.executeHeld("CREATE VIEW p_v AS SELECT '{\"k\": 1}'::jsonb ? 'k' AS has_k", null);
          jdbc.executeHeld("COMMENT ON TABLE p_a IS 'who? what?'", null);
          jdbc.commitAfter(null);
        });
    assertEquals("t", db.one("SELECT has_k FROM p_v"));
    assertEquals("who? what?", db.one("SELECT obj_description('p_a'::regclass)"));
    assertTrue(db.one("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef").contains("why?"));
  }

  private interface Work {
    void run(Jdbc jdbc) throws Exception;
  }

  // Runs work on a connection of its own to db, in a transaction it opens.
  private static void inTransaction(TestDb db, Work work) throws Exception {
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      jdbc.begin();
      work.run(jdbc);
    }
  }

  @Test
  void outsideATransactionAStatementRunsAtOnce() throws Exception {
    TestDb db = new TestDb("held_autocommit");
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      jdbc.executeHeld("CREATE TABLE p_a (x int)", null);
      assertFalse(db.rows(TABLES).isEmpty());
    }
  }
}
