package dev.migrate.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work connection ends while a step of a transactional changeset runs (found by the connection
 * loss suite): the error names why the connection ended, not the rollback that could no longer run
 * on it, and the next run applies the changeset once.
 */
class LostWorkConnectionTest {
  @TempDir Path dir;

  @Test
  void theErrorSaysTheConnectionEndedNotThatTheSavepointCouldNotBeRolledBack() throws Exception {
    TestDb db = new TestDb("lost_work");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: one
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                - sql: SELECT pg_sleep(60) WHERE to_regclass('woken') IS NULL
                - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}
        """);
    String[] args = {"upgrade", "--url", db.libpqUrl(), "--changelog", changelog.toString()};
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> new Cli().run(args));
    String pid = null;
    for (int i = 0; i < 400 && pid == null; i++) {
      pid =
          db.one(
              "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'");
      Thread.sleep(10);
    }
    assertTrue(pid != null, "the step was seen running");
    db.execute("SELECT pg_terminate_backend(" + pid + ")");
    Cli.Result result = run.get(60, TimeUnit.SECONDS);
    // The step sleeps until the fault ends it (a short sleep could end first on a loaded machine),
    // and not in the rerun.
    db.execute("CREATE TABLE woken ()");

    assertEquals(1, result.code(), result.toString());
    assertTrue(
        result.err().contains("error: changeset one (a) failed at ")
            && result.err().contains("step sql:")
            && result
                .err()
                .contains("terminating connection due to administrator command [SQLSTATE 57P01]")
            && result.err().contains("SQL: SELECT pg_sleep(60)"),
        result.err());
    assertFalse(result.err().contains("SAVEPOINT"), result.err());
    assertFalse(db.tableExists("t"));

    Cli.Result rerun = new Cli().run(args);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(List.of("one|applied"), db.revisions());
    assertEquals(List.of("1"), db.rows("SELECT id FROM t"));
  }
}
