package dev.migrate.reliability;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One bin/migrate process whose output is read as it comes, so a fault can be timed from the moment
 * the run says it starts upgrading.
 */
final class MigrateRun {
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final CountDownLatch started = new CountDownLatch(1);
  private final Thread outReader;
  private final Thread errReader;

  private MigrateRun(Process process) {
    this.process = process;
    outReader = reader(process.getInputStream(), out, true);
    errReader = reader(process.getErrorStream(), err, false);
  }

  /** Starts {@code bin/migrate args…} with the given script. */
  static MigrateRun start(BinMigrate migrate, String... args) {
    return new MigrateRun(migrate.start(args));
  }

  /**
   * A copy of bin/migrate and target/migrate.jar in {@code dir}: a rebuild of target/ by someone
   * else during a long run cannot swap the jar under it.
   */
  static BinMigrate snapshot(Path dir) {
    try {
      Path script = BinMigrate.copyWithoutJar(dir);
      Path jar = Files.createDirectories(dir.resolve("target")).resolve("migrate.jar");
      Files.copy(Path.of("target/migrate.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
      return new BinMigrate(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Thread reader(InputStream stream, StringBuffer into, boolean watchStart) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  into.append(line).append('\n');
                  if (watchStart && line.startsWith("Upgrading ")) {
                    started.countDown();
                  }
                }
              } catch (IOException e) {
                into.append("[reading failed: ").append(e.getMessage()).append("]\n");
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Waits until the run prints its "Upgrading …" line; false when it ended or timed out first. */
  boolean awaitStart(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (started.await(20, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        return started.getCount() == 0;
      }
    }
    return false;
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: the JVM gets no chance to roll back, release or print anything. */
  void kill() {
    process.destroyForcibly();
  }

  String out() {
    return out.toString();
  }

  /** Waits for the process to end and returns its code and output. */
  Cli.Result finish(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      outReader.join(5000);
      errReader.join(5000);
      throw new AssertionError(
          "bin/migrate did not finish in "
              + seconds
              + " s; it was killed\n--- stdout\n"
              + out
              + "--- stderr\n"
              + err);
    }
    outReader.join(5000);
    errReader.join(5000);
    return new Cli.Result(process.exitValue(), out.toString(), err.toString());
  }
}
