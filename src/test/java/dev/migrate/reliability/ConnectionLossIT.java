package dev.migrate.reliability;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection loss: while {@code bin/migrate upgrade head} runs a generated changelog, its work
 * connection or its lock connection is terminated (pg_terminate_backend) at a seeded random moment,
 * or the server is restarted under it. The run stops with a short error a person can read (no stack
 * trace without -v) and exit 1, never goes on without its lock, and the next run converges to what
 * a clean run leaves.
 *
 * <p>Short by default; the long form: {@code -Dreliability.connection.trials=150
 * -Dreliability.seed=S}.
 */
class ConnectionLossIT {
  // The backend holding migrate's advisory lock: the two-int form, the second key is objsubid 2.
  private static final String LOCK_HOLDER =
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
          + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  // What a user must read in the error: the connection ended, was closed, or the server is away.
  private static final Pattern CONNECTION_LOST =
      Pattern.compile(
          "57P0[123]|SQLSTATE 08|Connection is closed|lost the migrate lock|cannot connect|I/O error|connection",
          Pattern.CASE_INSENSITIVE);

  // How many runs a trial may start for its fault to reach one still at work.
  private static final int TRIES = 5;

  @TempDir Path dir;

  private enum Fault {
    WORK_CONNECTION,
    LOCK_CONNECTION,
    SERVER_RESTART
  }

  @Test
  void aLostConnectionStopsTheRunClearlyAndTheNextRunConverges() throws Exception {
    Trials trials = Trials.of("connection", 3);
    BinMigrate migrate = MigrateRun.snapshot(dir.resolve("home"));
    ReentrantLock oneRestartAtATime = new ReentrantLock();
    try (RestartableServer restartable = new RestartableServer(dir.resolve("restartable-data"))) {
      trials.run(
          (trial, random) -> {
            Fault fault = Fault.values()[trial % Fault.values().length];
            Reference reference = Reference.forTrial(migrate, trials, trial);
            // Restarts are one at a time: each ends every connection to the suite's own server.
            if (fault == Fault.SERVER_RESTART) {
              oneRestartAtATime.lock();
            }
            try {
              runTrial(trials, trial, random, fault, reference, migrate, restartable);
            } finally {
              if (fault == Fault.SERVER_RESTART) {
                oneRestartAtATime.unlock();
              }
            }
          });
    }
    trials.finish();
  }

  private static void runTrial(
      Trials trials,
      int trial,
      Random random,
      Fault fault,
      Reference reference,
      BinMigrate migrate,
      RestartableServer restartable)
      throws Exception {
    long changelogSeed = reference.changelog.seed;
    TestDb db = database(fault, restartable);
    long delay = random.nextInt((int) reference.windowMillis + 100);
    String moment = fault + " " + delay + " ms after 'Upgrading'";
    try {
      List<String> faulted = faultOnce(migrate, reference, db, fault, delay, restartable, trials);
      // A fault that finds the run already over tests nothing: the trial starts again on a fresh
      // database, the fault earlier than that run took to end.
      for (int tries = 1; faulted == null && tries < TRIES; tries++) {
        Trials.drop(db);
        db = database(fault, restartable);
        delay = random.nextInt((int) Math.max(1, delay));
        moment = fault + " " + delay + " ms after 'Upgrading'";
        faulted = faultOnce(migrate, reference, db, fault, delay, restartable, trials);
      }
      List<String> problems =
          new ArrayList<>(
              faulted != null
                  ? faulted
                  : List.of("no fault reached a running upgrade in " + TRIES + " tries"));
      Cli.Result last = MigrateRun.start(migrate, reference.upgrade(db)).finish(300);
      problems.addAll(reference.problems(db, last));
      trials.count("trials");
      if (problems.isEmpty()) {
        Trials.drop(db);
      } else {
        trials.failed(
            trial,
            "changelog seed "
                + changelogSeed
                + ", database "
                + db.name
                + ", "
                + moment
                + ":\n    "
                + String.join("\n    ", problems));
      }
    } catch (AssertionError | RuntimeException e) {
      trials.failed(
          trial,
          "changelog seed " + changelogSeed + ", database " + db.name + ", " + moment + ": " + e);
    }
  }

  private static TestDb database(Fault fault, RestartableServer restartable) {
    return fault == Fault.SERVER_RESTART
        ? new TestDb(restartable.server(), "rel_restart")
        : Trials.database("rel_conn");
  }

