package dev.migrate.postgres;

import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rerun after lost history (every object there, no revision row) over raw SQL that a later change
 * has moved on: an UPDATE of a column a later change renames, an ADD COLUMN of a column there under
 * its later name. {@code upgrade} skips such a statement, and so does the script run by psql; on an
 * empty database both run it.
 */
class LostHistoryParityTest {
  private static final String UPDATE =
      """
      - createTable: {tableName: items, columns: [{column: {name: id, type: int}}, {column: {name: old_name, type: text}}]}
      - sql: {sql: "UPDATE items SET old_name = 'x'"}
      - renameColumn: {tableName: items, oldColumnName: old_name, newColumnName: new_name, columnDataType: text}
      """;
  private static final String ADD_COLUMN =
      """
      - createTable: {tableName: items, columns: [{column: {name: id, type: int}}]}
      - sql: {sql: "ALTER TABLE items ADD COLUMN old_name text"}
      - renameColumn: {tableName: items, oldColumnName: old_name, newColumnName: new_name, columnDataType: text}
      """;

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "UPDATE|in a transaction|nothing there|",
        "UPDATE|in a transaction|the objects without history|CREATE TABLE items (id int, new_name text);",
        "UPDATE|outside one|nothing there|",
        "UPDATE|outside one|the objects without history|CREATE TABLE items (id int, new_name text);",
        "ADD COLUMN|in a transaction|nothing there|",
        "ADD COLUMN|in a transaction|the objects without history|CREATE TABLE items (id int, new_name text);",
        "ADD COLUMN|outside one|nothing there|",
        "ADD COLUMN|outside one|the objects without history|CREATE TABLE items (id int, new_name text);",
      })
  void upgradeAndTheScriptAgree(
      String form, String how, String state, String setup, @TempDir Path dir) {
    String changes = form.equals("UPDATE") ? UPDATE : ADD_COLUMN;
    String yaml = Changelogs.changeset("all", changes);
    if (how.equals("outside one")) {
      yaml =
          yaml.replace(
              "      author: test\n", "      author: test\n      runInTransaction: false\n");
    }
    Path changelog = Changelogs.write(dir, "c.yaml", yaml);
    OfflineParityTest.assertAgree(
        dir,
        changelog,
        OfflineParityTest.scriptOf(changelog),
        form + ", " + how + ", " + state,
        "runs",
        setup,
        null);
  }
}
