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
 * A column whose type a later change sets again. On a rerun after lost history the column has the
 * later type, and the earlier change, run again, would convert values that are not of the type it
 * expects (an enum through upper(), a long text cut short by a cast to a short varchar): it is
 * taken for the later change's and skipped, raw or structured. A first run still converts it step
 * by step.
 */
class TypeSetAgainTest {
  @TempDir Path dir;

  @Test
  void aRawTypeChangeALaterChangeMakesAgainIsSkippedOnARerun() {
    Path file =
        Changelogs.write(
            dir,
            "raw.yaml",
            """
            databaseChangeLog:
              - changeSet: {id: 1, author: a, changes: [{createTable: {tableName: t, columns: [{column: {name: source, type: varchar(20)}}]}}]}
              - changeSet: {id: 3, author: a, changes: [{sql: "CREATE TYPE a AS ENUM ('X')"}]}
              - changeSet: {id: 4, author: a, changes: [{sql: "ALTER TABLE t ALTER COLUMN source TYPE a USING upper(source)::a"}]}
              - changeSet: {id: 5, author: a, changes: [{sql: "CREATE TYPE b AS ENUM ('X', 'Y')"}]}
              - changeSet: {id: 6, author: a, changes: [{sql: "ALTER TABLE t ALTER COLUMN source TYPE b USING (source::text)::b"}, {sql: "DROP TYPE IF EXISTS a"}]}
            """);
    TestDb db = new TestDb("type_again_raw");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("INSERT INTO t VALUES ('X'), ('Y')", "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "column source of public.t is b, the type a later change sets: it is taken for"
                    + " that change's"),
        again.out());
    assertEquals(List.of("X", "Y"), db.rows("SELECT source::text FROM t ORDER BY 1"));
    assertEquals(List.of("source:b:false"), db.columns("t"));
  }

  @Test
  void aStructuredTypeChangeALaterChangeWidensIsSkippedOnARerun() {
    Path file =
        Changelogs.write(
            dir,
            "structured.yaml",
            """
            databaseChangeLog:
              - changeSet: {id: 1, author: a, changes: [{createTable: {tableName: t, columns: [{column: {name: note, type: text}}]}}]}
              - changeSet: {id: 2, author: a, changes: [{modifyDataType: {tableName: t, columnName: note, newDataType: varchar(5)}}]}
              - changeSet: {id: 3, author: a, changes: [{modifyDataType: {tableName: t, columnName: note, newDataType: varchar(100)}}]}
            """);
    TestDb db = new TestDb("type_again_structured");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("INSERT INTO t VALUES ('longer than five')", "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "column note of public.t is character varying(100), the type a later change sets"),
        again.out());
    assertEquals(List.of("longer than five"), db.rows("SELECT note FROM t"));
    assertEquals(List.of("note:character varying(100):false"), db.columns("t"));
  }

  @Test
  void aWriteBeforeTheTypeChangeOfItsColumnIsExcusedOnARerunOverTheLaterType() {
    Path file =
        Changelogs.write(
            dir,
            "write.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - sql: >-
                        CREATE TYPE src AS ENUM ('LOCAL', 'CONSORTIUM');
                        CREATE TABLE t (id int PRIMARY KEY, source src, owner text);
                        INSERT INTO t VALUES (1, 'LOCAL', 'x'), (2, 'CONSORTIUM', 'y')
              - changeSet:
                  id: 2
                  author: a
                  changes:
                    - sql: >-
                        UPDATE t SET source = 'LOCAL' WHERE source = 'CONSORTIUM';
                        CREATE TYPE src2 AS ENUM ('LOCAL', 'REMOTE');
                        ALTER TABLE t ALTER COLUMN source TYPE src2 USING source::text::src2;
                        DROP TYPE src; ALTER TYPE src2 RENAME TO src
              - changeSet:
                  id: 3
                  author: a
                  changes:
                    - sql: UPDATE t SET owner = 'z' WHERE source = 'CONSORTIUM'
            """);
    TestDb db = new TestDb("type_again_write");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, first.code(), first.toString());
    assertTrue(
        first.err().contains("invalid input value for enum src: \"CONSORTIUM\""), first.err());
    assertEquals(2, db.revisions().size(), db.revisions().toString());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString(), "2");
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "failed, but a later change sets the type of source of public.t, and the values it"
                    + " names are of the type before"),
        again.out());
    assertEquals(
        List.of("1 LOCAL x", "2 LOCAL y"),
        db.rows("SELECT id || ' ' || source || ' ' || owner FROM t ORDER BY 1"));
    assertEquals(2, db.revisions().size(), db.revisions().toString());
  }
}
