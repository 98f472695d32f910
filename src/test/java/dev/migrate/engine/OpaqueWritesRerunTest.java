package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DO block, a CALL or a SELECT of a function writes rows its text does not name. On a rerun over
 * a database ahead of its revision rows, one that would change rows of a table holding rows may
 * have run before, as an INSERT may: the run stops before writing them a second time, unless its
 * changeset is found to have run; one that writes nothing, or writes the values in place, runs.
 */
class OpaqueWritesRerunTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE t (id serial PRIMARY KEY, n text UNIQUE);
      CREATE OR REPLACE FUNCTION put(v text) RETURNS void LANGUAGE sql
        AS $$ INSERT INTO t (n) VALUES (v) ON CONFLICT (n) DO UPDATE SET n = excluded.n $$;
      CREATE OR REPLACE PROCEDURE add_row(v text) LANGUAGE sql
        AS $$ INSERT INTO t (n) VALUES (v || '-' || (SELECT count(*) FROM t)) $$;
      --changeset a:2
      DO $$BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
          CREATE TYPE mood AS ENUM ('ok');
        END IF;
      END$$;
      SELECT put('first');
      CREATE TEMP TABLE scratch AS SELECT 1 AS n;
      DO $$BEGIN INSERT INTO scratch VALUES (2); END$$;
      --changeset a:3
      CREATE TABLE u (id int);
      CALL add_row('u');
      --changeset a:4
      DO $$BEGIN CALL add_row('x'); END$$;
      """;

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "-v", "--changelog", file.toString());
  }

  @Test
  void aRerunStopsBeforeAStatementWritesItsRowsAgain() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    TestDb db = new TestDb("opaque_rerun");
    Cli.Result first = upgrade(db, file);
    assertEquals(0, first.code(), first.toString());
    String rows = "SELECT string_agg(n, ', ' ORDER BY id) FROM t";
    assertEquals("first, u-1, x-2", db.one(rows));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .err()
            .contains(
                "error: changeset 4 (a) failed at "
                    + file
                    + ":21:1, step sql:\n"
                    + "  it would write rows in public.t again: earlier steps of this run found"
                    + " their objects in place (the revision rows were lost, a run was cut short,"
                    + " or another tool made them), and public.t has rows, so this statement may"
                    + " have run before:\n"
                    + "    DO $$BEGIN CALL add_row('x'); END$$"),
        rerun.err());
    assertFalse(rerun.err().contains("ran it again as written"), rerun.err());
    // Changeset 3 made its table before, so it ran, and its CALL with it; changeset 2 writes
    // nothing new (DDL only, and an upsert of the value in place).
    assertTrue(
        rerun
            .out()
            .contains(
                "CALL add_row('u') skipped: earlier steps of this changeset found their effect"
                    + " in place"),
        rerun.out());
    assertEquals("first, u-1, x-2", db.one(rows));
  }

  @Test
  void aTruncateInABlockCountsNoRowsButChangesTheTablesFile() {
    Path file =
        Changelogs.write(
            dir,
            "changelog.sql",
            """
            --liquibase formatted sql
            --changeset a:1
            CREATE TABLE staging (n int);
            --changeset a:2
            DO $$BEGIN TRUNCATE staging; END$$;
            """);
    TestDb db = new TestDb("opaque_truncate");
    assertEquals(0, upgrade(db, file).code());
    db.execute("INSERT INTO staging VALUES (1), (2)", "DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(rerun.err().contains("it would write rows in public.staging again"), rerun.err());
    assertEquals("2", db.one("SELECT count(*) FROM staging"));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(3, psql.code(), psql.toString());
    assertTrue(psql.out().contains("it would write rows in public.staging again"), psql.out());
    assertEquals("2", db.one("SELECT count(*) FROM staging"));
  }

  @Test
  void theScriptStopsWhereUpgradeStops() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    TestDb db = new TestDb("opaque_rerun_script");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(3, psql.code(), psql.toString());
    assertTrue(
        psql.out()
            .contains(
                "it would write rows in public.t again: earlier steps of this run found their"
                    + " objects in place (the revision rows were lost, a run was cut short, or"
                    + " another tool made them), and public.t has rows, so this statement may have"
                    + " run before:\n"
                    + "    DO $$BEGIN CALL add_row('x'); END$$"),
        psql.out());
    assertEquals("first, u-1, x-2", db.one("SELECT string_agg(n, ', ' ORDER BY id) FROM t"));
  }

  /**
   * Applies the first changeset, leaves what a run killed in the second left ({@code leftBehind},
   * no revision row), and runs the changelog again.
   */
  private Cli.Result killedInSecond(TestDb db, String changelog, String... leftBehind) {
    Path file = Changelogs.write(dir, "changelog.sql", changelog);
    Cli.Result first =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString(), "+1");
    assertEquals(0, first.code(), first.toString());
    db.execute(leftBehind);
    return upgrade(db, file);
  }

  private static final String ACCOUNTS =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE acct (id int PRIMARY KEY, n int);
      INSERT INTO acct VALUES (1, 1);
      """;

  @Test
  void aRunKilledInsideAChangesetOutsideATransactionDoesNotRunItsBlockTwice() {
    // The killed run made t2 and ran the block; whether it did cannot be told from its text, and
    // a second run of it adds again: the run stops.
    TestDb db = new TestDb("opaque_killed_inside");
    Cli.Result run =
        killedInSecond(
            db,
            ACCOUNTS
                + "--changeset a:2 runInTransaction:false\n"
                + "CREATE TABLE t2 (id int);\n"
                + "DO $$BEGIN UPDATE acct SET n = n + 1; END$$;\n"
                + "CREATE INDEX ix_acct_n ON acct (n);\n",
            "CREATE TABLE t2 (id int)",
            "UPDATE acct SET n = n + 1");
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("it would write rows in public.acct again"), run.err());
    assertEquals("1:2", db.one("SELECT string_agg(id || ':' || n, ',') FROM acct"));
  }

  @Test
  void aRunKilledInsideAChangesetOutsideATransactionRunsTheBlocksItHadNotRun() {
    // The killed run made t2 only: a block a key refuses twice, and one a second run leaves as
    // it was, had not run, and run now, once.
    TestDb db = new TestDb("opaque_killed_before");
    Cli.Result run =
        killedInSecond(
            db,
            ACCOUNTS
                + "--changeset a:2 runInTransaction:false\n"
                + "CREATE TABLE t2 (id int);\n"
                + "DO $$BEGIN INSERT INTO acct VALUES (2, 1); END$$;\n"
                + "DO $$BEGIN UPDATE acct SET n = 5 WHERE id = 1; END$$;\n",
            "CREATE TABLE t2 (id int)");
    assertEquals(0, run.code(), run.toString());
    assertEquals("1:5,2:1", db.one("SELECT string_agg(id || ':' || n, ',' ORDER BY id) FROM acct"));
  }

  @Test
  void aBlockThatNothingCanPlaceBeforeOrAfterAKillStopsTheRun() {
    // Changeset 2 is all in place and nothing after it tells a run killed right after it from
    // lost revision rows: the block's increment may have run, so the run stops.
    TestDb db = new TestDb("opaque_no_evidence");
    Cli.Result run =
        killedInSecond(
            db,
            ACCOUNTS
                + "--changeset a:2 runInTransaction:false\n"
                + "CREATE TABLE t2 (id int);\n"
                + "--changeset a:3\n"
                + "DO $$BEGIN UPDATE acct SET n = n + 1; END$$;\n",
            "CREATE TABLE t2 (id int)");
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("it would write rows in public.acct again"), run.err());
    assertEquals("1:1", db.one("SELECT string_agg(id || ':' || n, ',') FROM acct"));
  }
}
