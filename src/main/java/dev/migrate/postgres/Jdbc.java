package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every statement goes through: it logs and times each one and turns a {@link
 * SQLException} into a {@link MigrateException} that shows the SQL and its SQLSTATE.
 */
public final class Jdbc {
  private static final Logger log = LoggerFactory.getLogger(Jdbc.class);

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private SlowStatements slow;

  public Jdbc(Connection connection) {
    this.connection = connection;
  }

  /** From now on, a statement that runs long says so through {@code slow}. */
  public void reportSlow(SlowStatements slow) {
    this.slow = slow;
  }

  private SlowStatements.Watch watch(String sql) {
    return slow == null ? () -> {} : slow.watch(sql);
  }

  // Whether a COMMIT ran, or a statement that commits itself (outside a transaction, not a SET).
  private boolean committed;

  /** Whether a write may have been committed on this connection since it was opened. */
  public boolean committedAny() {
    return committed;
  }

  // How many statements this connection has run that may have changed the catalog (settings and
  // savepoints change none): while it stays the same, the catalog is as this connection read it.
  private long catalogWrites;
  private static final java.util.regex.Pattern NO_CATALOG_CHANGE =
      java.util.regex.Pattern.compile("(?is)\\s*(SET|SAVEPOINT|RELEASE|ROLLBACK\\s+TO)\\s.*");

  public long catalogWrites() {
    return catalogWrites;
  }

  // Rollbacks, to a savepoint or not, and excused failures: what their statements made is gone.
  private long undone;

  public long undone() {
    return undone;
  }

  // Runs once, right before the next statement that may write (see beforeWrite).
  private Runnable beforeWrite;

  /** Runs {@code first} once, before the next statement that may write; null forgets it. */
  public void beforeWrite(Runnable first) {
    beforeWrite = first;
  }

  private void noteWrite(String sql) {
    if (beforeWrite != null) {
      Runnable first = beforeWrite;
      beforeWrite = null; // what it writes itself comes after it
      first.run();
    }
    if (!NO_CATALOG_CHANGE.matcher(sql).matches()) {
      catalogWrites++;
    } else if (sql.stripLeading().regionMatches(true, 0, "ROLLBACK TO", 0, 11)) {
      undone++;
    }
    if (!inTransaction() && !sql.stripLeading().regionMatches(true, 0, "SET ", 0, 4)) {
      committed = true;
    }
  }

  /** Runs a statement that returns no rows (DDL, or SQL text from a changelog). */
  public void execute(String sql) {
    noteWrite(sql);
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement();
        SlowStatements.Watch watch = watch(sql)) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    } finally {
      log.debug("{} ms: {}", (System.nanoTime() - start) / 1_000_000, Passwords.hidden(sql));
    }
  }

  /** Whether a transaction is open, in which savepoints can undo part of it. */
  public boolean inTransaction() {
    try {
      return !connection.getAutoCommit();
    } catch (SQLException e) {
      throw SqlFailure.of("SHOW autocommit", e);
    }
  }

  /**
   * Runs a statement that may fail for a reason {@code explain} accepts: inside a savepoint, so a
   * failure leaves the transaction usable. Returns null when it ran, else the explanation.
   */
  public String executeOrExplain(String sql, Decision.Excuse explain) {
    noteWrite(sql);
    boolean inTransaction = inTransaction();
    if (inTransaction) {
      execute("SAVEPOINT migrate_step");
    }
    try (Statement statement = connection.createStatement();
        SlowStatements.Watch watch = watch(sql)) {
      statement.execute(sql);
      log.debug("ran: {}", Passwords.hidden(sql));
    } catch (SQLException e) {
      undone++;
      if (inTransaction) {
        try {
          execute("ROLLBACK TO SAVEPOINT migrate_step");
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
    if (inTransaction) {
      execute("RELEASE SAVEPOINT migrate_step");
    }
    return null;
  }

  /** Writes rows of the revision table, which changes no catalog: a snapshot read before stays. */
  public int record(String sql, Object... params) {
    long writes = catalogWrites;
    int rows = update(sql, params);
    catalogWrites = writes;
    return rows;
  }

  /** Runs a statement with bind parameters and returns the number of rows it changed. */
  public int update(String sql, Object... params) {
    noteWrite(sql);
    try (PreparedStatement statement = prepare(sql, params);
        SlowStatements.Watch watch = watch(sql)) {
      statement.execute(); // a statement after the first may return rows (commitAfter)
      return statement.getUpdateCount();
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    }
  }

  public <T> List<T> query(String sql, Row<T> row, Object... params) {
    long start = System.nanoTime();
    try (PreparedStatement statement = prepare(sql, params);
        ResultSet rs = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(row.read(rs));
      }
      return rows;
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    } finally {
      if (log.isTraceEnabled()) {
        log.trace("{} ms: {}", (System.nanoTime() - start) / 1_000_000, Passwords.hidden(sql));
      }
    }
  }

  /** The first row, or null when there is none. */
  public <T> T queryFirst(String sql, Row<T> row, Object... params) {
    List<T> rows = query(sql, row, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * The first row of a query whose columns a changelog decides (a sqlCheck's), unprepared: one kept
   * across DDL that retypes them would be refused ("cached plan must not change result type").
   */
  public <T> T queryFirstUnprepared(String sql, Row<T> row) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? row.read(rs) : null;
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    }
  }

  /** Opens a transaction; the connection stays in it until {@link #commit} or {@link #rollback}. */
  public void begin() {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw SqlFailure.of("BEGIN", e);
    }
  }

  public void commit() {
    commitAfter(null);
  }

  /**
   * Runs {@code sql} (null for none), statements whose results nobody reads and that change no
   * catalog (revision rows, the lock's proof), then commits, in one round trip: when one fails, the
   * server runs nothing after it, and nothing is committed.
   */
  public void commitAfter(String sql, Object... params) {
    committed = true;
    try {
      if (sql != null) {
        record(sql + ";\nCOMMIT", params);
      } else {
        connection.commit();
      }
      connection.setAutoCommit(true); // after a COMMIT sent as SQL, this sends nothing
    } catch (SQLException e) {
      throw SqlFailure.of("COMMIT", e);
    }
  }

  /** Rolls back quietly: it runs on a path that already has an error to report. */
  public void rollback() {
    undone++;
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.warn("rollback failed: {}", e.getMessage());
    }
  }

  /**
   * Runs {@code work} and undoes whatever it did: inside a savepoint when a transaction is open,
   * else in a transaction of its own that is rolled back.
   */
  public <T> T inSavepoint(java.util.function.Supplier<T> work) {
    boolean own = !inTransaction();
    if (own) {
      begin();
    } else {
      execute("SAVEPOINT migrate_probe");
    }
    long writes = catalogWrites;
    try {
      return work.get();
    } finally {
      if (own) {
        rollback();
      } else {
        execute("ROLLBACK TO SAVEPOINT migrate_probe");
        execute("RELEASE SAVEPOINT migrate_probe");
      }
      // What the work did is undone: the catalog is as it was.
      catalogWrites = writes;
    }
  }

  /**
   * Asks the server to cancel the statement this connection is running, from another thread; the
   * statement then fails with SQLSTATE 57014 and its transaction can only roll back.
   */
  public void cancel() {
    try {
      connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
    } catch (SQLException e) {
      log.debug("cancelling the running statement: {}", e.getMessage());
    }
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
    return statement;
  }
}
