package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server as a distribution packages it: reachable over its Unix-domain socket with peer
 * authentication (the operating-system user is the database role, no password), and refusing every
 * TCP connection. migrate reaches it the ways psql does: PGHOST set to the socket directory, and a
 * URL with {@code ?host=} or a percent-encoded directory as its host.
 */
class UnixSocketTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final String OS_USER = System.getProperty("user.name");

  @TempDir static Path sockets;
  private static EmbeddedPostgres server;

  @BeforeAll
  static void peerOnlyServer() throws Exception {
    server =
        EmbeddedPostgres.builder()
            .setServerConfig("unix_socket_directories", sockets.toString())
            .start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + OS_USER
              + "') THEN CREATE ROLE \""
              + OS_USER
              + "\" LOGIN SUPERUSER; END IF; END $$");
      for (String db : List.of("socket_env", "socket_url", "socket_encoded")) {
        s.execute("CREATE DATABASE " + db);
      }
      // Peer authentication asks the kernel who the client is; some sandboxes answer with
      // another name than user.name (nobody), so any operating-system user maps to this role.
      Files.writeString(setting(s, "ident_file"), "os /^.*$ " + OS_USER + "\n");
      Files.writeString(
          setting(s, "hba_file"), "local all all peer map=os\nhost all all all reject\n");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  private static Path setting(Statement s, String name) throws Exception {
    try (ResultSet r = s.executeQuery("SHOW " + name)) {
      r.next();
      return Path.of(r.getString(1));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String port() {
    return String.valueOf(server.getPort());
  }

  private static List<String> revisions(String database) {
    // As the server's own superuser, over the socket too: TCP is refused now.
    Cli.Result history =
        new Cli()
            .run(
                "history",
                "--url",
                "postgresql://:" + port() + "/" + database + "?host=" + sockets,
                "--changelog",
                EXAMPLE);
    assertEquals(0, history.code(), history.toString());
    List<String> recorded = new ArrayList<>();
    history.out().lines().filter(l -> l.startsWith("[x]")).forEach(recorded::add);
    return recorded;
  }

  @Test
  void tcpIsRefusedSoEveryOtherRunHereWentOverTheSocket() {
    Cli.Result tcp =
        new Cli()
            .run(
                "current",
                "--url",
                "postgresql://" + OS_USER + "@localhost:" + port() + "/socket_env",
                "--changelog",
                EXAMPLE);
    assertEquals(1, tcp.code(), tcp.toString());
    assertTrue(tcp.err().contains("pg_hba.conf rejects connection"), tcp.err());
  }

  @Test
  void pgHostAsTheSocketDirectoryWithPeerAuthentication() {
    Cli.Result run =
        new Cli()
            .env("PGHOST", sockets.toString())
            .env("PGPORT", port())
            .env("PGDATABASE", "socket_env")
            .run("upgrade", "--changelog", EXAMPLE);
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out()
            .startsWith(
                "Upgrading postgresql://:"
                    + port()
                    + "/socket_env?host="
                    + sockets
                    + " (schema public) to head: 2 of 2"),
        run.out());
    assertEquals(2, revisions("socket_env").size());
  }

  @Test
  void aUrlWithTheDirectoryInItsQueryOrAsItsHost() {
    Cli.Result query =
        new Cli()
            .run(
                "upgrade",
                "+1",
                "--url",
                "postgresql://:" + port() + "/socket_url?host=" + sockets,
                "--changelog",
                EXAMPLE);
    assertEquals(0, query.code(), query.toString());
    assertEquals(1, revisions("socket_url").size());

    String encoded = sockets.toString().replace("/", "%2F");
    Cli.Result host =
        new Cli()
            .run(
                "upgrade",
                "--url",
                "postgresql://" + OS_USER + "@" + encoded + ":" + port() + "/socket_encoded",
                "--changelog",
                EXAMPLE);
    assertEquals(0, host.code(), host.toString());
    assertEquals(2, revisions("socket_encoded").size());
  }

  @Test
  void aServerThatStopsAnsweringTimesOutOverTheSocketAsOverTcp(@TempDir Path dir) throws Exception {
    // The lock's liveness check relies on the driver's socket timeout; a socket that ignored it
    // would wait for ever on a server that no longer answers.
    Path changelog = dir.resolve("slow.yaml");
    Files.writeString(
        changelog,
        """
        databaseChangeLog:
          - changeSet:
              id: slow
              author: test
              changes:
                - sql:
                    sql: SELECT pg_sleep(20)
        """);
    long start = System.nanoTime();
    Cli.Result run =
        new Cli()
            .run(
                "upgrade",
                "--url",
                "postgresql://:" + port() + "/socket_env?socketTimeout=1&host=" + sockets,
                "--changelog",
                changelog.toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("An I/O error occurred while sending to the backend"), run.err());
    assertTrue(seconds < 15, "gave up after " + seconds + " s");
  }

  @Test
  void aMissingSocketSaysWhichFileItLookedFor() {
    Cli.Result run =
        new Cli()
            .run(
                "current",
                "--url",
                "postgresql://:1/socket_env?host=" + sockets,
                "--changelog",
                EXAMPLE);
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains(sockets.resolve(".s.PGSQL.1").toString()), run.err());
  }
}
