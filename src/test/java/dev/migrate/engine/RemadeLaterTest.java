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
 * A drop of a key, index, sequence or type that a later change makes again under its name, rerun
 * after the revision rows were lost: the object in place is that later change's, and is kept, by
 * {@code upgrade} and by the {@code --sql} script once it has found the database ahead. The script
 * dropped them: a primary key other tables' foreign keys need stopped it, and a sequence the
 * application drew from would have started again at 1.
 */
class RemadeLaterTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable:
                  tableName: t
                  columns: [{column: {name: id, type: int}}, {column: {name: code, type: text}}]
              - addPrimaryKey: {tableName: t, columnNames: id, constraintName: t_pkey}
              - createIndex: {tableName: t, indexName: t_code_ix, columns: [{column: {name: code}}]}
              - createSequence: {sequenceName: s}
              - createEnumType: {typeName: mood, values: [ok]}
        - changeSet:
            id: '2'
            author: a
            changes:
              - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
              - dropPrimaryKey: {tableName: t, constraintName: t_pkey}
              - dropIndex: {tableName: t, indexName: t_code_ix}
              - dropSequence: {sequenceName: s}
              - dropEnumType: {typeName: mood}
        - changeSet:
            id: '3'
            author: a
            changes:
              - addPrimaryKey: {tableName: t, columnNames: id, constraintName: t_pkey}
              - createIndex: {tableName: t, indexName: t_code_ix, columns: [{column: {name: code}}]}
              - createSequence: {sequenceName: s}
              - createEnumType: {typeName: mood, values: [ok]}
              - createTable:
                  tableName: u
                  columns:
                    - column:
                        name: t_id
                        type: int
                        constraints: {foreignKeyName: u_t_fk, references: t(id)}
      """;

  @Test
  void whatALaterChangeMakesAgainIsKept() {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("remade_later");
      // The application draws from the sequence.
      LostRows.Rerun lost =
          LostRows.rerun(
              dir,
              file,
              db,
              script,
              d -> d.execute("SELECT nextval('s') FROM generate_series(1, 5)"));
      Cli.Result rerun = lost.result();
      String how = lost.how();
      assertEquals(0, rerun.code(), how + rerun);
      assertEquals(lost.schema(), db.schemaFingerprint(), how);
      assertEquals(List.of("5"), db.rows("SELECT last_value FROM s"), how);
      assertEquals(3, db.revisions().size(), how + db.revisions());
      assertTrue(
          script
              || rerun
                  .out()
                  .contains(
                      "constraint t_pkey on public.t is there, and a later change makes it again"),
          rerun.toString());
    }
  }
}
