package dev.migrate.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import dev.migrate.support.TestDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The trials of one reliability suite: how many and from which seed (short by default, long with
 * {@code -Dreliability.trials=N -Dreliability.seed=S}, or {@code -Dreliability.SUITE.trials=N} for
 * one suite), the figures they produce, and the failures, each with the seed and trial that
 * reproduce it. The figures are printed and written to target/reliability/SUITE.txt.
 */
final class Trials {
  // One seed for every suite of this JVM unless one is given: the suites then share their
  // changelogs.
  private static final long DEFAULT_SEED = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);

  final String suite;
  final int count;
  final long seed;
  private final int first;
  private final long started = System.nanoTime();
  private final Map<String, Integer> figures = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> samples = new ArrayList<>();
  private int done;

  private Trials(String suite, int count, long seed, int first) {
    this.suite = suite;
    this.count = count;
    this.seed = seed;
    this.first = first;
  }

  /** The trials of {@code suite}: {@code shortCount} unless a system property asks for more. */
  static Trials of(String suite, int shortCount) {
    int count =
        Integer.getInteger(
            "reliability." + suite + ".trials",
            Integer.getInteger("reliability.trials", shortCount));
    String seed = System.getProperty("reliability.seed", "");
    long value = seed.isBlank() ? DEFAULT_SEED : Long.parseLong(seed.strip());
    int first = Integer.getInteger("reliability.first", 0);
    Trials trials = new Trials(suite, count, value, first);
    System.out.printf(
        "reliability %s: %d trials from trial %d, seed %d%n", suite, count, first, value);
    return trials;
  }

  /** One trial: its number and its random source. */
  interface Trial {
    void run(int trial, Random random) throws Exception;
  }

  /**
   * Runs every trial, {@code -Dreliability.parallel=N} at a time (1 unless asked): each trial has a
   * database of its own, so trials only share the machine.
   */
  void run(Trial body) throws InterruptedException {
    int parallel = Integer.getInteger("reliability.parallel", 1);
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    for (int trial = first; trial < first + count; trial++) {
      int number = trial;
      pool.execute(
          () -> {
            try {
              body.run(number, random(number));
            } catch (Exception | AssertionError e) {
              failed(number, e.toString());
            }
            progress();
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(24, TimeUnit.HOURS)) {
      fail("the trials did not end in 24 hours");
    }
  }

  /** The random source of one trial: the same seed and trial number give the same choices. */
  Random random(int trial) {
    return new Random(seed * 1_000_003L + trial);
  }

  /** Counts one event under {@code figure} (faults injected, runs that waited…). */
  synchronized void count(String figure) {
    figures.merge(figure, 1, Integer::sum);
  }

  synchronized int figure(String figure) {
    return figures.getOrDefault(figure, 0);
  }

  /** Keeps a few distinct examples of what runs printed, for the report. */
  synchronized void sample(String text) {
    if (samples.size() < 12 && !samples.contains(text)) {
      samples.add(text);
    }
  }

  synchronized void failed(int trial, String what) {
    String text =
        "trial "
            + trial
            + " (seed "
            + seed
            + "; rerun it alone: -Dreliability.seed="
            + seed
            + " -Dreliability.first="
            + trial
            + " -Dreliability."
            + suite
            + ".trials=1): "
            + what;
    failures.add(text);
    System.out.println("FAILED " + suite + " " + text);
  }

  // Every 25 trials, the figures so far: a long run stopped early still leaves its numbers.
  private synchronized void progress() {
    if (++done % 25 == 0 && done < count) {
      System.out.print(report("after " + done + " of " + count + " trials"));
      write(report("stopped after " + done + " of " + count + " trials"));
    }
  }

  /** Prints and writes the figures, then fails the test if any trial failed. */
  synchronized void finish() {
    String report = report(count + " trials");
    System.out.print(report);
    write(report);
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " of "
              + count
              + " "
              + suite
              + " trials failed:\n"
              + String.join("\n", failures));
    }
  }

  private String report(String trials) {
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    StringBuilder report = new StringBuilder();
    report
        .append("suite ")
        .append(suite)
        .append(": seed ")
        .append(seed)
        .append(", ")
        .append(trials)
        .append(", ")
        .append(failures.size())
        .append(" failed, ")
        .append(seconds)
        .append(" s wall time, ")
        .append(Integer.getInteger("reliability.parallel", 1))
        .append(" at a time\n");
    figures.forEach(
        (name, n) -> report.append("  ").append(name).append(": ").append(n).append('\n'));
    for (String sample : samples) {
      report.append("  sample: ").append(sample.replace("\n", "\n          ")).append('\n');
    }
    failures.forEach(f -> report.append("  FAILED ").append(f).append('\n'));
    return report.toString();
  }

  private void write(String report) {
    try {
      Path file = Files.createDirectories(Path.of("target", "reliability")).resolve(suite + ".txt");
      Files.writeString(file, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops a trial's database once it passed, so a long run does not fill the disk. */
  static void drop(TestDb db) {
    try (Connection c = db.server.connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db.name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.out.println("could not drop " + db.name + ": " + e.getMessage());
    }
  }

  /** A fresh database on the shared server. */
  static TestDb database(String prefix) {
    return new TestDb(prefix);
  }
}
