package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A createTable runs inside a savepoint only where a failure of it could be excused: when a later
 * change drops or renames something, makes a view or runs raw SQL. Elsewhere a failure fails the
 * changeset whatever happens, and the savepoint would only cost a round trip.
 */
class StepSavepointTest {
  @TempDir Path dir;

  private static final String TABLES =
      """
      databaseChangeLog:
        - changeSet:
            id: parent
            author: a
            changes:
              - createTable:
                  tableName: parent
                  columns:
                    - column: {name: id, type: int, constraints: {primaryKey: true}}
        - changeSet:
            id: child
            author: a
            changes:
              - createTable:
                  tableName: child
                  columns:
                    - column:
                        name: parent_id
                        type: int
                        constraints: {foreignKeyName: fk_child_parent, references: parent(id)}
      """;

  private Capture.Run upgrade(TestDb db, Path file) {
    return Capture.run(
        dir, Map.of(), "--debug", "upgrade", "--url", db.libpqUrl(), "--changelog", "" + file);
  }

  @Test
  void aCreateTableNoLaterChangeCanExcuseRunsWithoutASavepoint() {
    TestDb db = new TestDb("savepoint_none");
    Capture.Run run = upgrade(db, Changelogs.write(dir, "plain.yaml", TABLES));

    assertEquals(0, run.code(), run.everything());
    assertTrue(db.tableExists("child"));
    assertTrue(run.everything().contains("CREATE TABLE"), run.everything());
    assertFalse(run.everything().contains("SAVEPOINT migrate_step"), run.everything());
  }

  @Test
  void aCreateTableALaterDropExplainsIsExcusedOnARerun() {
    // Both tables dropped later; history kept for the first changeset only: the rerun's CREATE
    // TABLE child fails on the missing parent, which the later dropTable explains.
    TestDb db = new TestDb("savepoint_excused");
    Path file =
        Changelogs.write(
            dir,
            "dropped.yaml",
            TABLES
                + """
                  - changeSet:
                      id: drop-child
                      author: a
                      changes:
                        - dropTable: {tableName: child}
                  - changeSet:
                      id: drop-parent
                      author: a
                      changes:
                        - dropTable: {tableName: parent}
                """);
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions WHERE id <> 'parent'");

    Capture.Run rerun = upgrade(db, file);

    assertEquals(0, rerun.code(), rerun.everything());
    assertTrue(rerun.everything().contains("SAVEPOINT migrate_step"), rerun.everything());
    // The savepoint waits for no round trip of its own: it goes with the claim.
    assertTrue(
        rerun.everything().contains("held, to go with the next round trip: SAVEPOINT migrate_step"),
        rerun.everything());
    assertTrue(
        rerun.everything().contains("a later dropTable removes or remakes what it needs"),
        rerun.everything());
    assertEquals(
        List.of("parent|applied", "child|applied", "drop-child|applied", "drop-parent|applied"),
        db.revisions());
  }

  private static final String RAW =
      """
      databaseChangeLog:
        - changeSet:
            id: raw
            author: a
            changes:
              - sql: %s
      """;

  @Test
  void aStatementInASavepointGoesWithItAndItsReleaseInOneRoundTrip() {
    // A raw statement runs in a savepoint (a failure of it may be excused on a rerun): the
    // savepoint goes with the claim, and the statement and its release with them.
    TestDb db = new TestDb("savepoint_release");
    Capture.Run run =
        upgrade(db, Changelogs.write(dir, "raw.yaml", RAW.formatted("CREATE TABLE note (id int)")));

    assertEquals(0, run.code(), run.everything());
    assertTrue(db.tableExists("note"));
    String log = run.everything();
    assertTrue(log.contains("held, to go with the next round trip: SAVEPOINT migrate_step"), log);
    assertTrue(
        log.contains(
            "2 held statement(s) sent, then CREATE TABLE note (id int);RELEASE SAVEPOINT migrate_step"),
        log);
    assertFalse(log.contains("held, to go with the next round trip: RELEASE"), log);
  }

  @Test
  void aStatementThatFailsWithItsReleaseIsReportedAloneAndNothingIsRecorded() {
    TestDb db = new TestDb("savepoint_failure");
    Capture.Run run =
        upgrade(
            db, Changelogs.write(dir, "bad.yaml", RAW.formatted("INSERT INTO nowhere VALUES (1)")));

    assertEquals(1, run.code(), run.everything());
    assertTrue(
        run.everything()
            .contains(
                "ERROR: relation \"nowhere\" does not exist\n  Position: 13 [SQLSTATE 42P01]\n"
                    + "  SQL: INSERT INTO nowhere VALUES (1)\n"),
        run.everything());
    assertEquals(List.of(), db.revisions());
  }
}
