package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A changeset whose every step finds its effect in place writes nothing but its revision row, and
 * that row waits for the run's next write (docs/reliability.md). Whatever ends the run, the rows
 * keep the changelog's order, are written before anything that may read them, and are never lost to
 * a failure that comes after them.
 */
class FoundInPlaceRowsTest {
  @TempDir Path dir;

  private static final String TABLES =
      """
      --liquibase formatted sql
      --changeset test:1
      CREATE TABLE a (id int);
      --changeset test:2
      CREATE TABLE b (id int);
      """;

  private Path changelog(String more) {
    return Changelogs.write(dir, "c.sql", TABLES + more);
  }

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
  }

  // The rows as id|seq|steps run|steps skipped, in the order they were written.
  private static List<String> rows(TestDb db) {
    return db.rows(
        "SELECT id || '|' || seq || '|' || steps_run || '|' || steps_skipped"
            + " FROM migrate_revisions ORDER BY seq");
  }

  @Test
  void rowsFoundInPlaceKeepTheirOrderAroundAChangesetThatRuns() {
    Path file = changelog("--changeset test:3\nCREATE TABLE c (id int);\n");
    TestDb db = new TestDb("in_place_order");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions", "DROP TABLE b");

    Cli.Result again = upgrade(db, file);

    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1|1|0|1", "2|2|1|0", "3|3|0|1"), rows(db));
  }

  @ParameterizedTest(name = "runInTransaction: {0}")
  @ValueSource(booleans = {true, false})
  void aFailingChangesetLeavesTheRowsFoundInPlaceBeforeItRecorded(boolean inTransaction) {
    TestDb db = new TestDb("in_place_failure");
    assertEquals(0, upgrade(db, changelog("")).code());
    db.execute("DELETE FROM migrate_revisions");
    Path file =
        changelog("--changeset test:3 runInTransaction:" + inTransaction + "\nSELECT 1 / 0;\n");

    Cli.Result failed = upgrade(db, file);

    assertEquals(1, failed.code(), failed.toString());
    assertTrue(failed.err().contains("changeset 3 (test) failed"), failed.err());
    assertTrue(failed.err().contains("division by zero"), failed.err());
    assertEquals(List.of("1|applied", "2|applied"), db.revisions());
  }

  @Test
  void aChangeSetExecutedPreconditionSeesAChangesetFoundInPlace() {
    Path first =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "1", "- createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}"));
    TestDb db = new TestDb("in_place_precondition");
    assertEquals(0, upgrade(db, first).code());
    db.execute("DELETE FROM migrate_revisions");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                    "1",
                    "- createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}")
                + """
                  - changeSet:
                      id: 2
                      author: test
                      preconditions:
                        - changeSetExecuted: {id: '1', author: test}
                      changes:
                        - createTable: {tableName: b, columns: [{column: {name: id, type: int}}]}
                """);

    Cli.Result again = upgrade(db, file);

    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1|applied", "2|applied"), db.revisions());
    assertTrue(db.tableExists("b"));
  }

  @Test
  void aRowAnotherRunWroteFirstStopsTheRunAndRecordsNothingMore() {
    Path file = changelog("");
    TestDb db = new TestDb("in_place_taken");
    assertEquals(0, upgrade(db, file).code());
    // Another run records changeset 1 the moment this run writes its rows.
    db.execute(
        "DELETE FROM migrate_revisions",
        """
        CREATE FUNCTION other_run() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
          IF NEW.id = '1' AND pg_trigger_depth() = 1 THEN
            INSERT INTO migrate_revisions (id, author, filename, seq, checksum, status,
                                           deployment_id, tool_version)
            VALUES (NEW.id, NEW.author, NEW.filename, 99, NEW.checksum, 'applied', 'other', 'x');
          END IF;
          RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER other_run BEFORE INSERT ON migrate_revisions"
            + " FOR EACH ROW EXECUTE FUNCTION other_run()");

    Cli.Result taken = upgrade(db, file);

    assertEquals(1, taken.code(), taken.toString());
    assertTrue(
        taken
            .err()
            .contains(
                "another run (deployment other) recorded changeset 1 (test) while this run found"
                    + " it in place; this run records nothing more"),
        taken.err());
    assertEquals(List.of(), db.revisions());
  }
}
