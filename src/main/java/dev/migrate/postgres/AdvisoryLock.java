package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The migrate lock: a session-level advisory lock held on a connection of its own, which stays idle
 * while the work runs on another. Session-level, so a dead process drops it with its connection; on
 * its own connection, so no transaction of the work holds it (a transaction-level lock deadlocks
 * against CREATE INDEX CONCURRENTLY). Polled with pg_try_advisory_lock so the wait can say who
 * holds it.
 */
public final class AdvisoryLock implements AutoCloseable {
  // The two-int form: the first key marks migrate's locks, the second the revision table.
  private static final int NAMESPACE = 0x6d677274; // "mgrt"

  // How long the proof may wait for the lock connection to answer before taking it for lost.
  private static final int PROOF_TIMEOUT_MILLIS = 10_000;

  private final Jdbc jdbc;
  private final int key;
  private final String table;
  private boolean held;
  // The backend that holds it: its pid, and when it started (STARTED).
  private int pid;
  private long started;
  // Why the proof failed, once it has: every later proof fails too, so nothing a run does after
  // losing the lock (a changeset with failOnError false, rows written before a failure is
  // reported) is recorded.
  private String lostWhy;
  private final Connection connection;

  public AdvisoryLock(Connection connection, String revisionTable) {
    this.connection = connection;
    this.jdbc = new Jdbc(connection);
    this.key = revisionTable.hashCode() & 0x7fffffff;
    this.table = revisionTable;
  }

