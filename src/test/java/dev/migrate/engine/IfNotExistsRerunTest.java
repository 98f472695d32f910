package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw CREATE TABLE, SEQUENCE or INDEX … IF NOT EXISTS is passed over when a relation of its name
 * is there, as PostgreSQL passes over it: so it counts as found in place, and a changeset of such
 * statements whose HALT precondition ("the index is not there yet") fails on a rerun after lost
 * history is taken for one that ran before, as one of plain CREATE statements is.
 */
class IfNotExistsRerunTest {
  @TempDir Path dir;

  @Test
  void aHaltPreconditionOfAChangesetOfIfNotExistsStatementsFoundInPlaceDoesNotStopARerun() {
    Path file =
        Changelogs.write(
            dir,
            "ine.yaml",
            """
            databaseChangeLog:
              - changeSet: {id: 1, author: a, changes: [{createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}}]}
              - changeSet:
                  id: 2
                  author: a
                  preConditions: [{not: [{indexExists: {tableName: t, indexName: t_id_idx}}]}]
                  changes:
                    - sql: CREATE INDEX IF NOT EXISTS t_id_idx ON t USING btree (id)
                    - sql: CREATE TABLE IF NOT EXISTS u (id int)
                    - sql: CREATE SEQUENCE IF NOT EXISTS u_seq
            """);
    TestDb db = new TestDb("if_not_exists_rerun");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("public.t_id_idx exists"), again.out());
    assertTrue(again.out().contains("public.u exists"), again.out());
    assertTrue(again.out().contains("public.u_seq exists"), again.out());
    assertEquals(2, db.revisions().size(), db.revisions().toString());
  }
}
