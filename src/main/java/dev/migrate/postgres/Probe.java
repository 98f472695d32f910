package dev.migrate.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Work whose effect is only looked at: a plan asked for, a statement tried. */
final class Probe {
  private Probe() {}

  /**
   * Runs {@code work} and undoes whatever it did: inside a savepoint when a transaction is open,
   * else in a transaction of its own that is rolled back.
   */
  static <T> T undone(Jdbc jdbc, java.util.function.Supplier<T> work) {
    boolean own = !jdbc.inTransaction();
    if (own) {
      jdbc.begin();
    } else {
      jdbc.execute("SAVEPOINT migrate_probe");
    }
    long before = jdbc.writes.catalog;
    try {
      return work.get();
    } finally {
      if (own) {
        jdbc.rollback();
      } else {
        jdbc.execute("ROLLBACK TO SAVEPOINT migrate_probe; RELEASE SAVEPOINT migrate_probe");
      }
      // What the work did is undone: the catalog is as it was, though the server counted the
      // catalog rows it wrote (CatalogUntouched counts anew before the next rows).
      jdbc.writes.catalog = before;
      jdbc.writes.markedAt = -1;
    }
  }

  /**
   * The first row of a query whose columns a changelog decides (a sqlCheck's), unprepared: one kept
   * across DDL that retypes them would be refused ("cached plan must not change result type").
   */
  static <T> T firstUnprepared(Jdbc jdbc, String sql, Row<T> row) {
    jdbc.settle();
    jdbc.pipeline.flush();
    try (Statement statement = jdbc.connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? row.read(rs) : null;
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    }
  }

  /**
   * Whether two SELECT lists ({@code … FROM t} or none) plan alike: EXPLAIN prints each expression
   * as PostgreSQL resolved it, casts and case included. False when either does not plan. Asked in a
   * savepoint, so a failure leaves the transaction as it was.
   */
  static boolean samePlan(Jdbc jdbc, String select, String other) {
    try {
      return undone(jdbc, () -> planned(jdbc, select).equals(planned(jdbc, other)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static java.util.List<String> planned(Jdbc jdbc, String select) {
    return jdbc.query("EXPLAIN (VERBOSE, COSTS OFF) SELECT " + select, rs -> rs.getString(1));
  }
}
