package dev.migrate.postgres;

import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Renames of sequences, tables, views and enum labels, over what a database has before the run:
 * {@code upgrade} and the {@code --sql} script run by psql reach the same verdict. A rerun after
 * lost history finds everything renamed already and goes on; two objects where one is renamed, or
 * an object of another kind, stop both with the same sentence.
 */
class OfflineRenameParityTest {
  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: made
            author: test
            changes:
              - createSequence: {sequenceName: s1}
              - createTable: {tableName: t1, columns: [{column: {name: id, type: int}}]}
              - createView: {viewName: v1, selectQuery: "SELECT id FROM t1"}
              - createEnumType: {typeName: mood, values: [a, b]}
        - changeSet:
            id: renamed
            author: test
            changes:
              - renameSequence: {oldSequenceName: s1, newSequenceName: s2}
              - renameTable: {oldTableName: t1, newTableName: t2}
              - renameView: {oldViewName: v1, newViewName: v2}
              - renameEnumValue: {typeName: mood, oldValue: a, newValue: z}
      """;

  @TempDir static Path dir;
  private static Path changelog;
  private static String script;

  @BeforeAll
  static void script() {
    changelog = Changelogs.write(dir, "renames.yaml", CHANGELOG);
    script = OfflineParityTest.scriptOf(changelog);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing there|runs|",
        "everything renamed already, history lost|runs|CREATE SEQUENCE s2;"
            + " CREATE TABLE t2 (id int); CREATE VIEW v2 AS SELECT id FROM t2;"
            + " CREATE TYPE mood AS ENUM ('z', 'b');",
        "both names of the sequence|drift|CREATE SEQUENCE s1; CREATE SEQUENCE s2;",
        "both names of the table|drift|CREATE TABLE t1 (id int); CREATE TABLE t2 (id int);",
        "a view of the sequence's name|drift|CREATE TABLE x (id int);"
            + " CREATE VIEW s1 AS SELECT id FROM x;",
        "both labels|drift|CREATE TYPE mood AS ENUM ('a', 'z', 'b');",
      })
  void upgradeAndTheScriptAgree(String state, String verdict, String setup) {
    OfflineParityTest.assertAgree(dir, changelog, script, state, verdict, setup, "mood");
  }
}
