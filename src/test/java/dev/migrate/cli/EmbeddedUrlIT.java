package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
  void aRunStoppedDuringAStatementStopsItsServer() throws Exception {
    Path data = dir.resolve("pg");
    Process run =
        new BinMigrate().start("--url", "embedded:" + data, "--changelog", slow(), "upgrade");
    awaitTrue(() -> ready(data), "the server started");
    Thread.sleep(1_000); // into the sleeping statement
    run.toHandle().destroy(); // SIGTERM, as a CI runner or Ctrl-C ends a job
    Cli.Result stopped = BinMigrate.finish(run);
    assertEquals(143, stopped.code(), stopped.toString());
    assertTrue(stopped.err().contains("interrupted: 0 changesets applied"), stopped.err());
    awaitTrue(() -> server(data).isEmpty(), "the server stopped with the run");
  }

  @Test
  void aRunStoppedWhileItsServerStartsLeavesNoServer() throws Exception {
    // The stop comes the moment pg_ctl start is launched: before the server has written
    // postmaster.pid, which a stop that reads it would find missing.
    Path data = dir.resolve("pg");
    BinMigrate migrate = new BinMigrate();
    Process run = migrate.start("--url", "embedded:" + data, "--changelog", slow(), "upgrade");
    awaitTrue(
        () -> run.descendants().anyMatch(EmbeddedUrlIT::pgCtlStart), "pg_ctl start was launched");
    run.toHandle().destroy();
    Cli.Result stopped = BinMigrate.finish(run);
    assertEquals(143, stopped.code(), stopped.toString());
    assertFalse(stopped.err().contains("internal error"), stopped.err());
    awaitTrue(() -> server(data).isEmpty(), "no server outlived the run");

    Cli.Result next = migrate.run("--url", "embedded:" + data, "--changelog", EXAMPLE, "upgrade");
    assertEquals(0, next.code(), "the folder serves the next run: " + next);
  }

  // pg_ctl ... start, run directly or through another program (unshare, where run as root).
  private static boolean pgCtlStart(ProcessHandle process) {
    List<String> words = new ArrayList<>();
    process.info().command().ifPresent(words::add);
    process.info().arguments().ifPresent(a -> words.addAll(List.of(a)));
    return words.contains("start") && words.stream().anyMatch(w -> w.endsWith("/pg_ctl"));
  }

  private String slow() throws Exception {
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
    return changelog.toString();
  }

  // postmaster.pid says "ready" on its eighth line once the server accepts connections; initdb's
  // single-user backends write the file too, but never that line.
  private static boolean ready(Path data) {
    try {
      List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
      return lines.size() >= 8 && lines.get(7).strip().equals("ready");
    } catch (IOException e) {
      return false;
    }
  }

  // A postgres process of the folder, whatever its state.
  private static Optional<ProcessHandle> server(Path data) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
        .filter(
            p -> p.info().arguments().map(a -> List.of(a).contains(data.toString())).orElse(false))
        .findFirst();
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(condition.getAsBoolean(), what);
  }
}
