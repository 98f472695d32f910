package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.migrate.model.MigrateException;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A statement with bind values that every round trip of held statements carries (a changeset's
 * claim, its row, the lock's proof) is prepared once on the server from the connection's
 * prepareThreshold-th use; the one-off statements sent with it are not kept there; the values are
 * bound right whatever their kinds; a failure leaves the next rounds as they were.
 */
class RecurringStatementsTest {
  private static final String ROW = "INSERT INTO p_log (n, note) VALUES (?, ?)";
  // The driver keeps its own ROLLBACK prepared, whatever was sent.
  private static final String PREPARED =
      "SELECT statement FROM pg_prepared_statements WHERE NOT from_sql AND statement <> 'ROLLBACK'"
          + " ORDER BY statement";

  @Test
  void aStatementSentInEveryRoundIsPreparedOnceAndTheOthersAreNotKept() throws Exception {
    TestDb db = new TestDb("recurring");
    assertEquals(
        List.of("INSERT INTO p_log (n, note) VALUES ($1, $2)"),
        rounds(db, 8, 5, i -> "round " + i, RecurringStatementsTest::ranByNameFromTheFifth));
    assertEquals(8, db.rows("SELECT 1 FROM pg_class WHERE relname LIKE 'p\\_t%'").size());
  }

  // The server counts the runs of a prepared statement from PostgreSQL 14 on: the row ran by its
  // name in rounds 5 to 8, not prepared once and then sent unnamed again.
  private static void ranByNameFromTheFifth(Connection c, Jdbc jdbc) throws Exception {
    if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
      assertEquals(
          List.of("4"),
          jdbc.query(
              "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
                  + " WHERE statement LIKE '%INSERT INTO p_log%'",
              r -> r.getString(1)));
    }
  }

  @Test
  void aThresholdOfZeroKeepsNone() throws Exception {
    assertEquals(
        List.of(), rounds(new TestDb("recurring_none"), 8, 0, i -> "round " + i, (c, j) -> {}));
  }

  @Test
  void aValueNullInOneRoundAndTextInTheNextIsBoundAsGivenEachTime() throws Exception {
    // Two kinds of values, each kept apart: a statement prepared for one is not bound the other.
    assertEquals(
        2,
        rounds(new TestDb("recurring_kinds"), 20, 5, i -> i % 3 == 0 ? null : "r" + i, (c, j) -> {})
            .size());
  }

  private interface After {
    void check(Connection c, Jdbc jdbc) throws Exception;
  }

  // Runs rounds 1..count on a connection with the driver's prepareThreshold, each writing
  // note(round), then after on that connection; checks the rows and returns the statements left
  // prepared on the server.
  private static List<String> rounds(
      TestDb db, int count, int threshold, IntFunction<String> note, After after) throws Exception {
    db.execute("CREATE TABLE p_log (n int, note text)");
    List<String> prepared;
    try (Connection c = connect(db)) {
      c.unwrap(PGConnection.class).setPrepareThreshold(threshold);
      Jdbc jdbc = new Jdbc(c);
      for (int i = 1; i <= count; i++) {
        round(jdbc, i, note.apply(i));
      }
      prepared = jdbc.query(PREPARED, r -> r.getString(1).strip());
      after.check(c, jdbc);
    }
    assertEquals(
        expected(count, note),
        db.rows("SELECT n || ':' || coalesce(note, 'null') FROM p_log ORDER BY n"));
    return prepared;
  }

  @Test
  void aFailureInTheRoundThatPreparesLeavesTheNextRoundsRight() throws Exception {
    TestDb db = new TestDb("recurring_failure");
    db.execute("CREATE TABLE p_log (n int, note text)", "CREATE TABLE p_t5 (x int)");
    try (Connection c = connect(db)) {
      Jdbc jdbc = new Jdbc(c);
      for (int i = 1; i <= 8; i++) {
        if (i != 5) {
          round(jdbc, i, "round " + i);
          continue;
        }
        // The fifth use, which would prepare the row, fails at the table made before it.
        int n = i;
        MigrateException e = assertThrows(MigrateException.class, () -> round(jdbc, n, "lost"));
        assertInstanceOf(HeldStatementFailure.class, e);
        assertEquals("42P07", e.detail().sqlState());
        jdbc.rollback();
      }
      assertEquals(
          List.of("INSERT INTO p_log (n, note) VALUES ($1, $2)"),
          jdbc.query(PREPARED, r -> r.getString(1).strip()));
    }
    assertEquals(
        expected(8, i -> "round " + i).stream().filter(r -> !r.startsWith("5:")).toList(),
        db.rows("SELECT n || ':' || note FROM p_log ORDER BY n"));
  }

  // A connection as a run opens it: the driver keeps its prepared statements across DDL.
  private static Connection connect(TestDb db) throws java.sql.SQLException {
    return db.server.connect(db.name, "flushCacheOnDdl=false");
  }

  // A transaction as a changeset's: a statement held, then the row and the commit together.
  private static void round(Jdbc jdbc, int i, String note) {
    jdbc.begin();
    jdbc.executeHeld("CREATE TABLE p_t" + i + " (x int)", null);
    jdbc.commitAfter(ROW, i, note);
  }

  private static List<String> expected(int rounds, IntFunction<String> note) {
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= rounds; i++) {
      String text = note.apply(i);
      rows.add(i + ":" + (text == null ? "null" : text));
    }
    return rows;
  }
}
