package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runOrder: a changeset marked last runs after every other, one marked first before every other, in
 * whichever file; the revision rows follow the order they ran in. Another value is refused before
 * anything runs.
 */
class RunOrderTest {
  @TempDir Path dir;

  @Test
  void firstAndLastRunBeforeAndAfterTheRest() {
    Changelogs.write(
        dir,
        "more.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: audit
              author: a
              runOrder: first
              changes:
                - createTable: {tableName: audit, columns: [{column: {name: id, type: int}}]}
          - changeSet:
              id: items
              author: a
              changes:
                - createTable: {tableName: items, columns: [{column: {name: id, type: int}}]}
        """);
    Path file =
        Changelogs.write(
            dir,
            "changelog.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: view
                  author: a
                  runOrder: last
                  changes:
                    - createView: {viewName: everything, selectQuery: "SELECT id FROM items UNION SELECT id FROM audit"}
              - include: {file: more.yaml, relativeToChangelogFile: true}
              - changeSet:
                  id: row
                  author: a
                  changes:
                    - insert: {tableName: audit, columns: [{column: {name: id, valueNumeric: 1}}]}
            """);
    TestDb db = new TestDb("run_order");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(
        List.of("audit", "items", "row", "view"),
        db.rows("SELECT id FROM migrate_revisions ORDER BY seq"));
    assertEquals("1", db.one("SELECT count(*) FROM everything"));
  }

  @Test
  void anotherValueIsRefusedBeforeAnythingRuns() {
    Path file =
        Changelogs.write(
            dir,
            "changelog.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: t
                  author: a
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: v
                  author: a
                  runOrder: Last
                  changes:
                    - sql: SELECT 1
            """);
    TestDb db = new TestDb("run_order_bad");
    Cli.Result run =
        new Cli().env("MIGRATE_URL", db.libpqUrl()).run("upgrade", "--changelog", file.toString());
    assertEquals(2, run.code(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "changelog.yaml:10:7: changeSet 'v': runOrder must be 'first' or"
                    + " 'last', not 'Last'"),
        run.err());
    assertTrue(!db.tableExists("t"));
  }
}
