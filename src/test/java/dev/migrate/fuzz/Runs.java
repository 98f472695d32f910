package dev.migrate.fuzz;

import dev.migrate.support.Cli;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the command line in this JVM on a thread of its own, so a run that never ends is seen as a
 * hang.
 */
final class Runs implements AutoCloseable {
  static final int TIMEOUT_SECONDS = Integer.getInteger("fuzz.timeout", 30);

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "fuzz-run");
            thread.setDaemon(true);
            return thread;
          });

  /** The run's result, or null when it did not finish in time. */
  Cli.Result run(Path dir, Map<String, String> env, String... args) {
    Cli cli = new Cli().in(dir);
    env.forEach(cli::env);
    Future<Cli.Result> future = executor.submit(() -> cli.run(args));
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      // Main.run catches what a command throws; anything escaping it is itself a finding.
      return new Cli.Result(-1, "", "escaped Main.run: " + e.getCause());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
