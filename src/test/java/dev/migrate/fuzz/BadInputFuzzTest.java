package dev.migrate.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input: valid changelogs mutated from a seed. Each is read without a database first
 * ({@code upgrade --sql}); a refusal must be exit 2 with file:line and a sentence, no Java insides,
 * and the same refusal against a database must leave it exactly as it was; an accepted input is
 * then run against a fresh database, where it must succeed or fail cleanly.
 *
 * <p>Short form in every build; the long form: {@code mvn -B -o test -Dtest=BadInputFuzzTest
 * -Dfuzz.inputs=10000 -Dfuzz.seed=S}. A failure prints the seed of the input that failed and the
 * input itself; {@code -Dfuzz.seed=THAT -Dfuzz.inputs=1 -Dfuzz.single=true} makes it alone again.
 */
class BadInputFuzzTest {
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 200);
  private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
  private static final boolean SINGLE = Boolean.getBoolean("fuzz.single");
  // Runs against a fresh database cost most; the short form does a few, the long form all.
  private static final int ONLINE =
      Integer.getInteger("fuzz.online", INPUTS > 1000 ? Integer.MAX_VALUE : 20);
  // The short form stops early on a slow machine rather than slow the build down.
  private static final long BUDGET_SECONDS =
      Long.getLong("fuzz.seconds", INPUTS > 1000 ? Long.MAX_VALUE : 50);
  private static final int MAX_FAILURES = Integer.getInteger("fuzz.maxFailures", 5);
  private static final String MARKER = "FUZZ-LOCAL-FILE-7731";

  @TempDir Path tmp;

  @Test
  void badInputIsRefusedCleanlyAndLeavesTheDatabaseAlone() throws IOException {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), MARKER + "\n");
    Figures figures = new Figures();
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    try (Trap trap = new Trap();
        Runs runs = new Runs()) {
      Mutator mutator =
          new Mutator(new ValidChangelogs(), new HostileInputs(trap.url(), secret.toString()));
      TestDb steady = new TestDb("fuzz_steady");
      Probe probe = new Probe(runs, steady);
      started =
          System.nanoTime(); // after the server's start and the setup, which the budget leaves out
      long deadline =
          started + Math.min(BUDGET_SECONDS, Long.MAX_VALUE / 2_000_000_000L) * 1_000_000_000L;
      for (int i = 0;
          i < INPUTS && failures.size() < MAX_FAILURES && System.nanoTime() < deadline;
          i++) {
        long seed = SINGLE ? SEED : Mutator.inputSeed(SEED, i);
        FuzzCase input = mutator.make(seed);
        Path dir = Files.createDirectories(tmp.resolve("in" + i));
        input.writeTo(dir);
        List<String> problems = new ArrayList<>();
        Probe.Outcome outcome = probe.check(input, dir, figures.online < ONLINE, problems);
        figures.count(input.mutation(), outcome);
        List<String> fetched = trap.drain();
        if (!fetched.isEmpty()) {
          problems.add("reading the changelog fetched " + fetched);
        }
        if (outcome.printed().contains(MARKER)) {
          problems.add("the text of a local file named by an entity reached the output");
        }
        if (!problems.isEmpty()) {
          failures.add(
              "input "
                  + i
                  + ": "
                  + String.join("; ", problems)
                  + "\n"
                  + input.describe()
                  + "\n"
                  + outcome.printed());
        }
        deleteQuietly(dir);
        if ((i + 1) % 1000 == 0) {
          System.out.printf(
              "fuzz: %d inputs, %d s, %d failures so far%n",
              i + 1, (System.nanoTime() - started) / 1_000_000_000L, failures.size());
        }
        if (outcome.hung()) {
          break;
        }
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println(
        "fuzz: seed " + SEED + ", " + figures.inputs + " inputs in " + seconds + " s; " + figures);
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " bad input(s) mishandled (seed "
              + SEED
              + "):\n\n"
              + String.join("\n\n", failures));
    }
    // The budget may cut the loop short; a run that tried next to nothing must not pass for one
    // that found nothing.
    if (figures.inputs == 0 || figures.online == 0) {
      fail(
          "only "
              + figures.inputs
              + " inputs tried, "
              + figures.online
              + " of them against a database: "
              + figures);
    }
  }

  /** Counts by mutation and outcome, printed at the end of every run. */
  static final class Figures {
    int inputs;
    int online;
    final Map<String, Map<String, Integer>> byMutation = new TreeMap<>();

    void count(String mutation, Probe.Outcome outcome) {
      inputs++;
      if (outcome.kind().startsWith("accepted, online")) {
        online++;
      }
      byMutation
          .computeIfAbsent(mutation, k -> new TreeMap<>())
          .merge(outcome.kind(), 1, Integer::sum);
    }

    @Override
    public String toString() {
      Map<String, Integer> totals = new TreeMap<>();
      byMutation.values().forEach(m -> m.forEach((k, v) -> totals.merge(k, v, Integer::sum)));
      return online + " run against a database; outcomes " + totals + "; by mutation " + byMutation;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; JUnit removes what is left
    }
  }
}
