package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * createTable's tableType UNLOGGED: made so, found again on a rerun, and a table of the same
 * columns but the other persistence is a difference, online and in the --sql script alike.
 */
class UnloggedTableTest {
  @TempDir Path dir;

  private Path changelog(String tableType) {
    return Changelogs.write(
        dir,
        "unlogged.yaml",
        Changelogs.changeset(
            "cache",
            "- createTable: {tableName: cache_entry, tableType: "
                + tableType
                + ", columns: [{column: {name: k, type: text}}]}"));
  }

  @Test
  void madeUnloggedAndFoundAgainOnARerun() {
    TestDb db = new TestDb("unlogged_made");
    Path file = changelog("UNLOGGED");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    assertEquals("u", db.one("SELECT relpersistence FROM pg_class WHERE relname = 'cache_entry'"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 1 skipped"), rerun.out());
  }

  @Test
  void aLoggedTableOfTheSameColumnsIsADifferenceOnlineAndInTheScript() throws Exception {
    TestDb db = new TestDb("unlogged_drift");
    db.execute("CREATE TABLE cache_entry (k text)");
    Path file = changelog("unlogged");
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err().contains("the changelog wants an UNLOGGED table, the database has a logged one"),
        run.err());

    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertTrue(psql.code() != 0, psql.toString());
    assertTrue(
        psql.out().contains("the changelog wants an UNLOGGED table, the database has a logged one"),
        psql.out());

    TestDb fresh = new TestDb("unlogged_script");
    for (int i = 0; i < 2; i++) {
      Cli.Result twice = Psql.run(fresh, dir, script.out());
      assertEquals(0, twice.code(), twice.toString());
    }
    assertEquals(
        "u", fresh.one("SELECT relpersistence FROM pg_class WHERE relname = 'cache_entry'"));
  }

  @Test
  void aRawCreateUnloggedTableIsCheckedAsUnlogged() {
    TestDb db = new TestDb("unlogged_raw");
    Path file =
        Changelogs.write(
            dir,
            "raw.yaml",
            Changelogs.changeset("cache", "- sql: CREATE UNLOGGED TABLE cache_entry (k text)"));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 1 skipped"), rerun.out());

    db.execute("ALTER TABLE cache_entry SET LOGGED");
    Cli.Result drift = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, drift.code(), drift.toString());
    assertTrue(
        drift
            .out()
            .contains("the changelog wants an UNLOGGED table, the database has a logged one"),
        drift.out());
  }

  @Test
  void aTemporaryTableIsRefusedNamingTheLine() {
    Cli.Result run = new Cli().run("history", "--changelog", changelog("TEMPORARY").toString());
    assertEquals(2, run.code(), run.toString());
    assertTrue(
        run.err().contains("createTable 'cache_entry': tableType 'TEMPORARY' is not supported"),
        run.err());
    assertTrue(run.err().contains("unlogged.yaml:"), run.err());
  }
}
