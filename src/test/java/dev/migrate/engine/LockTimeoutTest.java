package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --lock-timeout and --retries: a step never queues behind another session's lock for long. */
class LockTimeoutTest {
  @TempDir Path dir;

  private Path changelog() {
    return Changelogs.write(
        dir,
        "c.yaml",
        Changelogs.changeset(
            "add-note",
            "- addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}"));
  }

  @Test
  void aStepBlockedByAnotherSessionGivesUpAfterItsRetriesAndSaysItWasALockWait() throws Exception {
    TestDb db = new TestDb("locktimeout");
    db.execute("CREATE TABLE busy (id int)");
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      Cli.Result result =
          new Cli()
              .run(
                  "upgrade",
                  "--lock-timeout",
                  "200ms",
                  "--retries",
                  "1",
                  "--url",
                  db.libpqUrl(),
                  "--changelog",
                  changelog().toString());
      assertEquals(1, result.code(), result.toString());
      assertTrue(
          result
              .err()
              .contains(
                  "warning: changeset add-note waited too long for a lock; trying again in 1 s (1 of 1 retries)"),
          result.err());
      assertTrue(
          result.err().contains("canceling statement due to lock timeout [SQLSTATE 55P03]"),
          result.err());
      assertTrue(result.err().contains("SQL: ALTER TABLE public.busy ADD note TEXT"), result.err());
      assertTrue(
          result
              .err()
              .contains(
                  "It waited for a lock on public.busy longer than the lock timeout (200 ms unless the changeset"
                      + " sets lockTimeout) on each of 2 tries: another session holds it."),
          result.err());
      holder.rollback();
    }
    assertEquals(List.of("id:integer:false"), db.columns("busy"));
  }

  @Test
  void aLockReleasedDuringTheRetriesLetsTheStepThrough() throws Exception {
    TestDb db = new TestDb("lockretry");
    db.execute("CREATE TABLE busy (id int)");
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement();
        Connection watcher = db.server.connect(db.name)) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      long start = System.nanoTime();
      CompletableFuture<Cli.Result> run =
          CompletableFuture.supplyAsync(
              () ->
                  new Cli()
                      .run(
                          "upgrade",
                          "--lock-timeout",
                          "500ms",
                          "--retries",
                          "3",
                          "--url",
                          db.libpqUrl(),
                          "--changelog",
                          changelog().toString()));
      // The lock goes only once the first try has queued behind it and given up: the run can then
      // succeed only by trying again, whatever the machine's speed.
      awaitWaiters(watcher, 1);
      awaitWaiters(watcher, 0);
      holder.rollback();
      Cli.Result result = run.get(60, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(0, result.code(), result.toString());
      assertEquals(
          "warning: changeset add-note waited too long for a lock; trying again in 1 s (1 of 3 retries)\n",
          result.err(),
          "exactly one retry, announced once");
      assertTrue(
          result.out().contains("applied  add-note (test): 1 step run, 0 skipped"), result.out());
      assertTrue(
          millis >= 1500,
          "the first try waited 500 ms and the run paused 1 s before the second: "
              + millis
              + " ms");
    }
    assertEquals(List.of("id:integer:false", "note:text:false"), db.columns("busy"));
    assertEquals(List.of("add-note|applied"), db.revisions());
  }

  // Waits until exactly `count` sessions queue for a lock on table busy.
  static void awaitWaiters(Connection watcher, int count) throws Exception {
    try (Statement s = watcher.createStatement()) {
      for (int i = 0; i < 3000; i++) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE relation = 'busy'::regclass AND NOT granted")) {
          rs.next();
          if (rs.getInt(1) == count) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    throw new AssertionError("never saw " + count + " session(s) waiting for the lock on busy");
  }

  @Test
  void aChangesetsOwnLockTimeoutWinsOverTheCommandLine() throws Exception {
    TestDb db = new TestDb("lockown");
    db.execute("CREATE TABLE busy (id int)");
    Path file =
        Changelogs.write(
            dir,
            "own.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: quick
              author: a
              lockTimeout: 100ms
              changes:
                - addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}
        """);
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      long start = System.nanoTime();
      Cli.Result result =
          new Cli()
              .run(
                  "upgrade",
                  "--lock-timeout",
                  "30s",
                  "--retries",
                  "0",
                  "--url",
                  db.libpqUrl(),
                  "--changelog",
                  file.toString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, result.code(), result.toString());
      assertTrue(result.err().contains("[SQLSTATE 55P03]"), result.err());
      assertTrue(
          millis < 20_000, "the changeset's 100ms applied, not the 30s default: " + millis + " ms");
      holder.rollback();
    }
  }
}
