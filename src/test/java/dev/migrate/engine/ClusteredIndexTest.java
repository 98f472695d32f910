package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clustered: true} clusters the table on the index that createIndex or addPrimaryKey makes,
 * as Liquibase does on PostgreSQL; a rerun and {@code check} find a missing mark, and the script
 * clusters as it runs.
 */
class ClusteredIndexTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: 1
            author: a
            changes:
              - createTable: {tableName: visit, columns: [{column: {name: id, type: int}}, {column: {name: day, type: date}}]}
              - sql: INSERT INTO visit VALUES (1, '2024-03-01'), (2, '2024-01-01'), (3, '2024-02-01')
              - createIndex: {tableName: visit, indexName: visit_day, clustered: true, columns: [{column: {name: day}}]}
              - createTable: {tableName: stay, columns: [{column: {name: id, type: int, constraints: {nullable: false}}}]}
              - addPrimaryKey: {tableName: stay, columnNames: id, constraintName: stay_pk, clustered: true}
      """;

  private static final String MARKS =
      "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
          + " WHERE i.indisclustered ORDER BY 1";

  @Test
  void theTableIsClusteredOnItsIndexAndARerunRestoresTheMark() {
    Path file = Changelogs.write(dir, "clustered.yaml", CHANGELOG);
    TestDb db = new TestDb("clustered");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result up = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, up.code(), up.toString());
    assertEquals(List.of("stay_pk", "visit_day"), db.rows(MARKS));
    // CLUSTER wrote the rows in the index's order.
    assertEquals(List.of("2", "3", "1"), db.rows("SELECT id FROM visit"));
    assertEquals(0, migrate.run("check", "--changelog", file.toString()).code());

    // Marked by hand on another index, or not at all: check names it, and a rerun mends it.
    db.execute(
        "CREATE INDEX visit_id ON visit (id)",
        "ALTER TABLE visit CLUSTER ON visit_id",
        "ALTER TABLE stay SET WITHOUT CLUSTER");
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, check.code(), check.toString());
    assertTrue(check.out().contains("clustered public.visit on index visit_day"), check.out());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("clustered public.stay on index stay_pk"), again.out());
    assertEquals(List.of("stay_pk", "visit_day"), db.rows(MARKS));
    assertEquals(List.of("1", "2", "3"), db.rows("SELECT id FROM visit ORDER BY id"));
  }

  @Test
  void theScriptClustersAsItRuns() {
    Path file = Changelogs.write(dir, "clustered.yaml", CHANGELOG);
    TestDb db = new TestDb("clustered_script");
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    assertTrue(script.out().contains("CLUSTER public.visit USING visit_day"), script.out());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(List.of("stay_pk", "visit_day"), db.rows(MARKS));
  }

  @Test
  void anUnnamedClusteredIndexIsRefusedBeforeAnythingRuns() {
    Path file =
        Changelogs.write(dir, "unnamed.yaml", CHANGELOG.replace("indexName: visit_day, ", ""));
    TestDb db = new TestDb("clustered_unnamed");
    Cli.Result up =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(2, up.code(), up.toString());
    assertTrue(
        up.err().contains("createIndex: 'clustered' needs 'indexName'")
            && up.err().contains("unnamed.yaml:8:"),
        up.err());
    assertEquals(false, db.tableExists("visit"));
  }
}
