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
 * loadUpdateData whose primaryKey is a column its file does not load (a key the table generates):
 * the key matches a NULL, as Liquibase matches it, so each row is inserted. A rerun after lost
 * history must not insert the rows a second time.
 */
class LoadUpdateKeyTest {
  @TempDir Path dir;

  @Test
  void rowsOfAGeneratedKeyAreInsertedOnceAndFoundInPlaceOnARerun() {
    Changelogs.write(dir, "birds.csv", "name,n\na,1\nb,2\n");
    Path file =
        Changelogs.write(
            dir,
            "key.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable: {tableName: bird, columns: [{column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}}, {column: {name: name, type: text}}, {column: {name: n, type: int}}]}
              - changeSet:
                  id: 2
                  author: a
                  changes:
                    - loadUpdateData: {tableName: bird, file: birds.csv, primaryKey: id, relativeToChangelogFile: true}
            """);
    TestDb db = new TestDb("load_update_key");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.err().contains("primaryKey 'id' is not a column the file loads"), first.err());
    List<String> rows = db.rows("SELECT id || ' ' || name || ' ' || n FROM bird ORDER BY id");
    assertEquals(List.of("1 a 1", "2 b 2"), rows);

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("its rows are in public.bird already"), again.out());
    assertEquals(rows, db.rows("SELECT id || ' ' || name || ' ' || n FROM bird ORDER BY id"));
  }

  @Test
  void rowsOfANullableKeyAreNotWrittenAgainOnARerun() {
    Changelogs.write(dir, "rows.csv", "name,n\na,1\nb,2\n");
    Path file =
        Changelogs.write(
            dir,
            "loose.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable: {tableName: loose, columns: [{column: {name: ref, type: int}}, {column: {name: name, type: text}}, {column: {name: n, type: int}}]}
              - changeSet:
                  id: 2
                  author: a
                  changes:
                    - loadUpdateData: {tableName: loose, file: rows.csv, primaryKey: ref, relativeToChangelogFile: true}
            """);
    TestDb db = new TestDb("load_update_loose");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    // The second row's UPDATE … WHERE ref IS NULL finds the first: one row, as Liquibase leaves it.
    assertEquals(List.of("b 2"), db.rows("SELECT name || ' ' || n FROM loose"));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    // Its rows cannot tell whether it ran: the run stops rather than write them again.
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("so this statement may have run before"), again.err());
    assertEquals(List.of("b 2"), db.rows("SELECT name || ' ' || n FROM loose"));
  }
}
