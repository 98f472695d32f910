package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw step kept whole ({@code splitStatements: false}: a function body and the statements that
 * use it, as a sqlFile often is) is rerun after lost revision rows exactly as the same text split:
 * inside a transaction PostgreSQL runs the statements of one string one after another, so each is
 * guarded on its own, by {@code upgrade} and by the {@code --sql} script alike; outside one
 * (runInTransaction: false) the string runs all or nothing, so both take it apart in a transaction
 * of its own. Here a later change renamed the column the step's UPDATE sets and dropped the table
 * the step makes, so run as one block the text failed.
 */
class WholeTextRerunTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable: {tableName: job, columns: [{column: {name: id, type: int}}, {column: {name: instance, type: uuid}}]}
        - changeSet:
            id: '2'
            author: a
            changes:
              - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
        - changeSet:
            id: '3'
            author: a
            runInTransaction: TX
            changes:
              - sql:
                  splitStatements: SPLIT
                  sql: |
                    CREATE OR REPLACE FUNCTION uuid_or_null(str text) RETURNS uuid AS $$
                    BEGIN
                      RETURN str::uuid;
                    EXCEPTION WHEN invalid_text_representation THEN
                      RETURN NULL;
                    END;
                    $$ LANGUAGE plpgsql IMMUTABLE;
                    CREATE TABLE scratch (id int);
                    UPDATE job SET instance = uuid_or_null('x') WHERE instance IS NULL;
                    DELETE FROM job WHERE instance IS NULL;
        - changeSet:
            id: '4'
            author: a
            changes:
              - renameColumn: {tableName: job, oldColumnName: instance, newColumnName: workspace}
              - dropTable: {tableName: scratch}
              - sql: INSERT INTO job VALUES (1, NULL)
      """;

  @Test
  void aTextKeptWholeIsRerunAsTheSameTextSplit() {
    for (String split : List.of("true", "false")) {
      for (String tx : List.of("true", "false")) {
        Path file =
            Changelogs.write(
                dir, "changelog.yaml", CHANGELOG.replace("SPLIT", split).replace("TX", tx));
        for (boolean script : LostRows.BY_SCRIPT) {
          TestDb db = new TestDb("whole_text");
          LostRows.Rerun lost = LostRows.rerun(dir, file, db, script, d -> {});
          Cli.Result rerun = lost.result();
          String how = "splitStatements " + split + ", runInTransaction " + tx + ", " + lost.how();
          assertEquals(0, rerun.code(), how + rerun);
          assertEquals(lost.schema(), db.schemaFingerprint(), how);
          assertEquals(
              List.of("1|"),
              db.rows("SELECT id || '|' || coalesce(workspace::text, '') FROM job"),
              how);
          assertEquals(4, db.revisions().size(), how + db.revisions());
        }
      }
    }
  }
}
