package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changeset's commit goes without waiting for its reply, and the next changeset is decided
 * meanwhile. Whatever the reply says is the committed changeset's: a failure names it, undoes it
 * whole, and nothing of the changeset decided after it runs or is recorded; a lock wait is retried
 * for it, and the run goes on from there.
 */
class CommitAheadTest {
  @TempDir Path dir;

  private static String table(String name, String type) {
    return "- createTable: {tableName: %s, columns: [{column: {name: id, type: %s}}]}\n"
        .formatted(name, type);
  }

  private static String changesets(String... idsAndChanges) {
    StringBuilder text = new StringBuilder("databaseChangeLog:\n");
    for (int i = 0; i < idsAndChanges.length; i += 2) {
      text.append("  - changeSet:\n      id: ")
          .append(idsAndChanges[i])
          .append("\n      author: test\n      changes:\n");
      idsAndChanges[i + 1].lines().forEach(l -> text.append("        ").append(l).append('\n'));
    }
    return text.toString();
  }

  private Cli.Result upgrade(TestDb db, Path file, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString()));
    args.addAll(List.of(more));
    return new Cli().run(args.toArray(String[]::new));
  }

  @Test
  void aStatementThatFailsInTheCommitIsItsChangesetsNotTheNextOnes() {
    TestDb db = new TestDb("ahead_held");
    // c2's second table has a type the server does not know, which no guard looks for: it fails
    // in c2's commit, while c3 is decided.
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            changesets(
                "c1",
                table("t1", "int"),
                "c2",
                table("t2", "int") + table("t3", "no_such_type"),
                "c3",
                table("t4", "int"),
                "c4",
                table("t5", "int")));
    Cli.Result result = upgrade(db, file);

    assertEquals(1, result.code(), result.toString());
    String all = result.toString();
    assertTrue(all.contains("changeset c2 (test) failed at " + file + ":"), all);
    assertTrue(all.contains(", step createTable:"), all);
    assertTrue(all.contains("type \"no_such_type\" does not exist"), all);
    assertTrue(
        all.contains("[SQLSTATE 42704]\n    SQL: CREATE TABLE public.t3 (id no_such_type)"), all);
    assertTrue(all.contains("Rolled back: nothing of this changeset was applied"), all);
    assertFalse(all.contains("changeset c3"), all);
    assertTrue(result.out().contains("applied  c1 (test)"), result.out());
    assertFalse(result.out().contains("applied  c2"), result.out());
    assertFalse(result.out().contains("applied  c3"), result.out());
    assertTrue(db.tableExists("t1"));
    for (String t : List.of("t2", "t3", "t4", "t5")) {
      assertFalse(db.tableExists(t), t + " stayed: " + all);
    }
    assertEquals(List.of("c1|applied"), db.revisions());

    // The rerun, with the type made, applies the rest.
    db.execute("CREATE DOMAIN no_such_type AS int");
    Cli.Result again = upgrade(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("c1|applied", "c2|applied", "c3|applied", "c4|applied"), db.revisions());
  }

  @Test
  void underDebugEveryCommitsRoundTripIsLoggedAheadOrNot() {
    TestDb db = new TestDb("ahead_debug");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            changesets(
                "c1", table("t1", "int"), "c2", table("t2", "int"), "c3", table("t3", "int")));
    dev.migrate.support.Capture.Run run =
        dev.migrate.support.Capture.run(
            dir,
            java.util.Map.of(),
            "--debug",
            "upgrade",
            "--url",
            db.libpqUrl(),
            "--changelog",
            file.toString());

    assertEquals(0, run.code(), run.everything());
    // c1 and c2 commit ahead of their reply, c3 (the last) waits for it: one line each.
    java.util.regex.Matcher commits =
        java.util.regex.Pattern.compile(
                "^DEBUG \\d+ ms: \\d+ held statement\\(s\\) sent, then INSERT INTO"
                    + " public\\.migrate_revisions",
                java.util.regex.Pattern.MULTILINE)
            .matcher(run.everything());
    int count = 0;
    while (commits.find()) {
      count++;
    }
    assertEquals(3, count, run.everything());
  }

  @Test
  void aChangesetAllowedToFailDoesNotTakeTheFailureOfTheCommitBeforeIt() {
    TestDb db = new TestDb("ahead_fail_on_error");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            changesets(
                    "c1",
                    table("t1", "int") + table("t2", "no_such_type"),
                    "c2",
                    table("t3", "int"))
                .replace("      id: c2\n", "      id: c2\n      failOnError: false\n"));
    Cli.Result result = upgrade(db, file);

    assertEquals(1, result.code(), result.toString());
    assertTrue(result.err().contains("changeset c1 (test) failed at "), result.toString());
    assertFalse(result.err().contains("failOnError is false"), result.toString());
    assertFalse(result.err().contains("changeset c2"), result.toString());
    assertFalse(db.tableExists("t1"));
    assertFalse(db.tableExists("t3"));
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void aCommitRefusedAtTheEndIsItsChangesetsFailure() {
    TestDb db = new TestDb("ahead_deferred");
    // c2 leaves a row its deferred foreign key refuses at COMMIT, after a table sent with the
    // commit; c3 is decided while that COMMIT runs.
    db.execute(
        "CREATE TABLE d (id int PRIMARY KEY, ref int REFERENCES d (id) DEFERRABLE INITIALLY DEFERRED)");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            changesets(
                "c1",
                table("t1", "int"),
                "c2",
                "- sql: {sql: \"INSERT INTO d VALUES (1, 2)\"}\n" + table("t2", "int"),
                "c3",
                table("t3", "int")));
    Cli.Result result = upgrade(db, file);

    assertEquals(1, result.code(), result.toString());
    String all = result.toString();
    assertTrue(all.contains("changeset c2 (test) failed at " + file + ":"), all);
    assertTrue(all.contains("violates foreign key constraint \"d_ref_fkey\""), all);
    assertFalse(all.contains("changeset c3"), all);
    assertFalse(db.tableExists("t2"), all);
    assertFalse(db.tableExists("t3"), all);
    assertEquals("0", db.one("SELECT count(*) FROM d"));
    assertEquals(List.of("c1|applied"), db.revisions());
  }

  @Test
  void aLockWaitInTheCommitIsRetriedForItsChangesetThenTheRunGoesOn() throws Exception {
    TestDb db = new TestDb("ahead_lock");
    db.execute("CREATE TABLE busy (id int)");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            changesets(
                "c1",
                table("t1", "int"),
                "add-note",
                "- addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}",
                "c3",
                table("t3", "int")));
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement();
        Connection watcher = db.server.connect(db.name)) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      CompletableFuture<Cli.Result> run =
          CompletableFuture.supplyAsync(
              () -> upgrade(db, file, "--lock-timeout", "500ms", "--retries", "3"));
      // The lock goes once the first try of add-note has queued behind it and given up.
      LockTimeoutTest.awaitWaiters(watcher, 1);
      LockTimeoutTest.awaitWaiters(watcher, 0);
      holder.rollback();
      Cli.Result result = run.get(60, TimeUnit.SECONDS);

      assertEquals(0, result.code(), result.toString());
      assertEquals(
          "warning: changeset add-note waited too long for a lock; trying again in 1 s (1 of 3 retries)\n",
          result.err());
      String out = result.out();
      assertTrue(
          out.indexOf("applied  c1") < out.indexOf("applied  add-note")
              && out.indexOf("applied  add-note") < out.indexOf("applied  c3")
              && out.indexOf("applied  c1") >= 0,
          out);
    }
    assertEquals(List.of("id:integer:false", "note:text:false"), db.columns("busy"));
    assertEquals(List.of("c1|applied", "add-note|applied", "c3|applied"), db.revisions());
    assertTrue(db.tableExists("t3"));
  }
}
