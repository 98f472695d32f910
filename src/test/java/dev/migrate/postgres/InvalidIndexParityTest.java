package dev.migrate.postgres;

import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An index that is there, valid or INVALID (what a concurrent build cut short leaves), named or
 * found by its definition, built in a transaction or concurrently outside one: {@code upgrade} and
 * the script run by psql reach the same verdict. Both build an INVALID index again, and both stop
 * on a named index that differs.
 */
class InvalidIndexParityTest {
  private static final String TABLE =
      """
      databaseChangeLog:
        - changeSet:
            id: table
            author: test
            changes:
              - createTable: {tableName: items, columns: [{column: {name: id, type: int}}, {column: {name: sku, type: text}}, {column: {name: note, type: text}}]}
        - changeSet:
            id: indexes
            author: test
      """;

  private static final String SETUP =
      "CREATE TABLE items (id int, sku text, note text);"
          + "CREATE INDEX items_sku ON items (sku); CREATE INDEX items_note_idx ON items (note);";
  // A build cut short leaves the index INVALID; the catalog says so in pg_index.
  private static final String INVALID =
      "UPDATE pg_index SET indisvalid = false WHERE indexrelid = '%s'::regclass;";

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "in a transaction|nothing there|runs|",
        "in a transaction|the same indexes|runs|" + SETUP,
        "in a transaction|the named one INVALID|runs|" + SETUP + "@items_sku",
        "in a transaction|the unnamed one INVALID|runs|" + SETUP + "@items_note_idx",
        "in a transaction|the named one over another column|drift|"
            + "CREATE TABLE items (id int, sku text, note text); CREATE INDEX items_sku ON items (note);",
        "concurrently|nothing there|runs|",
        "concurrently|the same indexes|runs|" + SETUP,
        "concurrently|the named one INVALID|runs|" + SETUP + "@items_sku",
        "concurrently|the unnamed one INVALID|runs|" + SETUP + "@items_note_idx",
        "concurrently|the named one over another column|drift|"
            + "CREATE TABLE items (id int, sku text, note text); CREATE INDEX items_sku ON items (note);",
      })
  void upgradeAndTheScriptAgree(
      String how, String state, String verdict, String setup, @TempDir Path dir) {
    boolean concurrently = how.equals("concurrently");
    assertAgree(
        dir,
        how + ", " + state,
        verdict,
        setup,
        (concurrently ? "      runInTransaction: false\n" : "")
            + "      changes:\n"
            + "        - createIndex: {tableName: items, indexName: items_sku, concurrently: "
            + concurrently
            + ", columns: [{column: {name: sku}}]}\n"
            + "        - createIndex: {tableName: items, concurrently: "
            + concurrently
            + ", columns: [{column: {name: note}}]}\n");
  }

  /** The same by raw SQL, where an index is looked for by name only. */
  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "in a transaction|nothing there|runs|",
        "in a transaction|the same index|runs|" + SETUP,
        "in a transaction|the index INVALID|runs|" + SETUP + "@items_sku",
        "in a transaction|an index of that name over another column|runs|"
            + "CREATE TABLE items (id int, sku text, note text); CREATE INDEX items_sku ON items (note);",
        "concurrently|nothing there|runs|",
        "concurrently|the same index|runs|" + SETUP,
        "concurrently|the index INVALID|runs|" + SETUP + "@items_sku",
      })
  void rawSql(String how, String state, String verdict, String setup, @TempDir Path dir) {
    boolean concurrently = how.equals("concurrently");
    assertAgree(
        dir,
        "raw SQL " + how + ", " + state,
        verdict,
        setup,
        (concurrently ? "      runInTransaction: false\n" : "")
            + "      changes:\n"
            + "        - sql: {sql: \"CREATE INDEX "
            + (concurrently ? "CONCURRENTLY " : "")
            + "items_sku ON items (sku)\"}\n");
  }

  private static void assertAgree(
      Path dir, String state, String verdict, String setup, String changes) {
    Path changelog = Changelogs.write(dir, "c.yaml", TABLE + changes);
    String sql = setup;
    if (setup != null && setup.contains("@")) {
      String[] parts = setup.split("@");
      sql = parts[0] + INVALID.formatted(parts[1]);
    }
    OfflineParityTest.assertAgree(
        dir, changelog, OfflineParityTest.scriptOf(changelog), state, verdict, sql, null);
  }
}
