package dev.migrate.reliability;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash injection: {@code bin/migrate upgrade head} over a generated changelog of 50+ changesets is
 * killed with SIGKILL at seeded random moments, one to three times, and then run to its end. That
 * last run must exit 0 and leave exactly what a clean run leaves: the same schema, indexes (none
 * INVALID) and rows, one revision row per changeset, and a `check` that finds nothing.
 *
 * <p>Short by default; the long form: {@code -Dreliability.crash.trials=500 -Dreliability.seed=S}.
 */
class CrashInjectionIT {
  // A new changelog every so many trials, each with a clean run of its own as reference.

  // How many runs a trial may start for its first kill to reach one still at work.
  private static final int TRIES = 5;

  @TempDir Path dir;

  @Test
  void everyRunKilledAtAnyMomentConvergesOnTheNextRun() throws Exception {
    Trials trials = Trials.of("crash", 2);
    BinMigrate migrate = MigrateRun.snapshot(dir.resolve("home"));
    trials.run(
        (trial, random) -> {
          Reference reference = Reference.forTrial(migrate, trials, trial);
          long changelogSeed = reference.changelog.seed;
          TestDb db = Trials.database("rel_crash");
          List<String> moments = new ArrayList<>();
          try {
            // Mostly one kill before the run that must converge; now and then two or three in a
            // row.
            int kills = random.nextInt(3) > 0 ? 1 : 2 + random.nextInt(2);
            long bound = reference.windowMillis + 100;
            int misses = 0;
            for (int k = 0; k < kills; k++) {
              boolean early = random.nextInt(10) == 0;
              long delay = early ? random.nextInt(1500) : random.nextInt((int) bound);
              Kill kill = killOnce(migrate, reference, db, early, delay, trials);
              moments.add(kill.moment());
              if (kill.hit()) {
                continue;
              }
              if (k > 0) {
                break; // a run after a kill may well finish first: the trial had its crash
              }
              // A first kill that finds the run over crashes nothing: start again on a fresh
              // database,
              // the kill earlier than that run took to end.
              if (++misses == TRIES) {
                throw new AssertionError(
                    "no kill reached a running upgrade in " + TRIES + " tries");
              }
              Trials.drop(db);
              db = Trials.database("rel_crash");
              bound = Math.max(1, delay);
              k--;
            }
            Cli.Result last = MigrateRun.start(migrate, reference.upgrade(db)).finish(300);
            List<String> problems = reference.problems(db, last);
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
                      + String.join("; ", moments)
                      + ":\n    "
                      + String.join("\n    ", problems));
            }
          } catch (AssertionError | RuntimeException e) {
            trials.failed(
                trial,
                "changelog seed "
                    + changelogSeed
                    + ", database "
                    + db.name
                    + ", "
                    + String.join("; ", moments)
                    + ": "
                    + e);
          }
        });
    trials.finish();
  }

  /** When a kill came, and whether the run was still alive to be killed. */
  private record Kill(String moment, boolean hit) {}

  // One run, killed `delay` ms after it says it starts upgrading (when `early`, after the process
  // starts, while it connects and locks).
  private static Kill killOnce(
      BinMigrate migrate, Reference reference, TestDb db, boolean early, long delay, Trials trials)
      throws InterruptedException {
    MigrateRun run = MigrateRun.start(migrate, reference.upgrade(db));
    if (!early && !run.awaitStart(120)) {
      Cli.Result result = run.finish(60);
      throw new AssertionError("a run never started upgrading: " + result);
    }
    Thread.sleep(delay);
    String moment = "SIGKILL " + delay + " ms after " + (early ? "process start" : "'Upgrading'");
    if (!run.alive()) {
      trials.count("kills that came after the run had ended");
      Cli.Result result = run.finish(10);
      if (result.code() != 0) {
        throw new AssertionError(moment + ": the run ended by itself with " + result);
      }
      return new Kill(moment + " (had ended)", false);
    }
    int applied = (int) run.out().lines().filter(l -> l.startsWith("  applied ")).count();
    run.kill();
    run.finish(30);
    trials.count("faults injected (SIGKILL)");
    return new Kill(moment + " (after " + applied + " changesets reported)", true);
  }
}
