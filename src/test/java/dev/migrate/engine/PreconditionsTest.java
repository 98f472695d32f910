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

/**
 * preConditions on changesets, with each onFail: what runs, what is recorded, what the user reads.
 */
class PreconditionsTest {
  @TempDir Path dir;

  private static String guarded(String onFail) {
    return """
        databaseChangeLog:
          - changeSet:
              id: seed
              author: a
              preConditions:
                - onFail: %s
                - tableExists: {tableName: settings}
                - not:
                    - columnExists: {tableName: settings, columnName: legacy}
                - sqlCheck: {expectedResult: 0, sql: SELECT count(*) FROM settings}
              changes:
                - sql: INSERT INTO settings (name) VALUES ('seeded')
        """
        .formatted(onFail);
  }

  private Cli.Result upgrade(TestDb db, String yaml) {
    Path file = Changelogs.write(dir, "changelog.yaml", yaml);
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "--changelog", file.toString());
  }

  @Test
  void passingPreconditionsRunTheChangeset() {
    TestDb db = new TestDb("pre_pass");
    db.execute("CREATE TABLE settings (name text)");
    Cli.Result result = upgrade(db, guarded("HALT"));
    assertEquals(0, result.code(), result.toString());
    assertEquals(List.of("seeded"), db.rows("SELECT name FROM settings"));
    assertEquals(List.of("seed|applied"), db.revisions());
  }

  @Test
  void haltStopsWithTheConditionNamed() {
    TestDb db = new TestDb("pre_halt");
    Cli.Result result = upgrade(db, guarded("HALT"));
    assertEquals(1, result.code());
    assertTrue(
        result
            .err()
            .contains(
                "precondition failed: precondition tableExists public.settings and not (columnExists public.settings.legacy)"
                    + " and sqlCheck (SELECT count(*) FROM settings) = 0 is false."),
        result.err());
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void continueSkipsWithoutRecordingSoTheNextRunChecksAgain() {
    TestDb db = new TestDb("pre_continue");
    db.execute("CREATE TABLE settings (name text)", "INSERT INTO settings VALUES ('x')");
    Cli.Result result = upgrade(db, guarded("CONTINUE"));
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result.out().contains("skipped  seed (a): not run, not recorded: precondition"),
        result.out());
    assertEquals(List.of(), db.revisions());
    db.execute("DELETE FROM settings");
    assertEquals(0, upgrade(db, guarded("CONTINUE")).code());
    assertEquals(List.of("seed|applied"), db.revisions());
  }

  @Test
  void markRanRecordsWithoutRunning() {
    TestDb db = new TestDb("pre_markran");
    db.execute("CREATE TABLE settings (name text, legacy int)");
    Cli.Result result = upgrade(db, guarded("MARK_RAN"));
    assertEquals(0, result.code(), result.toString());
    assertTrue(result.out().contains("marked   seed (a): not run, recorded as ran"), result.out());
    assertEquals(List.of(), db.rows("SELECT name FROM settings"));
    assertEquals(List.of("seed|mark_ran"), db.revisions());
  }

  @Test
  void warnRunsAnyway() {
    TestDb db = new TestDb("pre_warn");
    db.execute("CREATE TABLE settings (name text, legacy int)");
    Cli.Result result = upgrade(db, guarded("WARN"));
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .err()
            .startsWith(
                "warning: changeset seed (a): precondition tableExists public.settings and not (columnExists public.settings.legacy)"),
        result.err());
    assertTrue(
        result.err().endsWith("is false; onFail is WARN, so it runs anyway\n"), result.err());
    assertEquals(List.of("seeded"), db.rows("SELECT name FROM settings"));
    assertEquals(List.of("seed|applied"), db.revisions());
  }

  @Test
  void aFailingStepRollsBackTheWholeChangesetAndNamesTheStep() {
    TestDb db = new TestDb("pre_rollback");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset(
                "two",
                """
        - createTable: {tableName: first, columns: [{column: {name: id, type: int}}]}
        - sql: INSERT INTO missing VALUES (1)
        """));
    assertEquals(1, result.code());
    assertTrue(
        result
            .err()
            .startsWith(
                "error: changeset two (test) failed at "
                    + dir.resolve("changelog.yaml")
                    + ":7:11, step sql:\n"
                    + "  ERROR: relation \"missing\" does not exist"),
        result.err());
    assertTrue(
        result.err().contains("[SQLSTATE 42P01]\n    SQL: INSERT INTO missing VALUES (1)\n"),
        result.err());
    assertEquals(List.of(), db.schemaFingerprint(), "the table of the first step was rolled back");
  }

  @Test
  void anErrorWhileCheckingIsNamedWhenOnErrorSaysMarkRan() {
    TestDb db = new TestDb("pre_onerror");
    Cli.Result result =
        upgrade(
            db,
            """
        databaseChangeLog:
          - changeSet:
              id: check
              author: a
              preConditions:
                - onError: MARK_RAN
                - sqlCheck: {expectedResult: 0, sql: SELECT count(*) FROM nowhere}
              changes:
                - sql: SELECT 1
        """);
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .out()
            .contains(
                "marked   check (a): not run, recorded as ran: precondition could not be checked"
                    + " (ERROR: relation \"nowhere\" does not exist"),
        result.out());
    assertEquals(List.of("check|mark_ran"), db.revisions());
  }

  // The driver keeps its prepared statements across DDL, which a run sends thousands of; a
  // sqlCheck's query, whose columns a changeset may retype, is sent unprepared, so the server
  // never refuses it with "cached plan must not change result type".
  @Test
  void aSqlCheckWhoseColumnEachChangesetRetypesStillRuns() {
    TestDb db = new TestDb("pre_retyped");
    db.execute("CREATE TABLE probe (v int)", "INSERT INTO probe VALUES (1)");
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (int i = 1; i <= 8; i++) {
      yaml.append(
          """
            - changeSet:
                id: retype-%d
                author: a
                preConditions:
                  - sqlCheck: {expectedResult: 1, sql: SELECT v FROM probe}
                changes:
                  - sql: ALTER TABLE probe ALTER COLUMN v TYPE %s USING v::%s
          """
              .formatted(i, i % 2 == 1 ? "text" : "int", i % 2 == 1 ? "text" : "int"));
    }
    Cli.Result result = upgrade(db, yaml.toString());
    assertEquals(0, result.code(), result.toString());
    assertEquals(8, db.revisions().size());
    assertEquals(
        List.of("integer"),
        db.rows("SELECT data_type FROM information_schema.columns WHERE table_name = 'probe'"));
  }

  @Test
  void aPreconditionOverATableALaterChangeDropsDoesNotStopARerun() {
    Path file =
        Changelogs.write(
            dir,
            "dropped.yaml",
            """
            databaseChangeLog:
              - changeSet: {id: 0, author: a, changes: [{createTable: {tableName: keep, columns: [{column: {name: id, type: int}}]}}]}
              - changeSet: {id: 1, author: a, changes: [{createTable: {tableName: kind, columns: [{column: {name: id, type: int}}, {column: {name: name, type: text}}]}}]}
              - changeSet:
                  id: 2
                  author: a
                  preConditions: [{onFail: MARK_RAN}, {sqlCheck: {expectedResult: 0, sql: "SELECT COUNT(*) FROM kind WHERE name = 'x'"}}]
                  changes: [{insert: {tableName: kind, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: name, value: x}}]}}]
              - changeSet: {id: 3, author: a, changes: [{dropTable: {tableName: kind}}]}
              - changeSet: {id: 4, author: a, changes: [{createTable: {tableName: old, columns: [{column: {name: id, type: int}}]}}]}
              - changeSet:
                  id: 5
                  author: a
                  preConditions: [{onFail: CONTINUE}, {rowCount: {tableName: old, expectedRows: 0}}]
                  changes: [{dropTable: {tableName: old}}]
            """);
    TestDb db = new TestDb("precondition_dropped");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .err()
            .contains(
                "changeset 2 (a): its precondition could not be checked, but a later dropTable"
                    + " removes or remakes what it needs"),
        again.err());
    assertTrue(
        again.err().contains("changeset 5 (a): its precondition could not be checked, but"),
        again.err());
    assertEquals(
        List.of("0|applied", "1|applied", "2|applied", "3|applied", "4|applied", "5|applied"),
        db.revisions());
    assertEquals("f", db.one("SELECT to_regclass('kind') IS NOT NULL"));

    // On a first run nothing explains it: the precondition stops the changeset.
    TestDb fresh = new TestDb("precondition_first");
    Path first =
        Changelogs.write(
            dir,
            "first.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 2
                  author: a
                  preConditions: [{onFail: MARK_RAN}, {sqlCheck: {expectedResult: 0, sql: "SELECT COUNT(*) FROM kind"}}]
                  changes: [{createTable: {tableName: kind, columns: [{column: {name: id, type: int}}]}}]
              - changeSet: {id: 3, author: a, changes: [{dropTable: {tableName: kind}}]}
            """);
    Cli.Result stop =
        new Cli().run("upgrade", "--url", fresh.libpqUrl(), "--changelog", first.toString());
    assertEquals(1, stop.code(), stop.toString());
    assertTrue(stop.err().contains("precondition could not be checked"), stop.err());
  }
}
