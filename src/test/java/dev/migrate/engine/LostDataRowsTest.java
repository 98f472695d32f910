package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revision rows of changesets that only write data are lost while the rows of those before them
 * stay (a stamp to an earlier revision, a revision table restored from an older backup): nothing
 * else in the database tells that they ran, but their rows are in place, value for value. A rerun
 * finds them and writes nothing twice; a changeset that never ran still writes its rows.
 */
class LostDataRowsTest {
  @TempDir Path dir;

  private static final String SQL =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE roles (id bigserial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE audit (note text);
      CREATE TABLE kinds (id int PRIMARY KEY, name text);
      --changeset a:2
      INSERT INTO roles (name) VALUES ('admin'), ('user');
      INSERT INTO audit VALUES ('roles made');
      --changeset a:3
      INSERT INTO kinds VALUES (1, 'a'), (2, 'b');
      INSERT INTO audit VALUES ('three');
      """;

  private static final String YAML =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable:
                  tableName: roles
                  columns:
                    - column: {name: id, type: bigserial, constraints: {primaryKey: true}}
                    - column: {name: name, type: text}
              - createTable: {tableName: audit, columns: [{column: {name: note, type: text}}]}
              - createTable:
                  tableName: kinds
                  columns:
                    - column: {name: id, type: int, constraints: {primaryKey: true}}
                    - column: {name: name, type: text}
        - changeSet:
            id: '2'
            author: a
            changes:
              - insert: {tableName: roles, columns: [{column: {name: name, value: admin}}]}
              - insert: {tableName: roles, columns: [{column: {name: name, value: user}}]}
              - insert: {tableName: audit, columns: [{column: {name: note, value: roles made}}]}
        - changeSet:
            id: '3'
            author: a
            changes:
              - insert:
                  tableName: kinds
                  columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: name, value: a}}]
              - insert:
                  tableName: kinds
                  columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: name, value: b}}]
              - insert: {tableName: audit, columns: [{column: {name: note, value: three}}]}
      """;

  private static List<String> data(TestDb db) {
    return db.rows(
        "SELECT 'roles ' || name FROM roles UNION ALL SELECT 'audit ' || note FROM audit"
            + " UNION ALL SELECT 'kinds ' || id || name FROM kinds ORDER BY 1");
  }

  private static final List<String> ONCE =
      List.of(
          "audit roles made", "audit three", "kinds 1a", "kinds 2b", "roles admin", "roles user");

  private void aStampTooFarBackWritesNothingTwice(String name, String text) {
    Path file = Changelogs.write(dir, name, text);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("lost_data");
      List<List<String>> drawn = new java.util.ArrayList<>();
      // The stamp needs --force: the rows of what it forgets are still in the tables.
      LostRows.Rerun lost =
          LostRows.rerun(
              dir, file, db, script, d -> drawn.add(d.rows("SELECT last_value FROM roles_id_seq")));
      Cli.Result upgrade = lost.result();
      assertEquals(0, upgrade.code(), lost.how() + upgrade);
      // (psql is run with its notices off)
      assertTrue(
          script || upgrade.out().contains("its rows are in public.roles already, value for value"),
          upgrade.toString());
      assertEquals(ONCE, data(db), script ? "script" : "upgrade");
      // Asking drew nothing from the table's sequence: the next row gets the id it would have.
      assertEquals(drawn.get(0), db.rows("SELECT last_value FROM roles_id_seq"), "sequence");
      assertEquals(3, db.revisions().size(), db.revisions().toString());
    }
  }

  @Test
  void rawInserts() {
    aStampTooFarBackWritesNothingTwice("changelog.sql", SQL);
  }

  @Test
  void insertChanges() {
    aStampTooFarBackWritesNothingTwice("changelog.yaml", YAML);
  }

  // Asked only of a changeset's first INSERT: when its rows are not all there, it never ran, and
  // all of it runs, a row equal to one in place included.
  @Test
  void aNewChangesetStillWritesItsRows() {
    Path file = Changelogs.write(dir, "changelog.sql", SQL);
    TestDb db = new TestDb("lost_data_new");
    assertEquals(0, Cli.on(db, file, "upgrade").code());
    Changelogs.write(
        dir,
        "changelog.sql",
        SQL
            + """
            --changeset a:4
            INSERT INTO roles (name) VALUES ('guest');
            INSERT INTO audit VALUES ('three');
            """);
    List<String> added =
        List.of(
            "audit roles made",
            "audit three",
            "audit three",
            "kinds 1a",
            "kinds 2b",
            "roles admin",
            "roles guest",
            "roles user");
    TestDb scripted = new TestDb("lost_data_new", db);
    Cli.Result upgrade = Cli.on(db, file, "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals(added, data(db));
    Cli.Result script = Psql.script(scripted, dir, file);
    assertEquals(0, script.code(), script.toString());
    assertEquals(added, data(scripted));
  }
}
