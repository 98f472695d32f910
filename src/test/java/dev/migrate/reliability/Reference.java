package dev.migrate.reliability;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated changelog and what a clean, undisturbed run of it leaves: the state every disturbed
 * database must converge to, and how long the run's work took, the window faults are timed in.
 */
final class Reference {
  private static final Map<Long, Reference> CACHE = new HashMap<>();
  // A new changelog every so many trials, each with a clean run of its own.
  private static final int TRIALS_PER_CHANGELOG = 25;
  private static Path directory;

  final GeneratedChangelog changelog;
  final DatabaseState state;
  final long windowMillis;

  private Reference(GeneratedChangelog changelog, DatabaseState state, long windowMillis) {
    this.changelog = changelog;
    this.state = state;
    this.windowMillis = windowMillis;
  }

  /**
   * The changelog of a trial: one per 25 trials, of 50 to 60 changesets, and its clean run, made
   * once in this JVM: suites run with the same seed share it.
   */
  static synchronized Reference forTrial(BinMigrate migrate, Trials trials, int trial)
      throws InterruptedException, IOException {
    long seed = trials.seed + trial / TRIALS_PER_CHANGELOG;
    Reference cached = CACHE.get(seed);
    if (cached != null) {
      return cached;
    }
    if (directory == null) {
      directory = Files.createTempDirectory("reliability");
    }
    GeneratedChangelog changelog =
        GeneratedChangelog.write(
            directory.resolve("changelog-" + seed), seed, 50 + (int) (seed % 11));
    TestDb db = Trials.database("rel_reference");
    MigrateRun run = MigrateRun.start(migrate, upgrade(db, changelog));
    if (!run.awaitStart(120)) {
      throw new AssertionError("the clean run never started upgrading: " + run.finish(60));
    }
    long start = System.nanoTime();
    Cli.Result result = run.finish(300);
    long window = (System.nanoTime() - start) / 1_000_000;
    if (result.code() != 0) {
      throw new AssertionError("the clean run of changelog seed " + seed + " failed: " + result);
    }
    DatabaseState state = DatabaseState.of(db);
    if (state.revisions().size() != changelog.size()
        || !state.revisions().stream().allMatch(r -> r.endsWith(" applied x1"))) {
      throw new AssertionError(
          "the clean run did not record each changeset once: " + state.revisions());
    }
    Trials.drop(db);
    Reference reference = new Reference(changelog, state, window);
    CACHE.put(seed, reference);
    return reference;
  }

  static String[] upgrade(TestDb db, GeneratedChangelog changelog) {
    return new String[] {
      "upgrade", "head", "--url", db.libpqUrl(), "--changelog", changelog.file.toString()
    };
  }

  String[] upgrade(TestDb db) {
    return upgrade(db, changelog);
  }

  /**
   * What is wrong with {@code db} after the run that should have converged: its exit code, any
   * difference from the clean run's state, an INVALID index, and what {@code check} says.
   */
  List<String> problems(TestDb db, Cli.Result last) {
    List<String> problems = new ArrayList<>();
    if (last.code() != 0 || !last.out().contains("Done: ")) {
      problems.add("the converging run did not succeed: " + last);
    }
    problems.addAll(DatabaseState.of(db).differencesFrom(state));
    List<String> invalid = DatabaseState.invalidIndexes(db);
    if (!invalid.isEmpty()) {
      problems.add("INVALID indexes left: " + invalid);
    }
    Cli.Result check =
        new Cli().run("check", "--url", db.libpqUrl(), "--changelog", changelog.file.toString());
    if (check.code() != 0) {
      problems.add("check after the converging run: " + check);
    }
    return problems;
  }
}