  /**
   * One run, the fault injected after {@code delay}; what was wrong with how the run ended, or null
   * when the fault came too late to reach the run and the run succeeded.
   */
  private static List<String> faultOnce(
      BinMigrate migrate,
      Reference reference,
      TestDb db,
      Fault fault,
      long delay,
      RestartableServer restartable,
      Trials trials)
      throws Exception {
    MigrateRun run = MigrateRun.start(migrate, reference.upgrade(db));
    if (!run.awaitStart(120)) {
      return List.of("the run never started upgrading: " + run.finish(60));
    }
    Thread.sleep(delay);
    if (!run.alive()) {
      trials.count("faults that came after the run had ended");
      Cli.Result result = run.finish(10);
      return result.code() == 0
          ? null
          : List.of("the run failed with no fault injected: " + result);
    }
    boolean injected = inject(db, fault, restartable);
    // Once the lock's backend is gone, at most the changeset that proved the lock just before may
    // still commit; each later one must find the lock lost.
    long recordedAtLoss = fault == Fault.LOCK_CONNECTION ? recorded(db) : 0;
    Cli.Result result = run.finish(120);
    if (!injected) {
      trials.count("faults that found no backend to end");
      return result.code() == 0
          ? null
          : List.of("the run failed with no fault injected: " + result);
    }
    trials.count("faults injected: " + fault.name().toLowerCase().replace('_', ' '));
    if (fault == Fault.LOCK_CONNECTION && recorded(db) > recordedAtLoss + 1) {
      return List.of(
          "the run went on without its lock: "
              + (recorded(db) - recordedAtLoss)
              + " changesets recorded after the lock connection ended: "
              + result);
    }
    if (result.code() == 0) {
      // Only a fault after the run's last statement (or after the lock's last proof) goes
      // unnoticed.
      trials.count(
          "faults the run outlived (exit 0): " + fault.name().toLowerCase().replace('_', ' '));
      return List.of();
    }
    String error = errorProblem(result);
    if (error != null) {
      return List.of(error);
    }
    trials.sample(fault.name().toLowerCase() + ": " + result.err().strip());
    return List.of();
  }

  // Ends the connection the fault names; false when there was none to end.
  private static boolean inject(TestDb db, Fault fault, RestartableServer restartable)
      throws Exception {
    switch (fault) {
      case LOCK_CONNECTION -> {
        String pid = db.one(LOCK_HOLDER);
        // With a timeout, pg_terminate_backend returns once the backend is gone.
        return pid != null && "t".equals(db.one("SELECT pg_terminate_backend(" + pid + ", 10000)"));
      }
      case WORK_CONNECTION -> {
        String lock = db.one(LOCK_HOLDER);
        String pid =
            db.one(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrate'"
                    + " AND pid <> pg_backend_pid()"
                    + (lock == null ? "" : " AND pid <> " + lock)
                    + " ORDER BY backend_start LIMIT 1");
        return pid != null && "t".equals(db.one("SELECT pg_terminate_backend(" + pid + ")"));
      }
      default -> {
        restartable.restart();
        return true;
      }
    }
  }

  /**
   * Null when the run failed as a user should see it: exit 1, an error that names the lost
   * connection, no stack trace. A step's error quotes the SQL in flight, a catalog query of up to a
   * dozen lines, so the limit on its length is generous.
   */
  static String errorProblem(Cli.Result result) {
    String err = result.err();
    if (result.code() != 1) {
      return "exit " + result.code() + ", not 1: " + result;
    }
    if (!err.contains("error: ")) {
      return "no 'error: ' line: " + result;
    }
    if (err.contains("\tat ") || err.contains("Caused by") || err.contains("internal error")) {
      return "a stack trace without -v: " + result;
    }
    if (!CONNECTION_LOST.matcher(err).find()) {
      return "the error does not say the connection was lost: " + result;
    }
    if (err.contains("rollback failed")) {
      return "a warning that the lost connection could not roll back: " + result;
    }
    if (err.strip().lines().count() > 25) {
      return "an error of more than 25 lines: " + result;
    }
    return null;
  }

  private static long recorded(TestDb db) {
    return db.tableExists("migrate_revisions")
        ? Long.parseLong(db.one("SELECT count(*) FROM migrate_revisions"))
        : 0;
  }
}
