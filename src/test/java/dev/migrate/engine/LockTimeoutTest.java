package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --lock-timeout and --retries: a step never queues behind another session's lock for long. */
class LockTimeoutTest {
  @TempDir Path dir;

  private Path changelog() {
    return Changelogs.write(dir, "c.yaml", Changelogs.changeset("add-note", "- addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}"));
  }

  @Test
  void aStepBlockedByAnotherSessionGivesUpAfterItsRetriesAndSaysItWasALockWait() throws Exception {
    TestDb db = new TestDb("locktimeout");
    db.execute("CREATE TABLE busy (id int)");
    try (Connection holder = db.server.connect(db.name); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      Cli.Result result = new Cli().run("upgrade", "--lock-timeout", "200ms", "--retries", "1",
          "--url", db.libpqUrl(), "--changelog", changelog().toString());
      assertEquals(1, result.code(), result.toString());
      assertTrue(result.err().contains("warning: changeset add-note waited too long for a lock; trying again in 1 s (1 of 1 retries)"), result.err());
      assertTrue(result.err().contains("canceling statement due to lock timeout [SQLSTATE 55P03]"), result.err());
      assertTrue(result.err().contains("SQL: ALTER TABLE public.busy ADD note TEXT"), result.err());
      assertTrue(result.err().contains("It waited for a lock on public.busy longer than the lock timeout (200 ms unless the changeset"
          + " sets lockTimeout) on each of 2 tries: another session holds it."), result.err());
      holder.rollback();
    }
    assertEquals(List.of("id:integer:false"), db.columns("busy"));
  }

  @Test
  void aLockReleasedDuringTheRetriesLetsTheStepThrough() throws Exception {
    TestDb db = new TestDb("lockretry");
    db.execute("CREATE TABLE busy (id int)");
    Connection holder = db.server.connect(db.name);
    holder.setAutoCommit(false);
    holder.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> new Cli().run("upgrade", "--lock-timeout", "200ms",
        "--retries", "3", "--url", db.libpqUrl(), "--changelog", changelog().toString()));
    Thread.sleep(700);
    holder.rollback();
    holder.close();
    Cli.Result result = run.get();
    assertEquals(0, result.code(), result.toString());
    assertTrue(result.err().contains("warning: changeset add-note waited too long for a lock; trying again in 1 s (1 of 3 retries)"),
        "the step was retried while the lock was held: " + result.err());
    assertEquals(List.of("id:integer:false", "note:text:false"), db.columns("busy"));
    assertEquals(List.of("add-note|applied"), db.revisions());
  }

  @Test
  void aChangesetsOwnLockTimeoutWinsOverTheCommandLine() throws Exception {
    TestDb db = new TestDb("lockown");
    db.execute("CREATE TABLE busy (id int)");
    Path file = Changelogs.write(dir, "own.yaml", """
        databaseChangeLog:
          - changeSet:
              id: quick
              author: a
              lockTimeout: 100ms
              changes:
                - addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}
        """);
    try (Connection holder = db.server.connect(db.name); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      long start = System.nanoTime();
      Cli.Result result = new Cli().run("upgrade", "--lock-timeout", "30s", "--retries", "0",
          "--url", db.libpqUrl(), "--changelog", file.toString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, result.code(), result.toString());
      assertTrue(result.err().contains("[SQLSTATE 55P03]"), result.err());
      assertTrue(millis < 20_000, "the changeset's 100ms applied, not the 30s default: " + millis + " ms");
      holder.rollback();
    }
  }
}
