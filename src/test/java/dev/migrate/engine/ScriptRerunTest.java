package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code upgrade --sql} script over a database whose revision rows were lost never writes rows
 * a second time: once a step finds its object in place, a statement that would change the rows of a
 * table holding rows this run did not write stops the script, as {@code upgrade} stops; one whose
 * changeset found its own objects in place is skipped, as {@code upgrade} skips it.
 */
class ScriptRerunTest {
  @TempDir Path dir;

  private static final String TABLE =
      "  - changeSet: {id: table, author: t, changes: [{createTable: {tableName: acct, columns:"
          + " [{column: {name: id, type: int}}, {column: {name: bal, type: int}}]}}]}\n";
  private static final String BUMP =
      "  - changeSet: {id: bump, author: t, changes: [{sql: \"UPDATE acct SET bal = bal + 5\"}]}\n";

  // The seed row, as a structured insert in a transaction or a raw INSERT outside one.
  private static String seed(String form) {
    return form.equals("structured")
        ? "  - changeSet: {id: seed, author: t, changes: [{insert: {tableName: acct, columns:"
            + " [{column: {name: id, valueNumeric: 1}}, {column: {name: bal, valueNumeric:"
            + " 10}}]}}]}\n"
        : "  - changeSet: {id: seed, author: t, runInTransaction: false, changes: [{sql: \"INSERT"
            + " INTO acct VALUES (1, 10)\"}]}\n";
  }

  private String script(String changelog) {
    Changelogs.write(dir, "changelog.yaml", "databaseChangeLog:\n" + changelog);
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", "changelog.yaml");
    assertEquals(0, script.code(), script.toString());
    return script.out();
  }

  private Cli.Result psql(TestDb db, String script) {
    return Psql.run(db, dir, script);
  }

  // Every changeset outside a transaction: what each of their blocks wrote decides their rows.
  private static String outside(String changesets) {
    return changesets.replace("changeSet: {id: ", "changeSet: {runInTransaction: false, id: ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"structured", "raw outside a transaction", "all outside a transaction"})
  void aWriteIntoRowsAnEarlierRunWroteStopsTheScript(String form) {
    String script =
        script(
            form.startsWith("all")
                ? outside(TABLE + seed("structured") + BUMP)
                : TABLE + seed(form) + BUMP);
    TestDb db = new TestDb("script_rerun");
    for (int run = 1; run <= 2; run++) {
      assertEquals(0, psql(db, script).code(), "run " + run);
    }
    assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));

    db.execute("DELETE FROM migrate_revisions");
    String statement =
        form.startsWith("raw")
            ? "INSERT INTO acct VALUES (1, 10)"
            : "INSERT INTO public.acct (id, bal) VALUES (1, 10)";
    // Run again, it stops again: the changeset found in place is left unrecorded, the evidence
    // that the next run needs.
    for (int run = 1; run <= 2; run++) {
      Cli.Result lost = psql(db, script);
      assertEquals(3, lost.code(), lost.toString());
      assertTrue(
          lost.out()
              .contains(
                  "ERROR:  changeset seed (t) failed at changelog.yaml:3:16:\n"
                      + "  it would write rows in public.acct again: earlier steps of this run"
                      + " found their objects in place (the revision rows were lost, a run was cut"
                      + " short, or another tool made them), and public.acct has rows, so this"
                      + " statement may have run before:\n    "
                      + statement
                      + "\n  If this changeset ran before, record it without running it (migrate"
                      + " stamp); if not, run the statement by hand and stamp it.\n  (migrate"
                      + " upgrade against this database also compares the rows an INSERT writes"
                      + " with those in place.)"),
          lost.out());
      assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
      assertEquals(List.of(), db.rows("SELECT id FROM migrate_revisions"));
    }

    // upgrade, in the same state, writes nothing twice either: it finds the seed row in place,
    // stops on the UPDATE, and stops there again when run again.
    for (int run = 1; run <= 2; run++) {
      Cli.Result upgrade =
          new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
      assertEquals(1, upgrade.code(), upgrade.toString());
      assertTrue(upgrade.err().contains("it would write rows in public.acct again"), upgrade.err());
      assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
    }
  }

  @Test
  void aWriteWhoseChangesetFoundItsObjectsInPlaceIsSkipped() {
    String script =
        script(
            "  - changeSet: {id: made, author: t, changes: [{createTable: {tableName: acct,"
                + " columns: [{column: {name: id, type: int}}, {column: {name: bal, type:"
                + " int}}]}}, {insert: {tableName: acct, columns: [{column: {name: id,"
                + " valueNumeric: 1}}, {column: {name: bal, valueNumeric: 10}}]}}]}\n"
                + "  - changeSet: {id: same, author: t, changes: [{sql: \"UPDATE acct SET bal ="
                + " 10 WHERE id = 1\"}]}\n");
    TestDb db = new TestDb("script_rerun_same");
    assertEquals(0, psql(db, script).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result lost = psql(db, script);
    assertEquals(0, lost.code(), lost.toString());
    // The insert skipped (its changeset found its table), the UPDATE run: it changes no row.
    assertEquals(List.of("1 10"), db.rows("SELECT id || ' ' || bal FROM acct"));
    assertEquals(List.of("made", "same"), db.rows("SELECT id FROM migrate_revisions ORDER BY 1"));
  }

  @Test
  void aTableFoundEmptyIsWrittenAsNew() {
    String script = script(TABLE + seed("structured") + BUMP);
    TestDb db = new TestDb("script_rerun_empty");
    // Made by another tool, empty: its rows are all this run's.
    db.execute("CREATE TABLE acct (id int, bal int)");
    Cli.Result run = psql(db, script);
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
    assertEquals(
        List.of("bump", "seed", "table"), db.rows("SELECT id FROM migrate_revisions ORDER BY 1"));
  }

  @Test
  void aWriteIntoATableItsNameDoesNotFindInTheSchemaRuns() {
    // A temporary table is not public.scratch: the script's questions about the table it writes
    // are never asked of it (PL/pgSQL would fail to plan them), and the write runs.
    String script =
        script(
            TABLE
                + "  - changeSet: {id: scratch, author: t, changes: [{sql: \"CREATE TEMP TABLE"
                + " scratch (i int); INSERT INTO scratch VALUES (1); INSERT INTO acct SELECT i, 0"
                + " FROM scratch\"}]}\n");
    TestDb db = new TestDb("script_rerun_temp");
    for (int run = 1; run <= 2; run++) {
      Cli.Result psql = psql(db, script);
      assertEquals(0, psql.code(), "run " + run + ": " + psql);
    }
    assertEquals(List.of("1 0"), db.rows("SELECT id || ' ' || bal FROM acct"));
  }
}
