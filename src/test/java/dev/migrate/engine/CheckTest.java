package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code check}, the CI gate: exit 0 only when nothing is pending, edited, unknown or drifted. */
class CheckTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  private static Cli.Result check(TestDb db) {
    return new Cli().run("check", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
  }

  @Test
  void upToDateIsZeroAndEachProblemIsListedWithExitThree() {
    TestDb db = new TestDb("check");
    Cli.Result pending = check(db);
    assertEquals(3, pending.code(), pending.toString());
    assertTrue(pending.out().contains("2 problems"), pending.out());
    assertTrue(
        pending.out().contains("  pending   0001_create_import_tables (data-team) at "),
        pending.out());

    assertEquals(
        0, new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", EXAMPLE).code());
    Cli.Result clean = check(db);
    assertEquals(0, clean.code(), clean.toString());
    assertTrue(clean.out().endsWith(": up to date, no drift\n"), clean.out());

    db.execute(
        "DROP INDEX ix_import_rows_batch_line",
        "ALTER TABLE categories ALTER COLUMN name TYPE text",
        "INSERT INTO migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version)"
            + " VALUES ('ghost', 'x', 'old.yaml', 99, 'm1:0', 'applied', 'd', '0')");
    List<String> before = db.schemaFingerprint();
    Cli.Result found = check(db);
    assertEquals(3, found.code(), found.toString());
    assertTrue(found.out().contains("3 problems"), found.out());
    assertTrue(
        found.out().contains("unknown   old.yaml::ghost::x: recorded, but not in the changelog"),
        found.out());
    assertTrue(
        found.out().contains("missing   0001_create_import_tables (data-team) at "), found.out());
    assertTrue(
        found
            .out()
            .contains(
                "createIndex: the database lacks what it makes (created index public.ix_import_rows_batch_line would run)"),
        found.out());
    assertTrue(
        found.out().contains("drift     0002_add_catalog_tables (catalog-team) at "), found.out());
    assertTrue(
        found
            .out()
            .contains(
                "column name: the changelog wants character varying(100) NOT NULL, the database has text NOT NULL"),
        found.out());
    assertEquals(before, db.schemaFingerprint(), "check changes nothing");
  }

  @Test
  void aDroppedViewAndADroppedDefaultThatAppliedChangesetsMadeAreReported(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    TestDb db = new TestDb("check_view");
    java.nio.file.Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: base
              author: a
              changes:
                - createTable: {tableName: item, columns: [{column: {name: id, type: int}}, {column: {name: state, type: text}}]}
                - addDefaultValue: {tableName: item, columnName: state, defaultValue: new}
                - createView: {viewName: item_ids, selectQuery: "SELECT id FROM item"}
                - createView: {viewName: item_states, replaceIfExists: true, selectQuery: "SELECT state FROM item"}
        """);
    String[] args = appliedAndClean(db, changelog);

    db.execute(
        "DROP VIEW item_ids",
        "ALTER TABLE item ALTER COLUMN state DROP DEFAULT",
        "CREATE OR REPLACE VIEW item_states AS SELECT state, id FROM item");
    Cli.Result found = new Cli().command("check", args);
    assertEquals(3, found.code(), found.toString());
    assertTrue(found.out().contains("3 problems"), found.out());
    assertTrue(
        found
            .out()
            .contains(
                "createView: the database lacks what it makes (created view public.item_ids would run)"),
        found.out());
    assertTrue(
        found.out().contains("addDefaultValue: the database lacks what it makes"), found.out());
    assertTrue(
        found
            .out()
            .contains(
                "createView: the database lacks what it makes (replaced view public.item_states would run)"),
        found.out());
  }

  @Test
  void aTableWithAGeneratedColumnIsReadWithItsDefaults(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    TestDb db = new TestDb("check_generated");
    java.nio.file.Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: base
              author: a
              changes:
                - sql: "CREATE TABLE item (id int, twice int GENERATED ALWAYS AS (id * 2) STORED)"
                - addColumn: {tableName: item, columns: [{column: {name: state, type: text}}]}
                - addDefaultValue: {tableName: item, columnName: state, defaultValue: new}
        """);
    String[] args = appliedAndClean(db, changelog);

    db.execute("ALTER TABLE item ALTER COLUMN state DROP DEFAULT");
    Cli.Result found = new Cli().command("check", args);
    assertEquals(3, found.code(), found.toString());
    assertTrue(
        found.out().contains("addDefaultValue: the database lacks what it makes"), found.out());
  }

  // Applies the changelog, and sees check find nothing; the options both commands were given.
  private static String[] appliedAndClean(TestDb db, java.nio.file.Path changelog) {
    String[] args = {"--url", db.libpqUrl(), "--changelog", changelog.toString()};
    assertEquals(0, new Cli().command("upgrade", args).code());
    Cli.Result clean = new Cli().command("check", args);
    assertEquals(0, clean.code(), clean.toString());
    return args;
  }
}
