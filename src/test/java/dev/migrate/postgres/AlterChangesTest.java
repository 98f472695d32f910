package dev.migrate.postgres;

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
 * The change types that alter, drop, rename and move data, on a real server: what they make, and
 * that a second run without revision rows finds every step done.
 */
class AlterChangesTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: base
            author: a
            changes:
              - createSequence: {sequenceName: ticket_seq, startValue: 100, incrementBy: 5}
              - createTable:
                  tableName: ticket
                  columns:
                    - column: {name: id, type: bigint}
                    - column: {name: title, type: varchar(50)}
                    - column: {name: legacy, type: int}
                    - column: {name: note, type: text, constraints: {nullable: false}}
              - createTable: {tableName: old_name, columns: [{column: {name: id, type: int}}]}
              - insert: {tableName: ticket, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: title, value: "it's"}}, {column: {name: note, value: x}}]}
        - changeSet:
            id: alter
            author: a
            changes:
              - addDefaultValue: {tableName: ticket, columnName: id, defaultValueSequenceNext: ticket_seq}
              - modifyDataType: {tableName: ticket, columnName: title, newDataType: text}
              - addNotNullConstraint: {tableName: ticket, columnName: title, defaultNullValue: untitled}
              - dropNotNullConstraint: {tableName: ticket, columnName: note}
              - dropColumn: {tableName: ticket, columnName: legacy}
              - renameColumn: {tableName: ticket, oldColumnName: note, newColumnName: remark}
              - renameTable: {oldTableName: old_name, newTableName: new_name}
              - addPrimaryKey: {tableName: ticket, columnNames: id, constraintName: pk_ticket}
              - createView: {viewName: open_ticket, selectQuery: "SELECT id, title FROM ticket", remarks: Open tickets}
              - update: {tableName: ticket, columns: [{column: {name: remark, value: updated}}], where: "id = 1"}
              - tagDatabase: {tag: v1}
        """;

  private Cli.Result upgrade(TestDb db) {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    return new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
  }

  @Test
  void alterChangesApplyAndAreSkippedOnARerunWithoutRows() {
    TestDb db = new TestDb("alter_changes");
    Cli.Result first = upgrade(db);
    assertEquals(0, first.code(), first.toString());
    assertEquals(
        List.of("id:bigint:true", "title:text:true", "remark:text:false"), db.columns("ticket"));
    assertEquals(
        "nextval('ticket_seq'::regclass)",
        db.one(
            "SELECT column_default FROM information_schema.columns WHERE table_name = 'ticket' AND column_name = 'id'"));
    assertEquals(
        "1|it's|updated", db.one("SELECT id || '|' || title || '|' || remark FROM ticket"));
    assertTrue(db.tableExists("new_name") && !db.tableExists("old_name"));
    assertEquals("Open tickets", db.one("SELECT obj_description('open_ticket'::regclass)"));
    assertEquals("v1", db.one("SELECT tag FROM migrate_revisions WHERE id = 'alter'"));

    List<String> schema = db.schemaFingerprint();
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains("skipped  renameColumn: table public.ticket already has remark and no note"),
        again.out());
    assertTrue(
        again
            .out()
            .contains("skipped  renameTable: table public.new_name exists and old_name does not"),
        again.out());
    assertTrue(
        again.out().contains("skipped  dropColumn: table public.ticket has no column legacy"),
        again.out());
    assertTrue(
        again.out().contains("skipped  modifyDataType: column title is already text"), again.out());
    assertTrue(again.out().contains("skipped  createView: "), again.out());
    assertEquals(schema, db.schemaFingerprint());
  }

  @Test
  void aRenameWhereBothNamesExistIsDrift() {
    TestDb db = new TestDb("alter_rename_both");
    db.execute("CREATE TABLE t (a int, b int)");
    Path file =
        Changelogs.write(
            dir,
            "r.yaml",
            Changelogs.changeset(
                "r", "- renameColumn: {tableName: t, oldColumnName: a, newColumnName: b}"));
    Cli.Result result =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, result.code());
    assertTrue(
        result
            .err()
            .contains(
                "drift: table public.t has both columns a and b; the changelog renames one to the other"),
        result.err());
  }

  @Test
  void aViewWithAnotherDefinitionIsDrift() {
    TestDb db = new TestDb("alter_view");
    db.execute("CREATE TABLE t (a int, b int)", "CREATE VIEW v AS SELECT a FROM t");
    Path file =
        Changelogs.write(
            dir,
            "v.yaml",
            Changelogs.changeset(
                "v", "- createView: {viewName: v, selectQuery: \"SELECT a, b FROM t\"}"));
    Cli.Result result =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, result.code());
    assertTrue(result.err().contains("drift: view public.v: the changelog wants"), result.err());
    Path same =
        Changelogs.write(
            dir,
            "same.yaml",
            Changelogs.changeset("v", "- createView: {viewName: v, selectQuery: select a from t}"));
    Cli.Result skipped =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", same.toString());
    assertEquals(0, skipped.code(), skipped.toString());
    assertTrue(
        skipped
            .out()
            .contains("skipped  createView: view public.v exists with the same definition"),
        skipped.toString());
  }

  @Test
  void rawSqlThatCreatesExistingObjectsIsSkippedAndAnEnumIsCompared() {
    TestDb db = new TestDb("alter_rawsql");
    db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok')", "CREATE TABLE t (a int)");
    Path file =
        Changelogs.write(
            dir,
            "s.yaml",
            Changelogs.changeset(
                "s",
                """
        - sql: |
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE TABLE t (a int);
            ALTER TABLE t ADD COLUMN b text;
            CREATE INDEX ix_t_b ON t (b);
        """));
    Cli.Result result =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result.out().contains("skipped table public.t exists with the same columns"), result.out());
    assertEquals(List.of("sad", "ok", "happy"), db.enumLabels("mood"));
    assertEquals(List.of("a:integer:false", "b:text:false"), db.columns("t"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("applied  s (test): 0 steps run, 1 skipped"), again.out());
    assertEquals(List.of("a:integer:false", "b:text:false"), db.columns("t"));
  }
}
