package dev.migrate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The exit hook that stops the embedded server a run started, whenever the run is stopped (SIGTERM,
 * Ctrl-C), even while the server is being made or started.
 *
 * <p>The server library stops its server from an exit hook of its own, which cannot cover a stop
 * that comes while the server starts: during {@code initdb} it has no hook yet (the start then
 * fails to add one, after it has launched {@code pg_ctl start}), and between {@code pg_ctl start}
 * and the server's writing of {@code postmaster.pid} its hook finds nothing to stop. Either way the
 * server outlived the run and kept the folder. This hook is in place before the start begins. It
 * waits for the start to end, then for the processes the start launched ({@code pg_ctl start} ends
 * once the server is up), and stops a server still running in the folder on the port this run gave
 * it, as {@code pg_ctl stop -m fast} does, then waits for it to be gone. After an ordinary stop it
 * finds none.
 */
final class ServerStopAtExit {
  // Bounds every wait of the hook: pg_ctl start itself gives up after 60 s.
  private static final long WAIT_SECONDS = 60;

  private final Path directory;
  private final int port;
  private final CountDownLatch startEnded = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stopLeftServer, "migrate-embedded-stop");
  private volatile boolean exiting;

  /**
   * Puts the hook in place for a server about to start in {@code directory} on {@code port}.
   *
   * @throws IllegalStateException when the JVM is already exiting: nothing may start then
   */
  ServerStopAtExit(Path directory, int port) {
    this.directory = directory;
    this.port = port;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The start has returned or failed: whatever it launched, it launches nothing more. */
  void startEnded() {
    startEnded.countDown();
  }

  /** Whether the run is being stopped: a start that failed then failed because of it. */
  boolean exiting() {
    return exiting;
  }

  private void stopLeftServer() {
    exiting = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      // The main thread goes on while exit hooks run; it may be inside initdb or pg_ctl start.
      startEnded.await(WAIT_SECONDS, TimeUnit.SECONDS);
      List<ProcessHandle> launched = ProcessHandle.current().children().toList();
      for (ProcessHandle child : launched) {
        child.onExit().get(remaining(deadline), TimeUnit.NANOSECONDS);
      }
      Optional<ProcessHandle> server = runningServer();
      if (server.isPresent()) {
        stop(server.get());
        server.get().onExit().get(remaining(deadline), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | IOException e) {
      // Nothing more can be done from a JVM on its way out.
    }
  }

  /**
   * The postmaster running in the folder on this run's port. postmaster.pid holds its pid on the
   * first line and its port on the fourth; initdb's single-user backends write a negative pid, and
   * a server another process started there listens on another port.
   */
  private Optional<ProcessHandle> runningServer() throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 4 || !lines.get(3).strip().equals(Integer.toString(port))) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
  }

  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, not waited for. Java sends only
  // SIGTERM, which is the smart shutdown that waits for them; it serves where kill is missing.
  private static void stop(ProcessHandle server) throws InterruptedException {
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(server.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor() == 0) {
        return;
      }
    } catch (IOException e) {
      // No kill program on the PATH.
    }
    server.destroy();
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
