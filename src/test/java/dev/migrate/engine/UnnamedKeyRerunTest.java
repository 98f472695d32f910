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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw SQL that adds an index or constraint without a name, rerun after lost history: each is found
 * by its definition and not made again, a primary key too (PostgreSQL refuses a second one, so the
 * runner cannot try it beside the first), also where another table's foreign key depends on it. A
 * primary key there on other columns is not taken for it: the statement runs and fails.
 */
class UnnamedKeyRerunTest {
  @TempDir Path dir;

  private static final String TABLES =
      "CREATE TABLE parent (id int PRIMARY KEY);\n"
          + "CREATE TABLE \"Item\" (\"Id\" int NOT NULL, code text NOT NULL, n int, p int);\n"
          + "CREATE TABLE child (id int, item int);\n";

  private static final String CONSTRAINTS =
      "SELECT count(*) FROM pg_constraint WHERE conrelid IN"
          + " ('\"Item\"'::regclass, 'child'::regclass)";

  private Path changelog(String add) {
    return Changelogs.write(
        dir,
        "keys.sql",
        "--liquibase formatted sql\n\n--changeset a:tables\n"
            + TABLES
            + "\n--changeset a:keys"
            + (add.startsWith(" ") ? "" : "\n") // a value may begin with the changeset's attributes
            + add
            + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE \"Item\" ADD PRIMARY KEY (\"Id\");",
        "ALTER TABLE \"Item\" ADD PRIMARY KEY (\"Id\", code);",
        "ALTER TABLE \"Item\" ADD PRIMARY KEY (\"Id\");\n"
            + "ALTER TABLE child ADD FOREIGN KEY (item) REFERENCES \"Item\" (\"Id\");",
        "ALTER TABLE \"Item\" ADD UNIQUE (code);",
        "ALTER TABLE \"Item\" ADD CHECK (n > 0);",
        "ALTER TABLE \"Item\" ADD FOREIGN KEY (p) REFERENCES parent (id);",
        "CREATE INDEX ON \"Item\" (code);",
        " runInTransaction:false\nCREATE INDEX CONCURRENTLY ON \"Item\" (code);",
        "ALTER TABLE \"Item\" ADD UNIQUE (code), ADD CHECK (n > 0);",
        "ALTER TABLE \"Item\" ADD PRIMARY KEY (\"Id\"), ADD COLUMN m int, ADD UNIQUE (code);"
      })
  void isFoundByItsDefinitionAndNotMadeAgain(String add) {
    Path file = changelog(add);
    TestDb db = new TestDb("unnamed_key_rerun");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    // Nothing it makes is taken for a relation named after a keyword ("on", "concurrently").
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
    String constraints = db.one(CONSTRAINTS);
    String indexes = db.one("SELECT count(*) FROM pg_index");

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("of the same definition"), again.out());
    assertEquals(constraints, db.one(CONSTRAINTS));
    assertEquals(indexes, db.one("SELECT count(*) FROM pg_index"));
    assertEquals(2, db.revisions().size());

    // The script asks the same question, in a block it rolls back.
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result psql = Psql.run(db, dir, script(db, file));
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(constraints, db.one(CONSTRAINTS));
    assertEquals(indexes, db.one("SELECT count(*) FROM pg_index"));
    assertEquals(2, db.revisions().size());
  }

  private static String script(TestDb db, Path file) {
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    return script.out();
  }

  @Test
  void aPrimaryKeyOnOtherColumnsIsNotTakenForIt() {
    Path file = changelog("ALTER TABLE \"Item\" ADD PRIMARY KEY (\"Id\");");
    TestDb db = new TestDb("unnamed_key_other");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute(
        "DELETE FROM migrate_revisions",
        "ALTER TABLE \"Item\" DROP CONSTRAINT \"Item_pkey\"",
        "ALTER TABLE \"Item\" ADD PRIMARY KEY (code)");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again.err().contains("multiple primary keys for table \"Item\" are not allowed"),
        again.err());
    Cli.Result psql = Psql.run(db, dir, script(db, file));
    assertEquals(3, psql.code(), psql.toString());
    assertTrue(
        psql.out().contains("multiple primary keys for table \"Item\" are not allowed"),
        psql.out());
    assertEquals(
        "PRIMARY KEY (code)",
        db.one(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = '\"Item\"'::regclass AND contype = 'p'"));
  }

  // A named primary key dropped, and one made without a name in its place (PostgreSQL names it
  // <table>_pkey again), with a foreign key to it: rerun after lost history, the key in place is
  // the later one, and the drop, which the foreign key would refuse, is not run.
  @Test
  void aKeyDroppedAndMadeAgainWithoutANameIsTheLaterOne() {
    Path file =
        Changelogs.write(
            dir,
            "remade.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable: {tableName: grp, columns: [{column: {name: code, type: text, constraints: {primaryKey: true, primaryKeyName: grp_pkey}}}, {column: {name: id, type: int, constraints: {nullable: false}}}]}
              - changeSet:
                  id: 2
                  author: a
                  changes:
                    - dropPrimaryKey: {tableName: grp, constraintName: grp_pkey}
                    - addPrimaryKey: {tableName: grp, columnNames: id}
              - changeSet:
                  id: 3
                  author: a
                  changes:
                    - createTable: {tableName: member, columns: [{column: {name: grp_id, type: int, constraints: {foreignKeyName: fk_member_grp, references: grp(id)}}}]}
            """);
    TestDb db = new TestDb("unnamed_key_remade");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    java.util.List<String> schema = db.schemaFingerprint();
    java.util.List<String> rows = db.revisions();
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());
  }

  // A structured addUniqueConstraint without a name, rerun by the script after lost history: it is
  // found by its columns and not made again (the script made a second one, ..._key1).
  @Test
  void aStructuredUniqueWithoutANameIsNotMadeTwiceByTheScript() {
    Path file =
        Changelogs.write(
            dir,
            "unique.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable: {tableName: grp, columns: [{column: {name: id, type: int}}, {column: {name: code, type: text}}]}
                    - addUniqueConstraint: {tableName: grp, columnNames: 'code, id'}
            """);
    TestDb db = new TestDb("unnamed_unique_script");
    assertEquals(0, Cli.on(db, file, "upgrade").code());
    java.util.List<String> schema = db.schemaFingerprint();
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = Psql.script(db, dir, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(
        java.util.List.of("1"),
        db.rows("SELECT count(*) FROM pg_constraint WHERE conrelid = 'grp'::regclass"));
  }
}
