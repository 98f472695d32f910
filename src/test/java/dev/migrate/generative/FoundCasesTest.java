package dev.migrate.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest changelogs of the cases the generative suite found, kept as they are: each runs
 * once, loses its revision rows and runs again, which must record every changeset (exit 0) and
 * leave the dump, rows included, exactly as the first run left it.
 */
class FoundCasesTest {
  @TempDir Path dir;

  private void rerunKeepsTheDump(String name, String changesets) {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    int id = 0;
    for (String changes : changesets.split("\n---\n")) {
      yaml.append("  - changeSet:\n      id: c")
          .append(++id)
          .append("\n      author: test\n      changes:\n")
          .append(changes.stripIndent().indent(8));
    }
    Changelogs.write(dir, "changelog.yaml", yaml.toString());
    TestDb db = new TestDb(name);
    Cli.Result first = upgrade(db);
    assertEquals(0, first.code(), first.toString());
    String dump = SchemaDump.of(db);
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(0, again.code(), again.toString());
    assertEquals(String.valueOf(id), db.one("SELECT count(*) FROM migrate_revisions"));
    assertEquals(dump, SchemaDump.of(db), again.out());
  }

  private Cli.Result upgrade(TestDb db) {
    return new Cli()
        .in(dir)
        .run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
  }

  /**
   * A table later renamed and dropped is made again by the rerun and filled; once a later step
   * finds its object in place, a write to that table writes the rerun's own rows, not rows an
   * earlier run wrote (seed 15 of base 1).
   */
  @Test
  void rowsOfATableTheRerunMadeAreItsOwn() {
    rerunKeepsTheDump(
        "found_own_rows",
        """
        - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: n, type: int}}]}
        ---
        - insert: {tableName: a, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: n, valueNumeric: 5}}]}
        ---
        - createTable: {tableName: b, columns: [{column: {name: id, type: int}}]}
        ---
        - sql: UPDATE a SET n = NULL WHERE id = 1
        - renameTable: {oldTableName: a, newTableName: a2}
        ---
        - sql: UPDATE a2 SET n = 7 WHERE id = 1
        - dropTable: {tableName: a2}""");
  }

  /**
   * A default set twice, on a varchar column later retyped to text: PostgreSQL keeps the first cast
   * in the stored expression; setting the first default again would make the second run and store
   * another (seed 62 of base 1).
   */
  @Test
  void aDefaultALaterChangeSetsAgainIsThatChangesToCheck() {
    rerunKeepsTheDump(
        "found_default_twice",
        """
        - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: s, type: varchar(40)}}]}
        ---
        - addDefaultValue: {tableName: a, columnName: s, defaultValue: one}
        - addDefaultValue: {tableName: a, columnName: s, defaultValue: two}
        ---
        - modifyDataType: {tableName: a, columnName: s, newDataType: text}""");
  }
}
