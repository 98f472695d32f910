package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback that names another changeset undoes with that changeset's changes: downgrading a drop
 * makes the table again as the changeset that made it did. One that names a changeset not before it
 * is refused before anything runs, as Liquibase refuses it.
 */
class RollbackReuseTest {
  @TempDir Path dir;

  private Path changelog(String rollback) {
    return Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: make
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}, {column: {name: note, type: text}}]}
          - changeSet:
              id: drop
              author: a
              changes:
                - dropTable: {tableName: t}
              rollback:
        """
            + rollback.indent(8));
  }

  @Test
  void downgradeRunsTheChangesOfTheChangesetItNames() {
    Path file = changelog("changeSetId: make\nchangeSetAuthor: a");
    TestDb db = new TestDb("rollback_reuse");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    assertFalse(db.tableExists("t"));

    Cli.Result down = migrate.run("downgrade", "-1", "--changelog", file.toString());
    assertEquals(0, down.code(), down.toString());
    assertEquals(List.of("id:integer:false", "note:text:false"), db.columns("t"));
    assertEquals(List.of("make"), db.rows("SELECT id FROM migrate_revisions"));
  }

  @Test
  void aChangesetNotBeforeItIsRefused() {
    Path file = changelog("changeSetId: later\nchangeSetAuthor: a");
    TestDb db = new TestDb("rollback_reuse_missing");
    Cli.Result run =
        new Cli().env("MIGRATE_URL", db.libpqUrl()).run("upgrade", "--changelog", file.toString());
    assertEquals(2, run.code(), run.toString());
    assertTrue(
        run.err().contains("changelog.yaml:13:9: the rollback names changeset ")
            && run.err()
                .contains("changelog.yaml::later::a, which is not in the changelog before it"),
        run.err());
    assertFalse(db.tableExists("t"));
  }
}
