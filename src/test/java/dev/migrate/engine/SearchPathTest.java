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
 * Raw SQL that sets the search path ({@code SET search_path TO core; CREATE TABLE users …}) makes
 * its objects in that schema, and the guards look for them there: a rerun after lost history finds
 * them in place and writes no row twice, and {@code check} finds nothing missing. As under
 * Liquibase, the setting lasts to the end of its changeset: the next changeset's names are in the
 * default schema again.
 */
class SearchPathTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet: {id: 0, author: a, changes: [{sql: CREATE SCHEMA IF NOT EXISTS core}]}
        - changeSet:
            id: 1
            author: a
            changes:
              - sql: >-
                  SET search_path TO core; CREATE TABLE IF NOT EXISTS options (id int PRIMARY KEY,
                  name text, created_at timestamptz); CREATE INDEX options_name ON options (name);
                  INSERT INTO options (id, name) VALUES (1, 'a'), (2, 'b');
              - sql: UPDATE options SET created_at = clock_timestamp() WHERE created_at IS NULL
        - changeSet:
            id: 2
            author: a
            changes:
              - sql: >-
                  SET LOCAL search_path = "core", public;
                  ALTER TABLE options ADD COLUMN seen int DEFAULT 0;
                  UPDATE options SET seen = seen + 1
        - changeSet: {id: 3, author: a, changes: [{sql: CREATE TABLE plain (id int)}]}
        - changeSet:
            id: 4
            author: a
            changes: [{createTable: {tableName: structured, columns: [{column: {name: id, type: int}}]}}]
      """;

  private static final String TABLES =
      "SELECT schemaname || '|' || tablename FROM pg_tables"
          + " WHERE schemaname IN ('core', 'public') AND tablename NOT LIKE 'migrate%' ORDER BY 1";

  @Test
  void objectsAreMadeAndLookedForInTheSchemaTheSearchPathNames() {
    Path file = Changelogs.write(dir, "path.yaml", CHANGELOG);
    TestDb db = new TestDb("search_path");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertEquals(List.of("core|options", "public|plain", "public|structured"), db.rows(TABLES));
    List<String> rows = db.rows("SELECT id || ' ' || created_at || ' ' || seen FROM core.options");

    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("core.options exists"), again.out());
    assertFalse(again.out().contains("relation \"options\""), again.out());
    assertEquals(rows, db.rows("SELECT id || ' ' || created_at || ' ' || seen FROM core.options"));
    assertEquals(5, db.revisions().size(), db.revisions().toString());
  }

  @Test
  void theScriptMakesThemWhereUpgradeDoesAndRunsAgainSafely() {
    Path file = Changelogs.write(dir, "path.yaml", CHANGELOG);
    TestDb db = Psql.scriptRunTwice(dir, file, "search_path_script");
    assertEquals(List.of("core|options", "public|plain", "public|structured"), db.rows(TABLES));
    assertEquals(List.of("1 1", "2 1"), db.rows("SELECT id || ' ' || seen FROM core.options"));
  }

  @Test
  void repairMakesALostObjectAgainInTheSchemaItsSearchPathNamed() {
    Path file = Changelogs.write(dir, "path.yaml", CHANGELOG);
    TestDb db = new TestDb("search_path_repair");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DROP INDEX core.options_name", "DROP TABLE public.plain");

    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, check.code(), check.toString());
    assertTrue(check.out().contains("lacks the relation core.options_name"), check.out());
    assertTrue(check.out().contains("lacks the relation public.plain"), check.out());

    Cli.Result repair = migrate.run("repair", "--changelog", file.toString());
    assertEquals(0, repair.code(), repair.toString());
    assertEquals(
        "options", db.one("SELECT tablename FROM pg_indexes WHERE indexname = 'options_name'"));
    assertEquals(
        "core", db.one("SELECT schemaname FROM pg_indexes WHERE indexname = 'options_name'"));
    assertEquals(List.of("core|options", "public|plain", "public|structured"), db.rows(TABLES));
  }
}
