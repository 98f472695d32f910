package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migrate lock: a run that cannot take it says who holds it, and gives up after --wait. */
class LockTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  @Test
  void aRunWaitingForTheLockNamesTheHolderAndGivesUpAfterWait() throws Exception {
    TestDb db = new TestDb("lock_held");
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement()) {
      s.execute("SET application_name = 'deploy-job-7'");
      // The same keys migrate derives for public.migrate_revisions.
      s.execute(
          "SELECT pg_advisory_lock("
              + 0x6d677274
              + ", "
              + ("public.migrate_revisions".hashCode() & 0x7fffffff)
              + ")");
      int pid;
      try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      Cli.Result current =
          new Cli().run("current", "-v", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
      assertTrue(
          current.out().contains("Lock:      held by pid " + pid + " (deploy-job-7, "),
          current.out());

      long start = System.nanoTime();
      Cli.Result result =
          new Cli().run("upgrade", "--wait", "2s", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, result.code(), result.toString());
      assertTrue(
          result
              .err()
              .contains(
                  "warning: waiting for the migrate lock on public.migrate_revisions, held by pid "
                      + pid
                      + " (deploy-job-7, "),
          result.err());
      assertTrue(
          result
              .err()
              .contains(
                  "error: gave up waiting for the migrate lock on public.migrate_revisions after 2 s; it is held by pid "
                      + pid),
          result.err());
      assertTrue(waited >= 2000, "waited " + waited + " ms");
      assertEquals(List.of(), db.schemaFingerprint());
    }
    Cli.Result free =
        new Cli().run("upgrade", "--wait", "2s", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, free.code(), free.toString());
    assertEquals(
        List.of("0001_create_import_tables|applied", "0002_add_catalog_tables|applied"),
        db.revisions());
  }

  @org.junit.jupiter.api.Test
  void twoRunnersWhileOneBuildsAnIndexConcurrentlyDoNotDeadlock(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    TestDb db = new TestDb("lock_cic");
    db.execute(
        "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 200000) g");
    java.nio.file.Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: cic
              author: a
              runInTransaction: false
              changes:
                - createIndex: {tableName: big, indexName: ix_big_v, concurrently: true, columns: [{column: {name: v}}]}
        """);
    // The session lock lives on its own idle connection, outside any transaction, so the waiting
    // runner never holds the snapshot that CREATE INDEX CONCURRENTLY waits for.
    var first =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                new Cli()
                    .run(
                        "upgrade",
                        "--wait",
                        "60s",
                        "--url",
                        db.libpqUrl(),
                        "--changelog",
                        changelog.toString()));
    var second =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                new Cli()
                    .run(
                        "upgrade",
                        "--wait",
                        "60s",
                        "--url",
                        db.libpqUrl(),
                        "--changelog",
                        changelog.toString()));
    Cli.Result a = first.get(90, java.util.concurrent.TimeUnit.SECONDS);
    Cli.Result b = second.get(90, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, a.code(), a.toString());
    assertEquals(0, b.code(), b.toString());
    assertEquals(
        "t", db.one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass"));
    assertEquals(List.of("cic|applied"), db.revisions());
  }
}
