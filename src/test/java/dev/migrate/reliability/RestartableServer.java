package dev.migrate.reliability;

import dev.migrate.support.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of this suite's own, which the test stops and starts again on the same
 * data directory and port, as a server restart or failover does to a running migration. Kept apart
 * from the shared server so that no other test sees the restart.
 */
final class RestartableServer implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  RestartableServer(Path dataDirectory) throws IOException {
    this.dataDirectory = dataDirectory;
    this.postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .start();
    this.port = postgres.getPort();
  }

  PostgresServer server() {
    return PostgresServer.at("localhost", port, "postgres", "");
  }

  /** Stops the server (pg_ctl stop -m fast: every connection is ended), then starts it again. */
  void restart() throws IOException {
    postgres.close();
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
