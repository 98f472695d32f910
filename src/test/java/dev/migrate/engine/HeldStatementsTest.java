package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structured steps of a changeset are sent with its revision row and COMMIT, in one round trip.
 * What a user sees stays as if each had been sent alone: a failure names the step whose statement
 * failed, nothing of the changeset stays, and the row's duration counts the steps' time.
 */
class HeldStatementsTest {
  @TempDir Path dir;

  // Three tables; the one at {@code failing} (1 to 3) has a type the server does not know, which
  // no guard looks for.
  private static String threeTables(int failing) {
    StringBuilder changes = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      changes.append(
          """
          - createTable:
              tableName: t%d
              columns:
                - column: {name: id, type: %s}
          """
              .formatted(i, i == failing ? "no_such_type" : "int"));
    }
    return Changelogs.changeset("c1", changes.toString());
  }

  @ParameterizedTest(name = "step {0} fails")
  @ValueSource(ints = {1, 2, 3})
  void aFailureNamesTheStepWhoseStatementFailed(int failing) throws Exception {
    TestDb db = new TestDb("held_step");
    Path file = Changelogs.write(dir, "changelog.yaml", threeTables(failing));
    Capture.Run run = upgrade(db, file);

    assertEquals(1, run.code(), run.everything());
    int line = stepLine(file, failing);
    assertTrue(
        run.everything().contains("changeset c1 (test) failed at changelog.yaml:" + line + ":"),
        run.everything());
    assertTrue(run.everything().contains(", step createTable:"), run.everything());
    assertTrue(run.everything().contains("type \"no_such_type\" does not exist"), run.everything());
    assertTrue(run.everything().contains("[SQLSTATE 42704]"), run.everything());
    assertTrue(
        run.everything().contains("SQL: CREATE TABLE public.t" + failing + " ("), run.everything());
    assertTrue(
        run.everything().contains("Rolled back: nothing of this changeset was applied"),
        run.everything());
    for (int i = 1; i <= 3; i++) {
      assertTrue(!db.tableExists("t" + i), "t" + i + " stayed: " + run.everything());
    }
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void theRowsDurationCountsTheStepsSentWithIt() {
    TestDb db = new TestDb("held_duration");
    // The column's default is computed for the one row there, and takes 0.4 s to compute.
    Path file =
        Changelogs.write(
            dir,
            "slow.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: c1
                  author: test
                  changes:
                    - createTable:
                        tableName: slow
                        columns:
                          - column: {name: id, type: int}
                    - insert:
                        tableName: slow
                        columns:
                          - column: {name: id, valueNumeric: 1}
              - changeSet:
                  id: c2
                  author: test
                  changes:
                    - addColumn:
                        tableName: slow
                        columns:
                          - column:
                              name: waited
                              type: int
                              defaultValueComputed: length(pg_sleep(0.4)::text)
            """);
    Capture.Run run = upgrade(db, file);
    assertEquals(0, run.code(), run.everything());
    long ms = Long.parseLong(db.one("SELECT duration_ms FROM migrate_revisions WHERE id = 'c2'"));
    assertTrue(ms >= 400, ms + " ms recorded: " + run.everything());
  }

  // The line of the failing createTable: its changes start on the changeset's fifth line.
  private static int stepLine(Path file, int step) throws java.io.IOException {
    List<String> lines = java.nio.file.Files.readAllLines(file);
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("- createTable:") && ++seen == step) {
        return i + 1;
      }
    }
    throw new AssertionError("no step " + step + " in " + lines);
  }

  private Capture.Run upgrade(TestDb db, Path file) {
    return Capture.run(dir, Map.of(), "upgrade", "--url", db.libpqUrl(), "--changelog", "" + file);
  }
}
