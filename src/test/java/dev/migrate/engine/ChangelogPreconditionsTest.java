package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preConditions on a whole changelog that need the database: decided once, before anything runs, by
 * every command that writes, and by the --sql script when psql runs it.
 */
class ChangelogPreconditionsTest {
  @TempDir Path dir;

  // A root changelog whose own block is `root`, including child.yaml (block `child`) when given.
  private Path changelog(String root, String child) {
    if (child != null) {
      Changelogs.write(dir, "child.yaml", "databaseChangeLog:\n  - preConditions:\n" + child);
    }
    return Changelogs.write(
        dir,
        "changelog.yaml",
        "databaseChangeLog:\n"
            + (root == null ? "" : "  - preConditions:\n" + root)
            + (child == null
                ? ""
                : "  - include: {file: child.yaml, relativeToChangelogFile: true}\n")
            + "  - changeSet:\n"
            + "      id: one\n"
            + "      author: a\n"
            + "      changes:\n"
            + "        - createTable: {tableName: t, columns: [{column: {name: i, type: int}}]}\n");
  }

  private static Cli.Result run(TestDb db, Path changelog, String... command) {
    String[] args = new String[command.length + 2];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--changelog";
    args[command.length + 1] = changelog.toString();
    return new Cli().env("MIGRATE_URL", db.libpqUrl()).run(args);
  }

  @Test
  void aFailingBlockStopsEveryCommandThatWritesBeforeAnythingRuns() {
    TestDb db = new TestDb("clpre_halt");
    Path file = changelog("      - runningAs: {username: nobody}\n", null);
    String message =
        "changelog.yaml:3:7: changelog preConditions failed: precondition runningAs nobody is false."
            + " Nothing was run.";
    Cli.Result upgrade = run(db, file, "upgrade");
    assertEquals(1, upgrade.code(), upgrade.toString());
    assertTrue(upgrade.err().contains(message), upgrade.err());
    assertFalse(db.tableExists("t"));
    assertEquals(List.of(), db.revisions());
    Cli.Result stamp = run(db, file, "stamp", "head", "--force");
    assertEquals(1, stamp.code(), stamp.toString());
    assertTrue(stamp.err().contains(message), stamp.err());
    assertEquals(List.of(), db.revisions());
    // Commands that only read are not stopped: they show where the database stands.
    Cli.Result current = run(db, file, "current", "-v");
    assertEquals(0, current.code(), current.toString());
  }

  @Test
  void aBlockThatHoldsLetsTheRunGoOn() {
    TestDb db = new TestDb("clpre_pass");
    String user = db.one("SELECT current_user");
    Path file =
        changelog(
            "      - runningAs: {username: " + user.toUpperCase() + "}\n",
            "      - not: [{tableExists: {tableName: t}}]\n");
    Cli.Result upgrade = run(db, file, "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(db.tableExists("t"));
    assertEquals(List.of("one|applied"), db.revisions());
    // The included file's block is decided again on the next run, and now fails.
    Cli.Result again = run(db, file, "upgrade");
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again
            .err()
            .contains(
                "child.yaml:3:7: changelog preConditions failed: precondition not (tableExists"
                    + " public.t) is false. Nothing was run."),
        again.err());
  }

  @Test
  void onFailWarnOnlySaysSoAndEachFileDecidesItsOwnBlock() {
    TestDb db = new TestDb("clpre_warn");
    Path file =
        changelog(
            "      - onFail: WARN\n      - runningAs: {username: nobody}\n",
            "      - onFailMessage: only where the audit schema exists\n"
                + "      - sqlCheck: {expectedResult: 1, sql: SELECT count(*) FROM pg_namespace"
                + " WHERE nspname = 'audit'}\n");
    Cli.Result upgrade = run(db, file, "upgrade");
    assertEquals(1, upgrade.code(), upgrade.toString());
    assertTrue(
        upgrade
            .err()
            .contains(
                "changelog.yaml:3:7: changelog preConditions failed: precondition runningAs nobody"
                    + " is false; onFail is WARN, so the command goes on"),
        upgrade.err());
    assertTrue(
        upgrade
            .err()
            .contains(
                "child.yaml:3:7: changelog preConditions failed: only where the audit schema"
                    + " exists. Nothing was run."),
        upgrade.err());
    assertFalse(db.tableExists("t"));
    db.execute("CREATE SCHEMA audit");
    Cli.Result after = run(db, file, "upgrade");
    assertEquals(0, after.code(), after.toString());
    assertTrue(db.tableExists("t"));
  }

  @Test
  void anErrorWhileCheckingStopsTheRunUnlessOnErrorIsWarn() {
    TestDb db = new TestDb("clpre_error");
    String check = "      - sqlCheck: {expectedResult: 1, sql: SELECT count(*) FROM no_such}\n";
    Cli.Result halted = run(db, changelog(check, null), "upgrade");
    assertEquals(1, halted.code(), halted.toString());
    assertTrue(
        halted
            .err()
            .contains(
                "changelog.yaml:3:7: changelog preConditions could not be checked: ERROR:"
                    + " relation \"no_such\" does not exist"),
        halted.err());
    assertFalse(db.tableExists("t"));
    Cli.Result warned = run(db, changelog("      - onError: WARN\n" + check, null), "upgrade");
    assertEquals(0, warned.code(), warned.toString());
    assertTrue(warned.err().contains("onError is WARN, so the command goes on"), warned.err());
    assertTrue(db.tableExists("t"));
  }

  @Test
  void theScriptDecidesTheBlocksWhenPsqlRunsIt() {
    TestDb db = new TestDb("clpre_script");
    Path file = changelog("      - tableExists: {tableName: prerequisite}\n", null);
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result refused = Psql.run(db, dir, script.out());
    assertEquals(3, refused.code(), refused.toString());
    assertTrue(
        refused
            .out()
            .contains(
                "changelog preConditions failed at "
                    + dir.resolve("changelog.yaml")
                    + ":3:7: precondition tableExists public.prerequisite is false"),
        refused.out());
    assertFalse(db.tableExists("t"));
    db.execute("CREATE TABLE prerequisite ()");
    Cli.Result ran = Psql.run(db, dir, script.out());
    assertEquals(0, ran.code(), ran.toString());
    assertTrue(db.tableExists("t"));
    assertEquals(List.of("one|applied"), db.revisions());
  }
}
