package dev.migrate.postgres;

import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A createTable whose table is there with the same columns: {@code upgrade} adds the inline keys it
 * lacks (primary key, unique, foreign key) and stops on one that differs; the script run by psql
 * does the same, with the same sentence, and records the same rows.
 */
class InlineKeysParityTest {
  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: parents
            author: test
            changes:
              - createTable: {tableName: parents, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
              - createTable: {tableName: others, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
        - changeSet:
            id: items
            author: test
            changes:
              - createTable:
                  tableName: items
                  columns:
                    - column: {name: id, type: int, constraints: {primaryKey: true, primaryKeyName: items_pk}}
                    - column: {name: code, type: text, constraints: {unique: true, uniqueConstraintName: items_code_once}}
                    - column: {name: tag, type: text, constraints: {unique: true}}
                    - column: {name: parent, type: int, constraints: {foreignKeyName: items_parent_fk, references: parents(id), deleteCascade: true}}
                    - column: {name: other, type: int, constraints: {foreignKeyName: items_other_fk, referencedTableName: others, referencedColumnNames: id}}
      """;

  private static final String PARENTS =
      "CREATE TABLE parents (id int PRIMARY KEY); CREATE TABLE others (id int PRIMARY KEY);";
  private static final String BARE =
      PARENTS + "CREATE TABLE items (id int NOT NULL, code text, tag text, parent int, other int);";

  @TempDir static Path dir;
  private static Path changelog;
  private static String script;

  @BeforeAll
  static void script() {
    changelog = Changelogs.write(dir, "c.yaml", CHANGELOG);
    script = OfflineParityTest.scriptOf(changelog);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing there|runs|",
        "the table without its keys|runs|" + BARE,
        "the table with some of its keys|runs|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY (id);"
            + "ALTER TABLE items ADD UNIQUE (tag);",
        "the table with all its keys|runs|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY (id),"
            + " ADD CONSTRAINT items_code_once UNIQUE (code), ADD UNIQUE (tag),"
            + " ADD CONSTRAINT items_parent_fk FOREIGN KEY (parent) REFERENCES parents (id) ON DELETE CASCADE,"
            + " ADD CONSTRAINT items_other_fk FOREIGN KEY (other) REFERENCES others (id);",
        "a primary key of another name|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_key PRIMARY KEY (id);",
        "the unique constraint's name on a check|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_code_once CHECK (code <> '');",
        "the unique constraint's name over another column|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_code_once UNIQUE (tag);",
        "a foreign key with another action|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_parent_fk FOREIGN KEY (parent) REFERENCES parents (id);",
        "a foreign key of that name to another table|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_other_fk FOREIGN KEY (other) REFERENCES parents (id);",
        "two keys that differ|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_key PRIMARY KEY (id),"
            + " ADD CONSTRAINT items_parent_fk FOREIGN KEY (parent) REFERENCES others (id);",
      })
  void upgradeAndTheScriptAgree(String state, String verdict, String setup) {
    OfflineParityTest.assertAgree(dir, changelog, script, state, verdict, setup, null);
  }

  /**
   * A later change drops the table: its keys are still added where the columns are the same, and
   * nothing is compared where they are not (upgrade skips; so does the script).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the table without its keys|runs|" + BARE,
        "a column more, a key of another name|runs|"
            + BARE
            + "ALTER TABLE items ADD COLUMN extra int;"
            + "ALTER TABLE items ADD CONSTRAINT items_key PRIMARY KEY (id);",
        "a key of another name|drift|"
            + BARE
            + "ALTER TABLE items ADD CONSTRAINT items_key PRIMARY KEY (id);",
      })
  void aTableALaterChangeDrops(String state, String verdict, String setup) {
    Path file =
        Changelogs.write(
            dir,
            "dropped.yaml",
            CHANGELOG
                + """
                  - changeSet:
                      id: gone
                      author: test
                      changes:
                        - dropTable: {tableName: items}
                """);
    OfflineParityTest.assertAgree(
        dir, file, OfflineParityTest.scriptOf(file), state, verdict, setup, null);
  }
}
