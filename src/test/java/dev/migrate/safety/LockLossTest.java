package dev.migrate.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate lock lives on a connection of its own and is lost silently when that connection dies.
 * A run that lost it must not record anything more, and two runs must never both apply a changeset:
 * faults injected with pg_terminate_backend while a changeset is in flight. The changeset waits at
 * a gate the test opens only once the lock's backend is gone, so the fault lands in flight on any
 * machine, however loaded: a timed sleep could end before the fault lands.
 */
class LockLossTest {
  @TempDir Path dir;

  // Changeset two waits at the gate in flight, so a fault can hit it there; its insert must happen
  // exactly once. The wait is capped, so a test that never opens the gate cannot hang a run.
  private static final String AT_GATE =
      "DO $$ BEGIN FOR i IN 1..3000 LOOP EXIT WHEN EXISTS (SELECT 1 FROM gate);"
          + " PERFORM pg_sleep(0.02); END LOOP; END $$";

  private static final String GATED_TABLES =
      """
          - changeSet:
              id: one
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                - createTable: {tableName: gate, columns: [{column: {name: id, type: int}}]}
        """;

  private Path changelog() {
    return Changelogs.write(
        dir,
        "c.yaml",
        """
        databaseChangeLog:
        """
            + GATED_TABLES
            + """
          - changeSet:
              id: two
              author: a
              changes:
                - sql: "%s"
                - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}
          - changeSet:
              id: three
              author: a
              changes:
                - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 3}}]}
        """
                .formatted(AT_GATE));
  }

