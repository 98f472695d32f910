package dev.migrate.engine;

import dev.migrate.model.Background;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Durations;
import dev.migrate.model.MigrateException;
import dev.migrate.postgres.AdvisoryLock;
import dev.migrate.postgres.Guards;
import dev.migrate.postgres.Jdbc;
import dev.migrate.postgres.PgCatalog;
import dev.migrate.postgres.PgDdl;
import dev.migrate.postgres.PreconditionCheck;
import dev.migrate.postgres.RevisionStore;
import dev.migrate.postgres.SlowStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections, catalog and revision store of one command: the work connection, and for commands
 * that write, a second one that holds the migrate lock and otherwise stays idle.
 */
final class Session implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  final Database database;
  final Connection work;
  final Jdbc jdbc;
  final String schema;
  final RevisionStore store;
  final String deploymentId =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
          + "-"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  final AdvisoryLock lock;
  private final Connection lockConnection;
  private final Settings settings;
  private final Consumer<String> warn;
  private final SlowStatements slow;
  // The catalog read from the start, for a command that asks about every object; null for one
  // that may ask about none (an upgrade with nothing to do) or that writes: that one's read waits
  // for the lock, or it could see a catalog another run is changing.
  private PgCatalog ahead;

  /** How often a statement that runs long says so, unless MIGRATE_PROGRESS_EVERY says otherwise. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  /**
   * A session that only reads; {@code wholeCatalog} when the command asks about every object of the
   * schema, whose catalog is then read while the command reads its revision rows.
   */
  Session(Settings settings, boolean wholeCatalog, Consumer<String> warn) {
    this(settings, false, wholeCatalog, warn, null);
  }

  Session(Settings settings, Consumer<String> warn, Consumer<String> notice) {
    this(settings, true, false, warn, notice);
  }

  /**
   * @param notice where a command that writes says that a statement still runs; null for none
   */
  private Session(
      Settings settings,
      boolean locking,
      boolean wholeCatalog,
      Consumer<String> warn,
      Consumer<String> notice) {
    this.settings = settings;
    this.warn = warn;
    database = Database.open(settings.connection(), settings.schema());
    try {
      work = database.connect();
      // The catalog's two connections (CatalogSnapshot#readAhead) open while this one is set up.
      // Not before it is open: a role allowed one connection would then find it taken.
      Queue<CompletableFuture<Connection>> catalogConnecting = new ConcurrentLinkedQueue<>();
      for (int i = 0; wholeCatalog && i < 2; i++) {
        catalogConnecting.add(Background.start("migrate-catalog-connection", database::connect));
      }
      // The lock's connection is opened while the work's is set up: to a server far away, its
      // round trips then cost nothing more.
      CompletableFuture<Connection> lockConnecting =
          locking ? Background.start("migrate-lock-connection", database::connect) : null;
      jdbc = new Jdbc(work);
      // The session's settings, made in the round trip that asks for the current schema:
      // - literals are written with doubled quotes only, safe while backslashes are plain
      // characters;
      // - when this process dies, its backend should notice soon and roll back, rather than run a
      //   long statement to its end holding locks the next run waits for (PostgreSQL 14 and later);
      // - a migration must not queue behind a long transaction holding every other query up.
      Map<String, String> set = new LinkedHashMap<>();
      set.put("standard_conforming_strings", "on");
      if (serverVersion(work) >= 140000) {
        set.put("client_connection_check_interval", "1000");
      }
      set.put("lock_timeout", Long.toString(settings.lockTimeout().toMillis()));
      if (locking) {
        // A command that writes commits without waiting for each commit's WAL to reach disk,
        // and close() flushes once at the end: see docs/reliability.md for why nothing is lost.
        set.put("synchronous_commit", "off");
      }
      if (settings.statementTimeout() != null) {
        set.put("statement_timeout", Long.toString(settings.statementTimeout().toMillis()));
      }
      // The search path too: statements the catalog cannot follow are looked at afterwards by
      // the server, which says whether they left the catalog, and it, as they were.
      StringBuilder sql = new StringBuilder("SELECT current_schema(), " + Jdbc.SEARCH_PATH);
      set.forEach(
          (name, value) ->
              sql.append(", set_config('")
                  .append(name)
                  .append("', '")
                  .append(value)
                  .append("', false)"));
      String[] read =
          jdbc.queryFirst(sql.toString(), rs -> new String[] {rs.getString(1), rs.getString(2)});
      String current = read[0];
      jdbc.searchPath(read[1]);
      schema = settings.schema() != null ? settings.schema() : current;
      if (schema == null) {
        throw MigrateException.failed(
            "the connection has no current schema (search_path is empty); pass --schema");
      }
      store = new RevisionStore(jdbc, schema, settings.revisionTable());
      if (wholeCatalog) {
        ahead =
            PgCatalog.snapshot(
                jdbc,
                schema,
                () -> {
                  CompletableFuture<Connection> opened = catalogConnecting.poll();
                  return opened != null ? joined(opened) : database.connect();
                });
      }
      lockConnection = locking ? joined(lockConnecting) : work;
      lock = new AdvisoryLock(lockConnection, store.name());
      slow =
          locking && notice != null
              ? new SlowStatements(
                  lockConnection, backendPid(work), progressEvery(settings), notice)
              : null;
      jdbc.reportSlow(slow);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  // The connection opened on another thread, or its failure as connecting here would have met it.
  private static Connection joined(CompletableFuture<Connection> connecting) {
    try {
      return connecting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  // One synchronous commit waits until the WAL of every commit before it is on disk: a
  // transaction that is given an id writes a commit record, and with synchronous_commit on its
  // commit returns once that record, and all before it, is flushed.
  private void flushCommits() {
    try {
      if (!work.getAutoCommit()) {
        work.rollback();
        work.setAutoCommit(true);
      }
      jdbc.execute("SET synchronous_commit = on; SELECT pg_catalog.txid_current()");
    } catch (SQLException | RuntimeException e) {
      // The connection is gone: what it committed is the server's to keep.
      log.debug("flushing commits: {}", e.getMessage());
    }
  }

  /**
   * Asks the server to cancel the statement the work connection is running, from another thread;
   * the statement then fails with SQLSTATE 57014 and its transaction can only roll back.
   */
  void cancel() {
    try {
      work.unwrap(org.postgresql.PGConnection.class).cancelQuery();
    } catch (SQLException e) {
      log.debug("cancelling the running statement: {}", e.getMessage());
    }
  }

  ChangesetRunner runner(Changelog changelog) {
    PgDdl ddl = new PgDdl(schema);
    // Every question is answered from one snapshot of the catalog until this connection runs a
    // statement that may change it (revision rows do not); from then on, by the server.
    PgCatalog catalog = ahead != null ? ahead : PgCatalog.snapshot(jdbc, schema, database::connect);
    ahead = null;
    store.tell(catalog);
    return new ChangesetRunner(
        jdbc,
        new Guards(catalog, ddl),
        new PreconditionCheck(catalog, ddl, this::executed),
        store,
        deploymentId,
        LaterSteps.of(changelog),
        warn,
        new Changeset.Timeouts(
            settings.lockTimeout().toMillis(),
            settings.statementTimeout() == null ? 0L : settings.statementTimeout().toMillis()),
        lock);
  }

  // changeSetExecuted, answered from the revision table: any status, in that file when given.
  private boolean executed(String id, String author, String file) {
    return store.readAll().stream()
        .anyMatch(
            r ->
                r.id().equals(id)
                    && r.author().equals(author)
                    && (file == null || r.filename().equals(file)));
  }

  /**
   * Decides the changelog-level preConditions that need the database, asked of the server itself
   * (no snapshot is read for them), before the command does anything.
   */
  void decideChangelogPreconditions(Changelog changelog) {
    if (!changelog.preconditions().isEmpty()) {
      PreconditionCheck check =
          new PreconditionCheck(PgCatalog.live(jdbc), new PgDdl(schema), this::executed);
      new ChangelogPreconditionCheck(check, warn).decide(changelog.preconditions());
    }
  }

  /**
   * Commits revision rows a command wrote itself (stamp), once the lock is proven still ours: a run
   * that lost it may have another beside it, and must not record anything more.
   */
  void commitUnderLock() {
    lock.commitProven(jdbc, null);
  }

  String lockHolder() {
    return lock.holder();
  }

  // The server's version as a number, 150013 for 15.13; the driver learned it at connect time.
  private static int serverVersion(Connection connection) {
    try {
      return connection.getMetaData().getDatabaseMajorVersion() * 10000
          + connection.getMetaData().getDatabaseMinorVersion();
    } catch (SQLException e) {
      throw MigrateException.failed("cannot read the server's version: " + e.getMessage());
    }
  }

  // The driver learned it at connect time (BackendKeyData): no round trip.
  private static int backendPid(Connection connection) {
    try {
      return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    } catch (SQLException e) {
      throw MigrateException.failed("cannot read the connection's backend pid: " + e.getMessage());
    }
  }

  private static Duration progressEvery(Settings settings) {
    String given = settings.environment().get("MIGRATE_PROGRESS_EVERY");
    if (given == null || given.isEmpty()) {
      return PROGRESS_EVERY;
    }
    Duration every = Durations.parse(given, ChronoUnit.SECONDS);
    if (every == null || every.isZero()) {
      throw MigrateException.invalid(
          "MIGRATE_PROGRESS_EVERY='" + given + "' is not a duration such as 10s or 1m");
    }
    return every;
  }

  @Override
  public void close() {
    // A commit still on its way is read first (CommitAhead). Its failure was thrown by the run,
    // which took it, unless the run stopped on an error of its own before it met it.
    try {
      jdbc.settle();
    } catch (MigrateException e) {
      // kept: failedAhead
    }
    MigrateException unread = jdbc.failedAhead();
    if (unread != null) {
      log.warn("{}", unread.getMessage());
    }
    // Flushed while the watch on slow statements still runs: every statement goes through it, and
    // once it is closed it refuses to watch one.
    if (jdbc.committedAny()) {
      flushCommits();
    }
    if (slow != null) {
      slow.close();
    }
    lock.close();
    try {
      work.close();
      if (lockConnection != work) {
        lockConnection.close();
      }
    } catch (SQLException e) {
      log.debug("closing connections: {}", e.getMessage());
    }
    database.close();
  }
}
