package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement whose failure an excuse may explain (each raw statement, a createTable a later drop
 * explains), run in a transaction inside a savepoint so that its failure leaves the transaction
 * usable. The savepoint, the statement and its release go in one round trip, with whatever was held
 * before them, where each used to take one of its own: with the server 10 ms away, a raw
 * statement's round trips were most of a raw-SQL changelog's run (docs/benchmarks.md).
 */
final class StepSavepoint {
  private static final Logger log = LoggerFactory.getLogger(StepSavepoint.class);

  private static final String SAVEPOINT = "SAVEPOINT migrate_step";
  private static final String RELEASE = "RELEASE SAVEPOINT migrate_step";
  private static final String ROLLBACK = "ROLLBACK TO SAVEPOINT migrate_step";

  private StepSavepoint() {}

  /** Runs {@code sql} on {@code jdbc}: null when it ran, else the explanation of its failure. */
  static String run(Jdbc jdbc, String sql, Decision.Excuse explain) {
    boolean inTransaction = jdbc.inTransaction();
    jdbc.writes.note(sql, inTransaction); // first: the claim it may run goes before the savepoint
    SQLException e = inTransaction ? inSavepoint(jdbc, sql) : alone(jdbc, sql);
    if (e == null) {
      log.debug("ran: {}", Passwords.hidden(sql));
      return null;
    }
    jdbc.writes.undone++;
    if (inTransaction) {
      try {
        jdbc.execute(ROLLBACK);
      } catch (MigrateException lost) {
        // The connection is gone: the statement's own error says why, the rollback's would not.
        e.addSuppressed(lost);
        throw SqlFailure.of(sql, e);
      }
    }
    String reason = explain.explain(sql, e.getSQLState(), e.getMessage());
    if (reason == null) {
      throw SqlFailure.of(sql, e);
    }
    return reason;
  }

  // The statement between its savepoint and its release, sent with what is held where pgjdbc reads
  // it as statements with no bind markers, else alone after them; its failure, or null.
  private static SQLException inSavepoint(Jdbc jdbc, String sql) {
    jdbc.executeHeld(SAVEPOINT, null);
    try {
      if (jdbc.pipeline.sendWith(SqlWords.terminated(sql) + RELEASE)) {
        return null;
      }
    } catch (HeldStatementFailure e) {
      throw e; // one sent before it failed: not the statement's to excuse
    } catch (MigrateException e) {
      if (!(e.getCause() instanceof SQLException failed)) {
        throw e;
      }
      // Everything held went; the statement failed, and the rollback to its savepoint follows.
      jdbc.pipeline.drop();
      return failed;
    }
    SQLException e = alone(jdbc, sql);
    if (e == null) {
      jdbc.executeHeld(RELEASE, null);
    }
    return e;
  }

  private static SQLException alone(Jdbc jdbc, String sql) {
    try (Statement statement = jdbc.connection.createStatement();
        SlowStatements.Watch watch = jdbc.watch(sql)) {
      statement.execute(sql);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }
}
