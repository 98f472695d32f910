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
}
