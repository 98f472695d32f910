package dev.migrate.reliability;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency: eight {@code bin/migrate upgrade head} processes at once on one database, and a mix
 * of upgrade, {@code current -v}, {@code check} and {@code stamp head} at once. Every changeset is
 * applied exactly once (the runs' "recorded" counts add up to the changelog, one revision row each,
 * no row inserted twice, the schema of a clean run), and every process exits 0 — check 0 or 3 — or
 * waits and says who holds the lock.
 *
 * <p>Short by default; the long form: {@code -Dreliability.concurrency.trials=40
 * -Dreliability.seed=S}.
 */
class ConcurrencyIT {
  private static final Pattern RECORDED = Pattern.compile("(?m)^Done: (\\d+) changesets? recorded");
  private static final Pattern WAITING =
      Pattern.compile(
          "warning: waiting for the migrate lock on public\\.migrate_revisions, held by pid \\d+ \\(migrate, [^)]*connected since [^)]+\\)");

  @TempDir Path dir;

  @Test
  void eightUpgradesAtOnceApplyEachChangesetOnce() throws Exception {
    Trials trials = Trials.of("concurrency", 1);
    BinMigrate migrate = MigrateRun.snapshot(dir.resolve("home"));
    trials.run(
        (trial, random) -> {
          Reference reference = Reference.forTrial(migrate, trials, trial);
          TestDb db = Trials.database("rel_eight");
          List<MigrateRun> runs = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            runs.add(MigrateRun.start(migrate, reference.upgrade(db)));
          }
          List<String> problems = new ArrayList<>();
          int recorded = finishUpgrades(runs, trials, problems);
          finish(trials, trial, db, reference, recorded, problems);
        });
    trials.finish();
  }

  @Test
  void upgradesCurrentCheckAndStampAtOnceApplyEachChangesetOnce() throws Exception {
    Trials trials = Trials.of("mix", 1);
    BinMigrate migrate = MigrateRun.snapshot(dir.resolve("home"));
    trials.run(
        (trial, random) -> {
          Reference reference = Reference.forTrial(migrate, trials, trial);
          TestDb db = Trials.database("rel_mix");
          String changelog = reference.changelog.file.toString();
          List<MigrateRun> upgrades = new ArrayList<>();
          List<MigrateRun> readers = new ArrayList<>();
          List<MigrateRun> checks = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            upgrades.add(MigrateRun.start(migrate, reference.upgrade(db)));
            readers.add(
                MigrateRun.start(
                    migrate, "current", "-v", "--url", db.libpqUrl(), "--changelog", changelog));
            checks.add(
                MigrateRun.start(
                    migrate, "check", "--url", db.libpqUrl(), "--changelog", changelog));
          }
          // The stamp starts once a run holds the lock: before any upgrade, it would rightly
          // refuse,
          // the objects it records being absent.
          awaitLockHeld(db);
          MigrateRun stamp =
              MigrateRun.start(
                  migrate, "stamp", "head", "--url", db.libpqUrl(), "--changelog", changelog);
          upgrades.add(MigrateRun.start(migrate, reference.upgrade(db)));

          List<String> problems = new ArrayList<>();
          int recorded = finishUpgrades(upgrades, trials, problems);
          for (MigrateRun run : readers) {
            Cli.Result result = run.finish(300);
            trials.count("current -v processes");
            if (result.code() != 0
                || !result.out().contains("Lock:      ")
                || !result.err().isEmpty()) {
              problems.add("current -v: " + result);
            }
          }
          for (MigrateRun run : checks) {
            Cli.Result result = run.finish(300);
            trials.count("check processes, exit " + result.code());
            if ((result.code() != 0 && result.code() != 3) || !result.err().isEmpty()) {
              problems.add("check: " + result);
            }
          }
          Cli.Result stamped = stamp.finish(300);
          trials.count("stamp head processes");
          if (stamped.code() != 0
              || !stamped.out().contains("Stamped head: 0 rows written, 0 removed")
              || !onlyLockWaits(stamped)) {
            problems.add("stamp head: " + stamped);
          }
          if (WAITING.matcher(stamped.err()).find()) {
            trials.count("processes that waited and named the holder");
          }
          finish(trials, trial, db, reference, recorded, problems);
        });
    trials.finish();
  }

  // Waits for the upgrades; adds what was wrong with each to `problems`; returns how many
  // changesets they recorded between them.
  private static int finishUpgrades(List<MigrateRun> runs, Trials trials, List<String> problems)
      throws InterruptedException {
    int recorded = 0;
    for (MigrateRun run : runs) {
      Cli.Result result = run.finish(300);
      trials.count("upgrade processes");
      if (WAITING.matcher(result.err()).find()) {
        trials.count("processes that waited and named the holder");
      }
      if (result.code() != 0 || recorded(result) < 0 || !onlyLockWaits(result)) {
        problems.add("upgrade: " + result);
      }
      recorded += Math.max(0, recorded(result));
    }
    return recorded;
  }

  // Every changeset recorded by exactly one run, and the database as a clean run leaves it.
  private static void finish(
      Trials trials,
      int trial,
      TestDb db,
      Reference reference,
      int recorded,
      List<String> problems) {
    trials.count("trials");
    if (recorded != reference.changelog.size()) {
      problems.add(
          "the runs recorded "
              + recorded
              + " changesets between them, the changelog has "
              + reference.changelog.size());
    }
    problems.addAll(reference.problems(db, new Cli.Result(0, "Done: ", "")));
    if (problems.isEmpty()) {
      Trials.drop(db);
    } else {
      trials.failed(
          trial,
          "changelog seed "
              + reference.changelog.seed
              + ", database "
              + db.name
              + ":\n    "
              + String.join("\n    ", problems));
    }
  }

  private static int recorded(Cli.Result result) {
    Matcher m = RECORDED.matcher(result.out());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  // The only thing on stderr: lines saying the run waits for the lock, and who holds it.
  private static boolean onlyLockWaits(Cli.Result result) {
    return result.err().lines().allMatch(l -> WAITING.matcher(l).matches());
  }

  private static void awaitLockHeld(TestDb db) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (db.one(
              "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
                  + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
          != null) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no upgrade took the migrate lock in 30 s");
  }
}
