package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --url embedded} and {@code --url embedded:DIR}: a PostgreSQL of the run's own, from the
 * binaries shipped in the jar, with its data kept in a folder between runs and the server stopped
 * when the command ends. It exists for a first run on a machine without a server, and for trying a
 * changelog; it is never chosen unless asked for.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String SCHEME = "embedded";
  static final Path DEFAULT_DIRECTORY = Path.of(".migrate", "pg");

  private final Path directory;
  private final EmbeddedPostgres postgres;

  private EmbeddedServer(Path directory, EmbeddedPostgres postgres) {
    this.directory = directory;
    this.postgres = postgres;
  }

  /** Whether a --url value asks for the embedded server rather than naming one. */
  static boolean isEmbedded(String url) {
    return url != null && (url.equals(SCHEME) || url.startsWith(SCHEME + ":"));
  }

  /** The data folder a --url value names, relative to the working directory. */
  static Path directory(String url, Path workingDirectory) {
    String named = url.equals(SCHEME) ? "" : url.substring(SCHEME.length() + 1);
    return workingDirectory.resolve(named.isEmpty() ? DEFAULT_DIRECTORY : Path.of(named));
  }

  /** Starts the server on the folder, making the folder (initdb) on the first run. */
  static EmbeddedServer start(Path directory) {
    ServerStopAtExit stopAtExit = null;
    try {
      Files.createDirectories(directory.getParent());
      // The port is chosen here, not by the library, so that the exit hook knows the server by it.
      int port = freePort();
      stopAtExit = new ServerStopAtExit(directory, port);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setPort(port)
              .setCleanDataDirectory(false)
              // Only this machine may connect: the folder's server is the user's own sandbox.
              .setServerConfig("listen_addresses", "localhost")
              // The library's defaults are for throwaway test servers; this folder is kept, so a
              // commit reaches the disk before the run says it is done.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start();
      return new EmbeddedServer(directory, postgres);
    } catch (IOException | RuntimeException e) {
      if (stopAtExit != null && stopAtExit.exiting()) {
        throw MigrateException.failed(
            "stopped while the embedded PostgreSQL in " + directory + " started; it stops too");
      }
      throw new MigrateException(
          MigrateException.FAILED,
          "cannot start the embedded PostgreSQL in "
              + directory
              + ": "
              + e.getMessage()
              + " (is another migrate using that folder? pass --url embedded:OTHER_DIR)",
          e);
    } finally {
      if (stopAtExit != null) {
        stopAtExit.startEnded();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The JDBC URL of its {@code postgres} database, as the superuser the folder was made with. */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  String user() {
    return "postgres";
  }

  /** How messages name it: the scheme and the folder, relative where it lies below {@code from}. */
  String toString(Path from) {
    Path shown = directory.startsWith(from) ? from.relativize(directory) : directory;
    return SCHEME + ":" + shown;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      // The run's outcome is already decided; the exit hook stops a server still running.
    }
  }
}
