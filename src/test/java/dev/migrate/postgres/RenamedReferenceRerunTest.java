package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A foreign key to a table (or a column) that a later changeset renames: rerun after lost history,
 * by upgrade and by the --sql script, the key found pointing at the new name is the one the
 * changelog made, not drift.
 */
class RenamedReferenceRerunTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}, then {1}")
  @CsvSource({
    "inline,renameTable",
    "inline,renameColumn",
    "inline,both",
    "addForeignKeyConstraint,renameTable",
    "addForeignKeyConstraint,renameColumn",
    "addForeignKeyConstraint,both"
  })
  void aKeyToARenamedTableIsTheOneTheChangelogMade(String key, String rename) {
    String child =
        key.equals("inline")
            ? "{column: {name: parent_id, type: int, constraints: {foreignKeyName: fk_child,"
                + " references: parent(id), deleteCascade: true}}}"
            : "{column: {name: parent_id, type: int}}";
    String added =
        key.equals("inline")
            ? ""
            : "        - addForeignKeyConstraint: {baseTableName: child, baseColumnNames: parent_id,"
                + " constraintName: fk_child, referencedTableName: parent, referencedColumnNames: id,"
                + " onDelete: CASCADE}\n";
    String renames =
        (rename.equals("renameColumn") || rename.equals("both")
                ? "        - renameColumn: {tableName: parent, oldColumnName: id, newColumnName: key}\n"
                : "")
            + (rename.equals("renameTable") || rename.equals("both")
                ? "        - renameTable: {oldTableName: parent, newTableName: holder}\n"
                : "");
    Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: a
              changes:
                - createTable: {tableName: parent, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                - createTable: {tableName: child, columns: [%s]}
        %s  - changeSet:
              id: 2
              author: a
              changes:
        %s"""
            .formatted(child, added, renames));
    TestDb db = new TestDb("renamed_ref");
    Cli.Result first = upgrade(db);
    assertEquals(0, first.code(), first.toString());
    List<String> schema = db.schemaFingerprint();
    List<String> rows = db.revisions();

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(0, again.code(), again.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", "changelog.yaml");
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());
  }

  private Cli.Result upgrade(TestDb db) {
    return new Cli()
        .in(dir)
        .run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
  }
}
