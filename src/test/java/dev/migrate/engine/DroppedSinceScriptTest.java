package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What later changesets dropped, rerun after their revision rows were lost: a table, column, key
 * and index made and dropped since, structured and raw. {@code upgrade} makes none of them again;
 * the {@code --sql} script made without a database, once it has found the database ahead, makes no
 * key or index again (it stopped on the first of them), and makes a table or column again for the
 * statements after it that may need them, which the later changes drop again. Each ends where the
 * first run did.
 */
class DroppedSinceScriptTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable:
                  tableName: a
                  columns:
                    - column: {name: id, type: int, constraints: {primaryKey: true}}
                    - column: {name: code, type: text}
        - changeSet:
            id: '2'
            author: a
            changes:
              - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
              - createTable:
                  tableName: gone
                  columns:
                    - column: {name: id, type: int, constraints: {primaryKey: true}}
                    - column: {name: a_id, type: int}
              - addForeignKeyConstraint:
                  baseTableName: gone
                  baseColumnNames: a_id
                  referencedTableName: a
                  referencedColumnNames: id
                  constraintName: gone_a_fk
              - addColumn: {tableName: a, columns: [{column: {name: x, type: int}}]}
              - addUniqueConstraint: {tableName: a, columnNames: code, constraintName: a_code_key}
              - createIndex: {tableName: a, indexName: a_code_idx, columns: [{column: {name: code}}]}
              - sql: CREATE TABLE rawgone (id int); ALTER TABLE a ADD COLUMN y int
        - changeSet:
            id: '3'
            author: a
            changes:
              - dropTable: {tableName: gone}
              - dropColumn: {tableName: a, columnName: x}
              - dropUniqueConstraint: {tableName: a, constraintName: a_code_key}
              - dropIndex: {tableName: a, indexName: a_code_idx}
              - sql: DROP TABLE rawgone; ALTER TABLE a DROP COLUMN y
              - sql: INSERT INTO a VALUES (1, 'same'), (2, 'same')
      """;

  @Test
  void whatLaterChangesDroppedIsNotMadeAgain() {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("dropped_since");
      LostRows.Rerun lost = LostRows.rerun(dir, file, db, script, d -> {});
      Cli.Result rerun = lost.result();
      String how = lost.how();
      assertEquals(0, rerun.code(), how + rerun);
      assertEquals(lost.schema(), db.schemaFingerprint(), how);
      assertEquals(
          List.of("0"),
          db.rows(
              "SELECT count(*) FROM pg_indexes WHERE tablename = 'a'"
                  + " AND indexname <> 'a_pkey'"),
          how);
      assertEquals(List.of("1same", "2same"), db.rows("SELECT id || code FROM a ORDER BY id"));
      assertEquals(3, db.revisions().size(), how + db.revisions());
      assertTrue(
          script
              || rerun.out().contains("table public.gone is absent, and a later change drops it"),
          rerun.toString());
    }
  }

  @Test
  void aTableOrColumnWhoseForeignKeyReferencesATableDroppedSinceIsNotMadeAgain() {
    // The script makes a table or column made and dropped since again, but cannot make these: the
    // table their foreign keys reference was dropped since too, by a changeset whose row is kept.
    Path file =
        Changelogs.write(
            dir,
            "references.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: '1'
                  author: a
                  changes:
                    - createTable:
                        tableName: parent
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
              - changeSet:
                  id: '2'
                  author: a
                  changes:
                    - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
                    - addColumn:
                        tableName: kept
                        columns:
                          - column:
                              name: parent_id
                              type: int
                              constraints: {foreignKeyName: kept_parent_fk, references: parent(id)}
                    - createTable:
                        tableName: child
                        columns:
                          - column: {name: id, type: int}
                          - column:
                              name: parent_id
                              type: int
                              constraints: {foreignKeyName: child_parent_fk, references: parent(id)}
              - changeSet:
                  id: '3'
                  author: a
                  changes:
                    - dropTable: {tableName: child}
                    - dropColumn: {tableName: kept, columnName: parent_id}
                    - dropTable: {tableName: parent}
            """);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("references_gone");
      LostRows.Rerun lost = LostRows.rerun(dir, file, db, script, d -> {});
      assertEquals(0, lost.result().code(), lost.how() + lost.result());
      assertEquals(lost.schema(), db.schemaFingerprint(), lost.how());
      assertEquals(3, db.revisions().size(), lost.how() + db.revisions());
    }
  }
}
