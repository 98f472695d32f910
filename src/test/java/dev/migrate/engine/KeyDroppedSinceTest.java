package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rerun after lost history does not make again a key that a later change drops: rows written
 * after the drop, which the key would refuse, stay, and the run goes on. Foreign keys, in
 * DropAllForeignKeysTest.
 */
class KeyDroppedSinceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "addUniqueConstraint: {tableName: t, columnNames: code, constraintName: uq_code}"
            + "|dropUniqueConstraint: {tableName: t, constraintName: uq_code}"
            + "|INSERT INTO t VALUES (1, 'a'), (2, 'a')",
        "addPrimaryKey: {tableName: t, columnNames: id, constraintName: t_key}"
            + "|dropPrimaryKey: {tableName: t, constraintName: t_key}"
            + "|INSERT INTO t VALUES (1, 'a'), (1, 'b')",
        "addPrimaryKey: {tableName: t, columnNames: id, constraintName: t_key}"
            + "|dropPrimaryKey: {tableName: t}"
            + "|INSERT INTO t VALUES (1, 'a'), (1, 'b')"
      })
  void aKeyALaterChangeDropsIsNotMadeAgain(String add, String drop, String rows) {
    Path file =
        Changelogs.write(
            dir,
            "keys.yaml",
            Changelogs.changeset(
                    "make",
                    "- createTable: {tableName: t, columns: [{column: {name: id, type: int}},"
                        + " {column: {name: code, type: text}}]}\n- "
                        + add)
                + Changelogs.changeset("drop", "- " + drop)
                    .substring("databaseChangeLog:\n".length()));
    TestDb db = new TestDb("key_dropped_since");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    db.execute(rows, "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("is absent, and a later change drops it"), again.out());
    assertEquals("0", db.one("SELECT count(*) FROM pg_constraint WHERE conrelid = 't'::regclass"));
    assertEquals("2", db.one("SELECT count(*) FROM t"));
    assertEquals(2, db.revisions().size());
  }

  // A table made again by the rerun, before it found the database ahead, and dropped again by a
  // later change: its foreign key is not added in between, by addForeignKeyConstraint or
  // addLookupTable alike.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "addForeignKeyConstraint: {baseTableName: t, baseColumnNames: code, constraintName: fk_code,"
            + " referencedTableName: codes, referencedColumnNames: code}",
        "addLookupTable: {existingTableName: t, existingColumnName: code, newTableName: codes2,"
            + " newColumnName: code, constraintName: fk_code}"
      })
  void aForeignKeyWhoseTableALaterChangeDropsIsNotAdded(String add) {
    Path file =
        Changelogs.write(
            dir,
            "table.yaml",
            Changelogs.changeset(
                    "t",
                    "- createTable: {tableName: t, columns: [{column: {name: id, type: int}},"
                        + " {column: {name: code, type: text}}]}")
                + Changelogs.changeset(
                        "codes",
                        "- createTable: {tableName: codes, columns: [{column: {name: code,"
                            + " type: text, constraints: {primaryKey: true}}}]}")
                    .substring("databaseChangeLog:\n".length())
                + Changelogs.changeset("key", "- " + add).substring("databaseChangeLog:\n".length())
                + Changelogs.changeset("drop", "- dropTable: {tableName: t}")
                    .substring("databaseChangeLog:\n".length()));
    TestDb db = new TestDb("fk_table_dropped_since");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "constraint fk_code of public.t is absent, and a later change drops its table"),
        again.out());
    assertEquals(4, db.revisions().size());
  }
}