  /** Takes the lock, waiting up to {@code wait}; {@code progress} hears who holds it meanwhile. */
  public void acquire(Duration wait, Consumer<String> progress) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = 50;
    String lastHolder = null;
    while (!tryLock()) {
      String holder = holder();
      if (holder != null && !holder.equals(lastHolder)) {
        progress.accept("waiting for the migrate lock on " + table + ", held by " + holder);
        lastHolder = holder;
      }
      if (System.nanoTime() > deadline) {
        throw MigrateException.failed(
            "gave up waiting for the migrate lock on "
                + table
                + " after "
                + wait.toSeconds()
                + " s"
                + (holder == null ? "" : "; it is held by " + holder));
      }
      sleep(pause);
      pause = Math.min(pause * 2, 1000);
    }
    held = true;
  }

  // Takes the lock if it is free, and learns which backend holds it now: its pid, and when it
  // started, which tells it from a later backend given the same pid.
  private boolean tryLock() {
    return Boolean.TRUE.equals(
        jdbc.queryFirst(
            """
            SELECT pg_try_advisory_lock(?, ?), pg_backend_pid(),
                   (SELECT %s FROM pg_catalog.pg_stat_activity a WHERE a.pid = pg_backend_pid())
            """
                .formatted(STARTED),
            rs -> {
              pid = rs.getInt(2);
              started = rs.getLong(3);
              return rs.getBoolean(1);
            },
            NAMESPACE,
            key));
  }

  // When a backend started, in microseconds: a number both connections read alike.
  private static final String STARTED = "(extract(epoch FROM a.backend_start) * 1000000)::bigint";

  // The lock granted to the backend {@code pid} names (an SQL expression), in this database. The
  // function under the pg_locks view, called as the view does (whoever may read the view may call
  // it): planned in half the time, which each changeset's commit pays.
  private String grantedTo(String pid) {
    return """
        EXISTS (SELECT 1 FROM pg_catalog.pg_lock_status() l
                WHERE l.pid = %s
                  AND l.locktype = 'advisory'
                  AND l.granted
                  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                  AND l.classid = %d::oid
                  AND l.objid = %d::oid
                  AND l.objsubid = 2)"""
        .formatted(pid, NAMESPACE, key);
  }

  /** Who holds the lock: pid, application, client address and since when; null if nobody now. */
  public String holder() {
    return jdbc.queryFirst(
        """
        SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start
        FROM pg_catalog.pg_locks l
        JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory'
          AND l.granted
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
          AND l.classid = ?::integer::oid
          AND l.objid = ?::integer::oid
          AND l.objsubid = 2
        """,
        rs ->
            "pid "
                + rs.getInt(1)
                + " ("
                + (rs.getString(2) == null || rs.getString(2).isEmpty()
                    ? "no application name"
                    : rs.getString(2))
                + ", "
                + (rs.getString(3) == null ? "local socket" : rs.getString(3))
                + ", connected since "
                + rs.getTimestamp(4).toInstant()
                + ")",
        NAMESPACE,
        key);
  }

  /**
   * Proves the lock is still ours: its connection answers, and pg_locks shows the lock granted to
   * that connection's backend. A session lock is lost silently when its connection dies (an idle
   * session killer, a proxy, a network cut); another run may then take it, so the work must stop
   * before it records anything more. Fails with the reason when the proof fails.
   */
  public void prove() {
    if (lostWhy != null) {
      throw lost(lostWhy, null);
    }
    if (!held) {
      return;
    }
    Boolean granted;
    try {
      granted =
          withNetworkTimeout(
              () ->
                  jdbc.queryFirst(
                      "SELECT " + grantedTo("pg_backend_pid()"), rs -> rs.getBoolean(1)));
    } catch (MigrateException e) {
      held = false;
      lostWhy =
          "its connection no longer answers ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")";
      throw lost(lostWhy, e);
    }
    if (!Boolean.TRUE.equals(granted)) {
      held = false;
      lostWhy = "its connection no longer holds it";
      throw lost(lostWhy, null);
    }
  }

  // What the proof's error says when the lock is no longer held.
  private static final String NOT_HELD = "the migrate lock is no longer held";

  /**
   * Commits the open transaction of {@code work} after {@code sql} (statements that need no answer,
   * such as revision rows; null for none), once the lock is proven still ours: the proof runs on
   * that connection, between the two, all in one round trip. The server's lock table is the
   * witness: while the backend that took the lock still holds it, no other run can have it. When
   * the proof fails, the server runs nothing after it, so nothing is committed, and the transaction
   * can only roll back. A backend that started after the lock was taken is not the one that took
   * it, even with the same pid; where the role the work runs as cannot see when that backend
   * started (a changelog's SET ROLE), its pid alone is the witness.
   */
  public void commitProven(Jdbc work, String sql, Object... params) {
    if (lostWhy != null) {
      throw lost(lostWhy, null);
    }
    if (!held) {
      work.commitAfter(sql, params);
      return;
    }
    // A statement, not a DO block: its plan is kept, where a block is planned on every run. When
    // the lock is not held, it fails casting a text that says so (the cast of a subquery's value
    // is made only when that branch is taken).
    // The backend as bind values: the same text every time, kept prepared (RecurringStatements).
    String proof =
        """
        SELECT CASE WHEN %s
                     AND COALESCE((SELECT %s = ? FROM pg_catalog.pg_stat_get_activity(?) a), true)
               THEN 0 ELSE (SELECT '%s'::text)::integer END"""
            .formatted(grantedTo("?"), STARTED, NOT_HELD);
    Object[] all = java.util.Arrays.copyOf(params, params.length + 3);
    all[params.length] = pid;
    all[params.length + 1] = started;
    all[params.length + 2] = pid;
    try {
      work.commitAfter(sql == null ? proof : sql + ";\n" + proof, all);
    } catch (MigrateException e) {
      throw failure(e);
    }
  }

  /**
   * A failure of a commit this lock proved, as this lock reads it: the lock lost when the proof
   * failed, else the failure itself (also for a commit whose reply was read later, CommitAhead).
   */
  public MigrateException failure(MigrateException e) {
    if ("22P02".equals(e.detail().sqlState()) && e.getMessage().contains(NOT_HELD)) {
      held = false;
      lostWhy = "its connection no longer holds it";
      return lost(lostWhy, e);
    }
    return e;
  }

  private MigrateException lost(String why, Throwable cause) {
    return new MigrateException(
        MigrateException.FAILED,
        "lost the migrate lock on "
            + table
            + ": "
            + why
            + ". Another run may now be applying changesets,"
            + " so this one stops; run it again once no other run is active.",
        cause);
  }

  @Override
  public void close() {
    if (held) {
      held = false;
      try {
        jdbc.queryFirst("SELECT pg_advisory_unlock(?, ?)", rs -> rs.getBoolean(1), NAMESPACE, key);
      } catch (MigrateException e) {
        // Closing the connection releases a session lock anyway.
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MigrateException.failed("interrupted while waiting for the migrate lock");
    }
  }

  // Runs {@code work} with a limit on how long the connection waits for the server to answer, so a
  // connection whose peer is gone fails instead of hanging.
  private <T> T withNetworkTimeout(java.util.function.Supplier<T> work) {
    int before;
    try {
      before = connection.getNetworkTimeout();
      connection.setNetworkTimeout(Runnable::run, PROOF_TIMEOUT_MILLIS);
    } catch (java.sql.SQLException e) {
      throw SqlFailure.of("(network timeout)", e);
    }
    try {
      return work.get();
    } finally {
      try {
        connection.setNetworkTimeout(Runnable::run, before);
      } catch (java.sql.SQLException e) {
        // The next statement on the connection says what is wrong with it.
      }
    }
  }
}
