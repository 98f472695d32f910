package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard decisions beyond plain skip/create/drift: partial objects, later changes, invalid indexes,
 * drops.
 */
class GuardEdgeCasesTest {
  @TempDir Path dir;

  private Cli.Result upgrade(TestDb db, String yaml) {
    Path file = Changelogs.write(dir, "changelog.yaml", yaml);
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "--changelog", file.toString());
  }

  @Test
  void enumWithAnOrderedSubsetOfTheLabelsGetsTheMissingOnesInPlace() {
    TestDb db = new TestDb("edge_enum");
    db.execute("CREATE TYPE status AS ENUM ('b', 'd')");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset(
                "e", "- createEnumType: {typeName: status, values: [a, b, c, d, e]}"));
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .out()
            .contains("adjusted createEnumType: type public.status existed; added ('a', 'c', 'e')"),
        result.out());
    assertEquals(List.of("a", "b", "c", "d", "e"), db.enumLabels("status"));
  }

  @Test
  void enumLabelsInAnotherOrderAreDrift() {
    TestDb db = new TestDb("edge_enum_order");
    db.execute("CREATE TYPE status AS ENUM ('c', 'a')");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset("e", "- createEnumType: {typeName: status, values: [a, b, c]}"));
    assertEquals(1, result.code());
    assertTrue(
        result
            .err()
            .contains(
                "type public.status: the changelog wants ENUM ('a', 'b', 'c'), the database has ENUM ('c', 'a')"),
        result.err());
    assertEquals(List.of("c", "a"), db.enumLabels("status"));
  }

  @Test
  void existingTableMissingItsInlineConstraintsGetsThem() {
    TestDb db = new TestDb("edge_inline");
    db.execute(
        "CREATE TABLE parent (id int PRIMARY KEY)",
        "CREATE TABLE child (id int NOT NULL, parent_id int, code text)");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset(
                "t",
                """
        - createTable:
            tableName: child
            columns:
              - column: {name: id, type: int, constraints: {primaryKey: true, primaryKeyName: pk_child}}
              - column: {name: parent_id, type: int, constraints: {foreignKeyName: fk_child_parent, references: parent(id)}}
              - column: {name: code, type: text, constraints: {unique: true}}
        """));
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .out()
            .contains(
                "adjusted createTable: table public.child existed; added primary key, foreign key fk_child_parent, unique (code)"),
        result.out());
    assertEquals(
        List.of(
            "child_code_key UNIQUE (code)",
            "fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent(id)",
            "pk_child PRIMARY KEY (id)"),
        db.rows(
            "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'child'::regclass AND contype <> 'n' ORDER BY conname"));
  }

  @Test
  void columnsThatALaterChangesetAddsAreNotDriftWhenTheRowsWereLost() {
    TestDb db = new TestDb("edge_later");
    String yaml =
        """
        databaseChangeLog:
          - changeSet:
              id: create
              author: a
              changes:
                - createEnumType: {typeName: state, values: [new]}
                - createTable: {tableName: item, columns: [{column: {name: id, type: int}}]}
          - changeSet:
              id: extend
              author: a
              changes:
                - addEnumValue: {typeName: state, value: done}
                - addColumn: {tableName: item, columns: [{column: {name: note, type: text}}]}
                - addPrimaryKey: {tableName: item, columnNames: id}
        """;
    assertEquals(0, upgrade(db, yaml).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, yaml);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("applied  create (a): 0 steps run, 2 skipped"), rerun.out());
    assertTrue(rerun.out().contains("applied  extend (a): 0 steps run, 3 skipped"), rerun.out());
    assertEquals(List.of("create|applied", "extend|applied"), db.revisions());
  }

  @Test
  void anInvalidIndexIsDroppedAndRebuilt() {
    TestDb db = new TestDb("edge_invalid");
    db.execute(
        "CREATE TABLE t (id int, v int)",
        "CREATE INDEX ix_t_v ON t (v)",
        // What a failed CREATE INDEX CONCURRENTLY leaves behind.
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_t_v'::regclass");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset(
                "i",
                "- createIndex: {tableName: t, indexName: ix_t_v, columns: [{column: {name: v}}]}"));
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .out()
            .contains("rebuilt  createIndex: invalid index public.ix_t_v dropped and built again"),
        result.out());
    assertEquals(
        "t", db.one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_t_v'::regclass"));
  }

  @Test
  void dropTableRunsWhenPresentAndIsSkippedWhenGone() {
    TestDb db = new TestDb("edge_drop");
    db.execute("CREATE TABLE old_stuff (id int)");
    String yaml = Changelogs.changeset("d", "- dropTable: {tableName: old_stuff}");
    Cli.Result first = upgrade(db, yaml);
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().contains("applied  d (test): 1 step run, 0 skipped"), first.out());
    assertFalse(db.tableExists("old_stuff"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db, yaml);
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("skipped  dropTable: table public.old_stuff does not exist"),
        again.out());
    assertEquals(List.of("d|applied"), db.revisions());
  }

  @Test
  void changesInAnotherSchemaAreGuardedThere() {
    TestDb db = new TestDb("edge_schema");
    String yaml =
        Changelogs.changeset(
            "s",
            """
        - createSchema: {schemaName: reporting}
        - createEnumType: {schemaName: reporting, typeName: period, values: [day, week]}
        - createTable:
            schemaName: reporting
            tableName: totals
            columns:
              - column: {name: period, type: reporting.period}
        """);
    Cli.Result result = upgrade(db, yaml);
    assertEquals(0, result.code(), result.toString());
    assertTrue(result.out().contains("applied  s (test): 3 steps run, 0 skipped"), result.out());
    String columns =
        "SELECT table_name || '.' || column_name || ' ' || udt_schema || '.' || udt_name FROM information_schema.columns"
            + " WHERE table_schema = 'reporting'";
    assertEquals(List.of("totals.period reporting.period"), db.rows(columns));
    assertEquals(
        List.of("day", "week"),
        db.rows(
            "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'reporting.period'::regtype ORDER BY enumsortorder"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db, yaml);
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("applied  s (test): 0 steps run, 3 skipped"), again.toString());
    assertEquals(List.of("totals.period reporting.period"), db.rows(columns));
  }

  @Test
  void aChangesetOutsideATransactionRunsStatementsThatNeedAutocommit() {
    TestDb db = new TestDb("edge_notx");
    Cli.Result result =
        upgrade(
            db,
            """
        databaseChangeLog:
          - changeSet:
              id: concurrent-index
              author: a
              runInTransaction: false
              changes:
                - createTable: {tableName: big, columns: [{column: {name: v, type: int}}]}
                - sql: CREATE INDEX CONCURRENTLY ix_big_v ON big (v)
        """);
    assertEquals(0, result.code(), result.toString());
    assertEquals(
        "t", db.one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass"));
    assertEquals(List.of("concurrent-index|applied"), db.revisions());
  }

  @Test
  void serialColumnsAndDeferredForeignKeysAreNotDriftOnARerun() {
    TestDb db = new TestDb("edge_serial");
    String yaml =
        Changelogs.changeset(
            "s",
            """
        - createTable: {tableName: parent, columns: [{column: {name: id, type: serial, constraints: {primaryKey: true}}}]}
        - createTable: {tableName: child, columns: [{column: {name: id, type: bigserial}}, {column: {name: parent_id, type: int}}]}
        - addForeignKeyConstraint: {baseTableName: child, baseColumnNames: parent_id, constraintName: fk_child, referencedTableName: parent, referencedColumnNames: id, initiallyDeferred: true}
        """);
    assertEquals(0, upgrade(db, yaml).code());
    assertEquals(
        "FOREIGN KEY (parent_id) REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED",
        db.one("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'fk_child'"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, yaml);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 3 skipped"), rerun.out());
  }

  @Test
  void aSchemaGivenWithSchemaIsCreatedWithTheFirstChangeset() {
    TestDb db = new TestDb("edge_optschema");
    Path file =
        Changelogs.write(
            dir,
            "changelog.yaml",
            Changelogs.changeset(
                "a",
                "- createTable: {tableName: audit_log, columns: [{column: {name: id, type: int}}]}"));
    Cli.Result result =
        new Cli()
            .run(
                "upgrade",
                "--schema",
                "audit",
                "--url",
                db.libpqUrl(),
                "--changelog",
                file.toString());
    assertEquals(0, result.code(), result.toString());
    assertEquals(
        "audit|audit_log",
        db.one(
            "SELECT schemaname || '|' || tablename FROM pg_tables WHERE tablename = 'audit_log'"));
    assertEquals("a|applied", db.one("SELECT id || '|' || status FROM audit.migrate_revisions"));
  }

  @Test
  void anInvalidConcurrentIndexIsDroppedAndBuiltAgainConcurrently() {
    TestDb db = new TestDb("edge_cic");
    db.execute(
        "CREATE TABLE t (id int, v int)",
        "CREATE INDEX ix_t_v ON t (v)",
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_t_v'::regclass");
    Cli.Result result =
        upgrade(
            db,
            """
        databaseChangeLog:
          - changeSet:
              id: cic
              author: a
              runInTransaction: false
              changes:
                - createIndex: {tableName: t, indexName: ix_t_v, concurrently: true, columns: [{column: {name: v}}]}
        """);
    assertEquals(0, result.code(), result.toString());
    assertTrue(
        result
            .out()
            .contains("rebuilt  createIndex: invalid index public.ix_t_v dropped and built again"),
        result.out());
    assertEquals(
        "t", db.one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_t_v'::regclass"));
  }

  @Test
  void aLabelAddedByTheChangesetCanBeUsedByItsLaterSteps() {
    TestDb db = new TestDb("edge_label");
    db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok')");
    Cli.Result result =
        upgrade(
            db,
            Changelogs.changeset(
                "l",
                """
        - addEnumValue: {typeName: mood, value: happy}
        - createTable: {tableName: person, columns: [{column: {name: m, type: mood, defaultValue: happy}}]}
        - sql: INSERT INTO person DEFAULT VALUES
        """));
    assertEquals(0, result.code(), result.toString());
    assertEquals(List.of("happy"), db.rows("SELECT m::text FROM person"));
    assertEquals(List.of("l|applied"), db.revisions());
  }

  @Test
  void aKeyColumnMarkedUniqueIsNotGivenASecondConstraintOnARerun() {
    TestDb db = new TestDb("edge_pk_unique");
    String changes =
        """
        - createTable:
            tableName: account
            columns:
              - column: {name: id, type: int, constraints: {primaryKey: true, unique: true}}
              - column: {name: code, type: text, constraints: {unique: true}}
        """;
    Cli.Result first = upgrade(db, Changelogs.changeset("pk", changes));
    assertEquals(0, first.code(), first.toString());
    List<String> constraints =
        db.rows(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'account'::regclass AND contype <> 'n' ORDER BY conname");
    assertEquals(
        List.of("account_code_key", "account_pkey"),
        constraints,
        "PostgreSQL keeps the key, not a duplicate UNIQUE");
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, Changelogs.changeset("pk", changes));
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 1 skipped"), rerun.out());
    assertEquals(
        constraints,
        db.rows(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'account'::regclass AND contype <> 'n' ORDER BY conname"));
  }
}
