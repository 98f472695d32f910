package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rerun over a database ahead of its revision rows asks, of each step, whether a later change
 * superseded it. Where no later change concerns the object, the answer is no without the catalog: a
 * changeset that makes a table again and then works on it goes to the server in one round trip with
 * its commit, as on a fresh database. Asked first, the catalog could only answer about a table this
 * run touched by sending what the changeset had held so far, a round trip per changeset, which took
 * a third of a partial recovery's time with a server 5 ms away.
 */
class ReplayRoundTripsTest {
  @TempDir Path dir;

  // A flush: held statements sent alone, before a question whose answer is waited for.
  private static final Pattern FLUSH =
      Pattern.compile("held statement\\(s\\) sent$", Pattern.MULTILINE);

  // Steps after the createTable for which no savepoint is needed (StepSavepointTest): nothing later
  // drops, renames, makes a view or runs raw SQL.
  static Stream<Arguments> stepsAfterTheTableIsMade() {
    return Stream.of(
        Arguments.of(
            "addColumn",
            "- addColumn: {tableName: b, columns: [{column: {name: note, type: text}}]}"),
        Arguments.of(
            "addColumn of two",
            "- addColumn: {tableName: b, columns: [{column: {name: note, type: text}},"
                + " {column: {name: seen, type: int}}]}"),
        Arguments.of(
            "createIndex, then addColumn",
            "- createIndex: {tableName: b, indexName: ix_b_draft, columns: [{column: {name:"
                + " draft}}]}\n        - addColumn: {tableName: b, columns: [{column: {name: note,"
                + " type: text}}]}"),
        Arguments.of(
            "addForeignKeyConstraint",
            "- addForeignKeyConstraint: {baseTableName: b, baseColumnNames: id,"
                + " constraintName: fk_b_a, referencedTableName: a, referencedColumnNames: id}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stepsAfterTheTableIsMade")
  void aChangesetThatMakesATableAgainGoesWithItsCommit(String name, String step) {
    Path file =
        Changelogs.write(
            dir,
            "replay.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: a
                  author: t
                  changes:
                    - createTable:
                        tableName: a
                        columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]
              - changeSet:
                  id: b
                  author: t
                  changes:
                    - createTable:
                        tableName: b
                        columns:
                          - column: {name: id, type: int}
                          - column: {name: draft, type: text}
                    %s
              - changeSet:
                  id: c
                  author: t
                  changes:
                    - createTable: {tableName: c, columns: [{column: {name: id, type: int}}]}
            """
                .formatted(step));
    TestDb db = new TestDb("replay_trips");
    Capture.Run first = upgrade(db, file);
    assertEquals(0, first.code(), first.everything());
    List<String> schema = db.schemaFingerprint();
    // Rows lost, and the second changeset's table gone: a and c are found in place, b made again.
    db.execute("DELETE FROM migrate_revisions", "DROP TABLE b");

    Capture.Run rerun = upgrade(db, file);

    assertEquals(0, rerun.code(), rerun.everything());
    assertFalse(FLUSH.matcher(rerun.everything()).find(), rerun.everything());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(List.of("a|applied", "b|applied", "c|applied"), db.revisions());
  }

  private Capture.Run upgrade(TestDb db, Path file) {
    return Capture.run(
        dir, Map.of(), "--debug", "upgrade", "--url", db.libpqUrl(), "--changelog", "" + file);
  }
}
