package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;
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

  final Connection connection;
  private SlowStatements slow;
  final Pipeline pipeline;
  final Writes writes = new Writes();
  // The search path the session began with; null until told (nothing runs as rows then).
  String searchPath;

  /** The search path for {@link #searchPath}; null where its role may not read the counts. */
  public static final String SEARCH_PATH = CatalogUntouched.SEARCH_PATH;

  public Jdbc(Connection connection) {
    this.connection = connection;
    this.pipeline = Pipeline.of(connection, sql -> slow == null ? () -> {} : slow.watchSent(sql));
  }

  /** From now on, a statement that runs long says so through {@code slow}. */
  public void reportSlow(SlowStatements slow) {
    this.slow = slow;
  }

  SlowStatements.Watch watch(String sql) {
    return slow == null ? () -> {} : slow.watch(sql);
  }

  /** Whether a write may have been committed on this connection since it was opened. */
  public boolean committedAny() {
    return writes.committed;
  }

  /**
   * How many statements this connection has sent that may have changed the catalog: while it stays
   * the same, the catalog is as this connection read it.
   */
  public long catalogWrites() {
    if (writes.unverified) {
      CatalogUntouched.verify(this);
    }
    return writes.catalog;
  }

  /** The search path the session began with, as {@link #SEARCH_PATH} reads it. */
  public void searchPath(String path) {
    searchPath = path;
  }

  /** Runs statements the catalog cannot follow, as rows ({@link CatalogUntouched}). */
  public <T> T writingRows(java.util.function.Supplier<T> statements) {
    return CatalogUntouched.writing(this, statements);
  }

  /** How many times what this connection did was undone (rolled back, or failed and excused). */
  public long undone() {
    return writes.undone;
  }

  /** Runs {@code first} once, before the next statement that may write; null forgets it. */
  public void beforeWrite(Runnable first) {
    writes.before = first;
  }

  /** Runs a statement nothing excuses; in a transaction, {@link Pipeline} may hold it back. */
  public void executeHeld(String sql, Step step) {
    if (!hold(sql, step)) {
      execute(sql);
    }
  }

  /** Writes revision rows as {@link #record} does, its count unread; it may be held back too. */
  public void recordHeld(String sql, Object... params) {
    long before = writes.catalog;
    if (!hold(sql, null, params)) {
      record(sql, params);
    }
    writes.catalog = before;
  }

  private boolean hold(String sql, Step step, Object... params) {
    if (!inTransaction() || !pipeline.holds(sql, params)) {
      return false;
    }
    writes.note(sql, true); // first: the claim it may run goes before it
    pipeline.hold(sql, step, params);
    return true;
  }

  /** Runs a statement that returns no rows (DDL, or SQL text from a changelog). */
  public void execute(String sql) {
    pipeline.flush();
    writes.note(sql, inTransaction());
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
   * Runs a statement that may fail for a reason {@code explain} accepts, in a transaction inside a
   * savepoint, so a failure leaves the transaction usable ({@link StepSavepoint}). Returns null
   * when it ran, else the explanation.
   */
  public String executeOrExplain(String sql, Decision.Excuse explain) {
    return StepSavepoint.run(this, sql, explain);
  }

  /** Writes rows of the revision table, which changes no catalog: a snapshot read before stays. */
  public int record(String sql, Object... params) {
    long before = writes.catalog;
    int rows = update(sql, params);
    writes.catalog = before;
    return rows;
  }

  /** Runs a statement with bind parameters and returns the number of rows it changed. */
  public int update(String sql, Object... params) {
    pipeline.flush();
    writes.note(sql, inTransaction());
    try (PreparedStatement statement = prepare(sql, params);
        SlowStatements.Watch watch = watch(sql)) {
      statement.execute(); // a statement after the first may return rows (commitAfter)
      return statement.getUpdateCount();
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    }
  }

  public <T> List<T> query(String sql, Row<T> row, Object... params) {
    pipeline.flush();
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
    pipeline.flush();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? row.read(rs) : null;
    } catch (SQLException e) {
      throw SqlFailure.of(sql, e);
    }
  }

  /** Opens a transaction, which {@link #commitAfter} or {@link #rollback} ends. */
  public void begin() {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw SqlFailure.of("BEGIN", e);
    }
    writes.markedAt = -1;
  }

  /**
   * Runs {@code sql} (null for none), statements whose results nobody reads and that change no
   * catalog (revision rows, the lock's proof), then commits, in one round trip: when one fails, the
   * server runs nothing after it, and nothing is committed.
   */
  public void commitAfter(String sql, Object... params) {
    writes.committed = true;
    try {
      if (writes.unverified && CatalogUntouched.commitAfter(this, sql, params)) {
        connection.setAutoCommit(true); // after a COMMIT sent as SQL, this sends nothing
        return;
      }
      boolean sent = pipeline.sendWith(sql == null ? "COMMIT" : sql + ";\nCOMMIT", params);
      if (!sent && sql != null) {
        record(sql + ";\nCOMMIT", params);
      } else if (!sent) {
        connection.commit();
      }
      connection.setAutoCommit(true); // after a COMMIT sent as SQL, this sends nothing
    } catch (SQLException e) {
      throw SqlFailure.of("COMMIT", e);
    }
  }

  /** Rolls back quietly: it runs on a path that already has an error to report. */
  public void rollback() {
    pipeline.drop();
    writes.undone++;
    if (writes.unverified) {
      writes.unverified = false;
      writes.catalog++; // no longer to be asked: its count ends with it
    }
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
    long before = writes.catalog;
    try {
      return work.get();
    } finally {
      if (own) {
        rollback();
      } else {
        execute("ROLLBACK TO SAVEPOINT migrate_probe; RELEASE SAVEPOINT migrate_probe");
      }
      // What the work did is undone: the catalog is as it was, though the server counted the
      // catalog rows it wrote (CatalogUntouched counts anew before the next rows).
      writes.catalog = before;
      writes.markedAt = -1;
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
