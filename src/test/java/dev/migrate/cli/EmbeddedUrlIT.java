package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --url embedded:DIR} through bin/migrate, as on a machine with no PostgreSQL server: the
 * first run makes the folder and applies, a later run finds what the first left, and no server
 * outlives the command, whether it ends on its own or is stopped.
 */
class EmbeddedUrlIT {
  private static final String EXAMPLE = "changelogs/examples/imports/changelog.yaml";

  @TempDir Path dir;

  @Test
  void aFolderKeepsItsDatabaseBetweenRunsAndNoServerOutlivesARun() throws Exception {
    Path data = dir.resolve("pg");
    String url = "embedded:" + data;
    BinMigrate migrate = new BinMigrate();

    Cli.Result first = migrate.run("--url", url, "--changelog", EXAMPLE, "upgrade", "head");
    assertEquals(0, first.code(), first.toString());
    assertTrue(
        first.out().startsWith("Upgrading " + url + " (schema public) to head: 2 of 2"),
        first.out());
    assertTrue(Files.isRegularFile(data.resolve("PG_VERSION")), "initdb made the folder");
    assertFalse(Files.exists(data.resolve("postmaster.pid")), "the server stopped at exit");

    Cli.Result current = migrate.run("--url", url, "--changelog", EXAMPLE, "current");
    assertEquals(0, current.code(), current.toString());
    assertEquals("0002_add_catalog_tables (head)", current.out().strip());
    assertFalse(Files.exists(data.resolve("postmaster.pid")));
  }

  @Test
  void theReadmesFirstCommandsRunAsWrittenOnAMachineWithoutAServer() throws Exception {
    // Run from an empty folder so .migrate/pg lands there; the project root is on the search
    // path, where the README's relative changelog path is found.
    String readme = Files.readString(Path.of("README.md"));
    List<String> upgrade = readmeCommand(readme, "mvn -B package -DskipTests && bin/migrate ");
    List<String> current = readmeCommand(readme, "`bin/migrate ");
    assertEquals("upgrade", upgrade.get(upgrade.size() - 2), upgrade.toString());
    assertEquals(List.of("current", "-v"), current.subList(current.size() - 2, current.size()));
    BinMigrate migrate = new BinMigrate().in(dir);
    String root = Path.of("").toAbsolutePath().toString();

    Cli.Result first = migrate.run(withSearchPath(upgrade, root));
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().contains("Done: 2 changesets recorded"), first.out());
    assertTrue(Files.isRegularFile(dir.resolve(".migrate/pg/PG_VERSION")));

    Cli.Result status = migrate.run(withSearchPath(current, root));
    assertEquals(0, status.code(), status.toString());
    assertTrue(status.out().contains("Current:   0002_add_catalog_tables (head)"), status.out());
    assertTrue(status.out().contains("Database:  embedded:.migrate/pg"), status.out());
  }

  // The arguments after bin/migrate on the README line that starts with the prefix.
  private static List<String> readmeCommand(String readme, String prefix) {
    String line =
        readme
            .lines()
            .filter(l -> l.startsWith(prefix))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no line starting " + prefix));
    String args = line.substring(prefix.length()).replaceAll("`.*$", "").strip();
    return List.of(args.split(" +"));
  }

  private static String[] withSearchPath(List<String> args, String root) {
    List<String> all = new ArrayList<>(List.of("--search-path", root));
    all.addAll(args);
    return all.toArray(String[]::new);
  }

  @Test
  void theKeptFolderWritesItsCommitsToDisk() throws Exception {
    // The library's servers are for throwaway tests (fsync off); a kept folder must not be. The
    // server's synchronous_commit is read as configured (reset_val): a run sets it off for its
    // own session and flushes once at the end (docs/reliability.md).
    Path changelog = dir.resolve("durable.yaml");
    Files.writeString(
        changelog,
        """
        databaseChangeLog:
          - changeSet:
              id: durable
              author: test
              changes:
                - sql:
                    sql: >-
                      DO $$ DECLARE sync text := (SELECT reset_val FROM pg_settings
                        WHERE name = 'synchronous_commit'); BEGIN
                      IF current_setting('fsync') <> 'on' OR sync <> 'on'
                         OR current_setting('listen_addresses') <> 'localhost' THEN
                        RAISE EXCEPTION 'fsync %, synchronous_commit %, listen_addresses %',
                          current_setting('fsync'), sync, current_setting('listen_addresses');
                      END IF; END $$
        """);
    Cli.Result result =
        new BinMigrate()
            .run(
                "--url",
                "embedded:" + dir.resolve("pg"),
                "--changelog",
                changelog.toString(),
                "upgrade");
    assertEquals(0, result.code(), result.toString());
  }

  @Test
  void aStoppedRunStopsItsServer() throws Exception {
    Path data = dir.resolve("pg");
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
                    sql: SELECT pg_sleep(60)
        """);
    Process run =
        new BinMigrate()
            .start("--url", "embedded:" + data, "--changelog", changelog.toString(), "upgrade");
    Path pid = data.resolve("postmaster.pid");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(pid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(pid), "the server started");
    Thread.sleep(2_000); // into the sleeping statement
    run.destroy(); // SIGTERM, as a CI runner or Ctrl-C ends a job
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "migrate ended");
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.exists(pid) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(Files.exists(pid), "the server stopped with the run");
  }
}
