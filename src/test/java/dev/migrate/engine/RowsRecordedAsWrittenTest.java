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
 * Builds before 2026-12-05 recorded a YAML changeset under its id and author as written ({@code
 * 007}); Liquibase, and migrate now, read them by YAML's rules ({@code 7}). Such a row is still the
 * changeset's: nothing runs twice, and a command that writes gives the row the identity Liquibase
 * reads.
 */
class RowsRecordedAsWrittenTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
            databaseChangeLog:
              - changeSet:
                  id: '001'
                  author: a
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: 007
                  author: a
                  changes:
                    - sql: INSERT INTO t VALUES (7)
              - changeSet:
                  id: 1.10
                  author: 0x10
                  changes:
                    - sql: INSERT INTO t VALUES (110)
            """;

  // Upgraded, then the rows as a build before 2026-12-05 wrote them.
  private static TestDb upgradedByAnEarlierBuild(Path file, String name) {
    TestDb db = new TestDb(name);
    Cli.Result first = Cli.on(db, file, "upgrade");
    assertEquals(0, first.code(), first.toString());
    assertEquals(
        List.of("001|a", "7|a", "1.1|16"),
        db.rows("SELECT id || '|' || author FROM migrate_revisions ORDER BY seq"));
    db.execute(
        "UPDATE migrate_revisions SET id = '007' WHERE id = '7'",
        "UPDATE migrate_revisions SET id = '1.10', author = '0x10' WHERE id = '1.1'");
    return db;
  }

  @Test
  void aRowUnderTheIdAsWrittenIsTheChangesetsAndTakesTheIdLiquibaseReads() {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb db = upgradedByAnEarlierBuild(file, "as_written");

    Cli.Result current = Cli.on(db, file, "current");
    assertEquals(0, current.code(), current.toString());
    assertEquals("1.1 (head)", current.out().strip(), current.toString());
    Cli.Result check = Cli.on(db, file, "check");
    assertEquals(0, check.code(), check.toString());

    Cli.Result upgrade = Cli.on(db, file, "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(upgrade.out().contains("0 of 3 changesets pending"), upgrade.toString());
    assertTrue(upgrade.err().contains("::1.10::0x10 renamed "), upgrade.toString());
    assertTrue(
        upgrade
            .err()
            .contains(
                "revision row " + file + "::007::a renamed " + file + "::7::a: Liquibase reads"),
        upgrade.toString());
    assertEquals(List.of("7", "110"), db.rows("SELECT id FROM t ORDER BY id"));
    assertEquals(
        List.of("001|a", "7|a", "1.1|16"),
        db.rows("SELECT id || '|' || author FROM migrate_revisions ORDER BY seq"));
  }

  // A script made without a database runs every changeset it holds unless its row is there.
  @Test
  void theScriptRenamesSuchRowsBeforeItAsksForThem() {
    Path file = Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb db = upgradedByAnEarlierBuild(file, "as_written_script");
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(List.of("7", "110"), db.rows("SELECT id FROM t ORDER BY id"));
    assertEquals(
        List.of("001|a", "7|a", "1.1|16"),
        db.rows("SELECT id || '|' || author FROM migrate_revisions ORDER BY seq"));
  }

  // A quoted '007' and an unquoted 007 are two changesets; the row of the first is not the
  // second's.
  @Test
  void aWrittenIdThatIsAnotherChangesetsIsNotTaken() {
    Path file =
        Changelogs.write(
            dir,
            "changelog.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: '007'
                  author: a
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: 007
                  author: a
                  changes:
                    - createTable: {tableName: u, columns: [{column: {name: id, type: int}}]}
            """);
    TestDb db = new TestDb("as_written_clash");
    assertEquals(0, Cli.on(db, file, "upgrade").code());
    db.execute("DELETE FROM migrate_revisions WHERE id = '7'");

    Cli.Result current = Cli.on(db, file, "current");
    assertEquals("007 (1 pending)", current.out().strip(), current.toString());
    Cli.Result upgrade = Cli.on(db, file, "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals(
        List.of("007|a", "7|a"),
        db.rows("SELECT id || '|' || author FROM migrate_revisions ORDER BY id"));
  }
}
