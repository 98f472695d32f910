package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HALT precondition asks for an object that a later change drops. Liquibase halts on it, so where
 * the database went past its changeset it held when that ran: a rerun after lost revision rows goes
 * on, its steps guarded. One false for another reason (the object dropped by hand) still stops the
 * run.
 */
class PreconditionGoneSinceTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable:
                  tableName: kept
                  columns: [{column: {name: id, type: int}}, {column: {name: old, type: int}}]
        - changeSet:
            id: '2'
            author: a
            changes:
              - createTable:
                  tableName: archive
                  columns: [{column: {name: id, type: int}}, {column: {name: src, type: int}}]
              - createIndex: {tableName: archive, indexName: idx_archive_src, columns: [{column: {name: src}}]}
        - changeSet:
            id: '3'
            author: a
            preConditions:
              - and:
                  - tableExists: {tableName: archive}
                  - indexExists: {tableName: archive, indexName: idx_archive_src}
            changes:
              - sql: ANALYZE kept
        - changeSet:
            id: '4'
            author: a
            preConditions:
              - or:
                  - columnExists: {tableName: kept, columnName: old}
                  - tableExists: {tableName: nowhere}
            changes:
              - sql: ANALYZE kept
        - changeSet:
            id: '5'
            author: a
            preConditions:
              - tableExists: {tableName: handmade}
            changes:
              - sql: ANALYZE kept
        - changeSet:
            id: '6'
            author: a
            changes:
              - dropTable: {tableName: archive}
              - dropColumn: {tableName: kept, columnName: old}
      """;

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "--changelog", file.toString());
  }

  @Test
  void aPreconditionOnWhatALaterChangeDroppedDoesNotStopARerun() {
    // By upgrade, then by the --sql script made without a database, into which the questions
    // upgrade asks of the catalog are written.
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("gone_since");
      db.execute("CREATE TABLE handmade (id int)");
      assertEquals(0, upgrade(db, file).code());
      db.execute("DELETE FROM migrate_revisions");

      Cli.Result rerun = script ? Psql.script(db, dir, file) : upgrade(db, file);
      assertEquals(0, rerun.code(), rerun.toString());
      assertTrue(
          script
              || rerun
                  .err()
                  .contains(
                      "changeset 3 (a): its precondition is false, but table public.archive is"
                          + " absent, and a later change drops or renames it; its steps run,"
                          + " each guarded"),
          rerun.toString());
      assertTrue(
          script
              || rerun
                  .err()
                  .contains("changeset 4 (a): its precondition is false, but column old of"),
          rerun.toString());
      assertEquals(6, db.revisions().size(), db.revisions().toString());
      assertEquals(List.of("id:integer:false"), db.columns("kept"));
      assertFalse(db.tableExists("archive"));
    }
  }

  @Test
  void oneFalseForAnotherReasonStillStops() {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb db = new TestDb("gone_by_hand");
    db.execute("CREATE TABLE handmade (id int)");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions", "DROP TABLE handmade");

    Cli.Result rerun = upgrade(db, file);
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(
        rerun.err().contains("changeset 5 (a) failed")
            && rerun.err().contains("precondition failed: precondition tableExists"),
        rerun.toString());
    Cli.Result script = Psql.script(db, dir, file);
    assertEquals(3, script.code(), script.toString());
    assertTrue(script.out().contains("changelog.yaml::5::a"), script.out());
  }

  @Test
  void aCheckOverATableItsOwnChangesetDropsDoesNotStopARerun() throws Exception {
    // Its precondition reads a table that its own dropTable removed when it ran: on a rerun the
    // check fails (onError HALT), which upgrade and the script alike excuse once the database is
    // found ahead, and the changeset is recorded.
    Path file =
        Changelogs.write(
            dir,
            "checked.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: '1'
                  author: a
                  changes:
                    - createTable: {tableName: kind, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: '2'
                  author: a
                  changes:
                    - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: '3'
                  author: a
                  preConditions:
                    - onFail: CONTINUE
                    - sqlCheck: {expectedResult: 0, sql: SELECT count(*) FROM kind}
                  changes:
                    - DROP
            """);
    // The drop structured, then raw: the rule reads both.
    String template = Files.readString(file);
    for (String drop : List.of("sql: DROP TABLE kind", "dropTable: {tableName: kind}")) {
      Files.writeString(file, template.replace("- DROP", "- " + drop));
      for (boolean script : LostRows.BY_SCRIPT) {
        TestDb db = new TestDb("checked_since");
        LostRows.Rerun lost = LostRows.rerun(dir, file, db, script, d -> {});
        assertEquals(0, lost.result().code(), lost.how() + lost.result());
        assertTrue(
            script
                || lost.result()
                    .err()
                    .contains(
                        "changeset 3 (a): its precondition could not be checked, but a later"),
            lost.result().toString());
        assertEquals(
            List.of("1|applied", "2|applied", "3|applied"), db.revisions(), drop + lost.how());
        assertEquals(lost.schema(), db.schemaFingerprint(), lost.how());
      }
    }

    // Where the database is not found ahead nothing explains it (here the changeset that makes
    // the table was stamped, not run): the script stops there, as upgrade does.
    TestDb fresh = new TestDb("checked_first");
    assertEquals(0, Cli.on(fresh, file, "stamp", "1").code());
    Cli.Result first = Psql.script(fresh, dir, file);
    assertEquals(3, first.code(), first.toString());
    assertTrue(first.out().contains("relation \"kind\" does not exist"), first.out());
  }
}