  private static CompletableFuture<Cli.Result> upgrade(TestDb db, Path changelog) {
    return CompletableFuture.supplyAsync(
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
  }

  // The backend holding migrate's advisory lock in this database, once changeset two waits at
  // the gate.
  private static String lockHolderAtGate(TestDb db) throws InterruptedException {
    for (int i = 0; i < 2000; i++) {
      String waiting =
          db.one(
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                  + " AND query = '"
                  + AT_GATE
                  + "' AND state = 'active'");
      String pid =
          db.one(
              "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = "
                  + 0x6d677274
                  + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
      if ("1".equals(waiting) && pid != null) {
        return pid;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("changeset two never reached the gate under the lock");
  }

  // Terminates the lock's backend and waits until it is gone: pg_terminate_backend only signals.
  private static void terminate(TestDb db, String pid) throws InterruptedException {
    db.execute("SELECT pg_terminate_backend(" + pid + ")");
    for (int i = 0; i < 2000; i++) {
      if ("0".equals(db.one("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid))) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("backend " + pid + " outlived pg_terminate_backend");
  }

  private static void openGate(TestDb db) {
    db.execute("INSERT INTO gate VALUES (1)");
  }

  @Test
  void aRunWhoseLockConnectionDiesRollsBackAndStops() throws Exception {
    TestDb db = new TestDb("lock_lost");
    Path changelog = changelog();
    Cli.Result result = losingItsLock(db, upgrade(db, changelog));

    assertEquals(1, result.code(), result.toString());
    assertTrue(
        result.err().contains("changeset two (a) failed at ")
            && result
                .err()
                .contains(
                    "lost the migrate lock on public.migrate_revisions: its connection no longer")
            && result
                .err()
                .contains("Rolled back: nothing of this changeset was applied or recorded."),
        result.err());
    assertEquals(List.of("one|applied"), db.revisions());
    assertEquals(List.of(), db.rows("SELECT id FROM t"));

    Cli.Result rerun = upgrade(db, changelog).get(60, TimeUnit.SECONDS);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(List.of("one|applied", "two|applied", "three|applied"), db.revisions());
    assertEquals(List.of("1", "3"), db.rows("SELECT id FROM t ORDER BY id"));
  }

  @Test
  void aSecondRunThatTakesALostLockNeverAppliesAChangesetTwice() throws Exception {
    TestDb db = new TestDb("lock_race");
    Path changelog = changelog();
    CompletableFuture<Cli.Result> first = upgrade(db, changelog);
    terminate(db, lockHolderAtGate(db));
    // The second run takes the lock at once and finds changeset two pending: the first has not
    // committed it. Whatever the interleaving, the revision row's key lets only one apply it.
    CompletableFuture<Cli.Result> second = upgrade(db, changelog);
    openGate(db);
    Cli.Result a = first.get(60, TimeUnit.SECONDS);
    Cli.Result b = second.get(60, TimeUnit.SECONDS);

    assertEquals(1, a.code(), a.toString());
    assertEquals(0, b.code(), b.toString());
    assertEquals(List.of("one|applied", "two|applied", "three|applied"), db.revisions());
    assertEquals(List.of("1", "3"), db.rows("SELECT id FROM t ORDER BY id"));
  }

  @Test
  void aRunThatLostItsLockRecordsNothingMoreEvenWhereItWouldGoOn() throws Exception {
    // Changeset two fails at its lock proof, and failOnError false lets the run go on: changeset
    // three must not be recorded either, and its insert must be undone.
    TestDb db = new TestDb("lock_lost_goes_on");
    Path changelog =
        Changelogs.write(
            dir,
            "on.yaml",
            Files.readString(changelog())
                .replace("id: two\n", "id: two\n      failOnError: false\n"));
    assertTrue(Files.readString(changelog).contains("failOnError: false"));
    Cli.Result result = losingItsLock(db, upgrade(db, changelog));

    assertEquals(1, result.code(), result.toString());
    assertTrue(result.err().contains("changeset three (a) failed at "), result.err());
    assertEquals(List.of("one|applied"), db.revisions());
    assertEquals(List.of(), db.rows("SELECT id FROM t"));
  }

  @Test
  void rowsFoundInPlaceAreNotRecordedOnceTheLockIsLost() throws Exception {
    // Changesets found in place wait to write their rows with the next write, here the gated
    // changeset's claim; that changeset then loses the lock, and the rows must not be written
    // in a transaction of their own after it.
    TestDb db = new TestDb("lock_lost_in_place");
    Path first = Changelogs.write(dir, "first.yaml", "databaseChangeLog:\n" + GATED_TABLES);
    assertEquals(0, upgrade(db, first).get(60, TimeUnit.SECONDS).code());
    db.execute("DELETE FROM migrate_revisions");
    Path changelog =
        Changelogs.write(
            dir,
            "first.yaml",
            "databaseChangeLog:\n"
                + GATED_TABLES
                + """
          - changeSet:
              id: two
              author: a
              changes:
                - sql: "%s"
        """
                    .formatted(AT_GATE));
    Cli.Result result = losingItsLock(db, upgrade(db, changelog));

    assertEquals(1, result.code(), result.toString());
    assertTrue(
        result
            .err()
            .contains(
                "The rows of the 1 changeset that found their effect in place were not recorded"
                    + " (lost the migrate lock"),
        result.err());
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void aDowngradeWhoseLockConnectionDiesKeepsTheRevisionRow() throws Exception {
    // Undoing removes a revision row: with the lock lost, another run may be applying beside it,
    // so the undo is rolled back as an upgrade's changeset is.
    TestDb db = new TestDb("lock_lost_down");
    Path changelog =
        Changelogs.write(
            dir,
            "down.yaml",
            """
        databaseChangeLog:
        """
                + GATED_TABLES
                + """
          - changeSet:
              id: two
              author: a
              changes:
                - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}
              rollback:
                - sql: "%s"
                - sql: DELETE FROM t WHERE id = 1
        """
                    .formatted(AT_GATE));
    assertEquals(0, upgrade(db, changelog).get(60, TimeUnit.SECONDS).code());
    CompletableFuture<Cli.Result> down =
        CompletableFuture.supplyAsync(
            () ->
                new Cli()
                    .run(
                        "downgrade",
                        "-1",
                        "--url",
                        db.libpqUrl(),
                        "--changelog",
                        changelog.toString()));
    Cli.Result result = losingItsLock(db, down);

    assertEquals(1, result.code(), result.toString());
    assertTrue(
        result.err().contains("lost the migrate lock on public.migrate_revisions"), result.err());
    assertEquals(List.of("one|applied", "two|applied"), db.revisions());
    assertEquals(List.of("1"), db.rows("SELECT id FROM t"));
  }

  @Test
  void aStampWhoseLockConnectionDiesWritesNoRow() throws Exception {
    // stamp writes its rows under the lock; the lock is lost while it waits to write them.
    TestDb db = new TestDb("lock_lost_stamp");
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (int i = 0; i < 3; i++) {
      yaml.append("  - changeSet: {id: c")
          .append(i)
          .append(", author: a, changes: [{createTable: {tableName: t")
          .append(i)
          .append(", columns: [{column: {name: id, type: int}}]}}]}\n");
    }
    Path changelog = Changelogs.write(dir, "many.yaml", yaml.toString());
    // The revision table, made by a first stamp; then a SHARE lock on it, so the second stamp's
    // rows wait, under the migrate lock, until the fault has landed.
    Cli.Result first =
        new Cli()
            .run(
                "stamp",
                "c0",
                "--force",
                "-q",
                "--url",
                db.libpqUrl(),
                "--changelog",
                changelog.toString());
    assertEquals(0, first.code(), first.toString());
    try (Connection holder = db.server.connect(db.name);
        Statement lock = holder.createStatement()) {
      holder.setAutoCommit(false);
      lock.execute("LOCK TABLE migrate_revisions IN SHARE MODE");
      CompletableFuture<Cli.Result> stamp =
          CompletableFuture.supplyAsync(
              () ->
                  new Cli()
                      .run(
                          "stamp",
                          "head",
                          "--force",
                          "-q",
                          "--lock-timeout",
                          "60s",
                          "--url",
                          db.libpqUrl(),
                          "--changelog",
                          changelog.toString()));
      String pid = null;
      for (int i = 0; i < 2000 && pid == null; i++) {
        boolean waiting =
            "1"
                .equals(
                    db.one(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT%'"));
        pid =
            waiting
                ? db.one(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                : null;
        Thread.sleep(10);
      }
      assertTrue(pid != null, "the stamp never waited to write under the lock");
      terminate(db, pid);
      holder.rollback();
      Cli.Result result = stamp.get(60, TimeUnit.SECONDS);

      assertEquals(1, result.code(), result.toString());
      assertTrue(
          result.err().contains("lost the migrate lock on public.migrate_revisions"), result.err());
    }
    assertEquals(List.of("c0|stamped"), db.revisions());
  }

  @Test
  void aChangesetThatSwitchesToARoleThatCannotSeeTheLockSessionStillCommits() {
    // The proof before each commit runs on the work's connection, as whatever role the changelog
    // switched to. Such a role may not see when the lock's backend started (pg_stat_activity hides
    // it from roles without the session role's privileges); pg_locks alone then witnesses the lock.
    TestDb db = new TestDb("lock_set_role");
    String role = "owner_" + db.name;
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
                    - sql: "CREATE ROLE %1$s NOLOGIN; GRANT ALL ON SCHEMA public TO %1$s; GRANT ALL ON ALL TABLES IN SCHEMA public TO %1$s; SET ROLE %1$s"
              - changeSet:
                  id: two
                  author: a
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
            """
                .formatted(role));
    try {
      Cli.Result result =
          new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", changelog.toString());
      assertEquals(0, result.code(), result.toString());
      assertEquals(List.of("one|applied", "two|applied"), db.revisions());
      assertEquals(role, db.one("SELECT tableowner FROM pg_tables WHERE tablename = 't'"));
    } finally {
      // Roles belong to the whole server: this one goes with what it owns.
      if (db.one("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'") != null) {
        db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
      }
    }
  }

  // The run, once its lock connection was killed at the gate and the gate opened.
  private static Cli.Result losingItsLock(TestDb db, CompletableFuture<Cli.Result> run)
      throws Exception {
    terminate(db, lockHolderAtGate(db));
    openGate(db);
    return run.get(60, TimeUnit.SECONDS);
  }
}
