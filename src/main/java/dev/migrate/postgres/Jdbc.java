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
import java.util.function.UnaryOperator;
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
  // A commit whose reply is still to be read (settle).
  final CommitAhead ahead = new CommitAhead(this);
  // Whether a transaction is open, while a commit is ahead: the connection is not to be touched.
  boolean transaction;

  /** The search path for {@link #searchPath}; null where its role may not read the counts. */
  public static final String SEARCH_PATH = CatalogUntouched.SEARCH_PATH;

  public Jdbc(Connection connection) {
    this.connection = connection;
    this.pipeline =
        Pipeline.of(connection, sql -> slow == null ? () -> {} : slow.watchSent(sql), this::settle);
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
    settle();
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
    if (ahead.pending()) {
      return transaction;
    }
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
    settle();
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
    settle();
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
    settle();
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

  /** Opens a transaction, which {@link #commitAfter} or {@link #rollback} ends. */
  public void begin() {
    transaction = true;
    try {
      if (!ahead.pending()) {
        connection.setAutoCommit(false); // else once the reply is read (settle)
      }
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
    String tail = sql == null ? "COMMIT" : sql + ";\nCOMMIT";
    CommitAhead.Outcome outcome = ahead.armed();
    Pipeline.Batch ready =
        outcome == null || writes.unverified ? null : pipeline.ready(tail, params);
    settle();
    writes.committed = true;
    try {
      Runnable trip;
      if (writes.unverified && CatalogUntouched.commitAfter(this, sql, params)) {
        trip = null;
      } else if (ready != null && (trip = pipeline.later(ready)) != null) {
        transaction = false;
        ahead.send(trip, outcome);
        return;
      } else if (!pipeline.sendWith(tail, params)) {
        if (sql != null) {
          record(tail, params);
        } else {
          connection.commit();
        }
      }
      connection.setAutoCommit(true); // after a COMMIT sent as SQL, this sends nothing
      transaction = false;
    } catch (SQLException e) {
      throw SqlFailure.of("COMMIT", e);
    }
    if (outcome != null) {
      outcome.committed().run();
    }
  }

  /**
   * Runs {@code commit}, whose {@link #commitAfter} may go without waiting for its reply ({@link
   * CommitAhead}): {@code committed} runs once the reply says so; {@code failed} makes a failure
   * the committed changeset's.
   */
  public void commitAhead(
      UnaryOperator<MigrateException> failed, Runnable committed, Runnable commit) {
    ahead.arm(new CommitAhead.Outcome(failed, committed), commit);
  }

  /** Reads the reply of a commit sent ahead, if any, before anything else is sent. */
  public void settle() {
    ahead.settle();
  }

  /** The failure of a commit sent ahead that this connection met, once; null when none. */
  public MigrateException failedAhead() {
    return ahead.failure();
  }

  /** Rolls back quietly: it runs on a path that already has an error to report. */
  public void rollback() {
    try {
      settle();
    } catch (MigrateException e) {
      // Kept (failedAhead): the rollback goes on, and the next statement throws it.
    }
    transaction = false;
    pipeline.drop();
    writes.undone++;
    if (writes.unverified) {
      writes.unverified = false;
      writes.catalog++; // no longer to be asked: its count ends with it
    }
    try { // a connection known lost took its transaction with it, and the error says it was lost
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.warn("rollback failed: {}", e.getMessage());
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
