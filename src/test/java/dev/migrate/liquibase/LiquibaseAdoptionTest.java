package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database Liquibase migrated is adopted with {@code stamp --from-liquibase}: nothing reruns. */
class LiquibaseAdoptionTest {
  @TempDir Path dir;

  private static final String CHANGESETS =
      """
      databaseChangeLog:
        - changeSet:
            id: one
            author: a
            changes:
              - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
              - sql: INSERT INTO t VALUES (1)
        - changeSet:
            id: marked
            author: a
            preConditions: [{onFail: MARK_RAN}, {tableExists: {tableName: nowhere}}]
            changes:
              - sql: INSERT INTO t VALUES (99)
        - changeSet:
            id: two
            author: b
            changes:
              - addColumn: {tableName: t, columns: [{column: {name: note, type: text}}]}
      """;

  @Test
  void stampFromLiquibaseRecordsWhatLiquibaseRanAndNothingRunsAgain() throws Exception {
    Changelogs.write(dir, "changelog.yaml", CHANGESETS);
    TestDb db = new TestDb("adopt");
    LiquibaseRun.update(db, dir, "changelog.yaml");
    String before = SchemaDump.of(db);

    Cli.Result stamp =
        new Cli()
            .in(dir)
            .run(
                "stamp",
                "--from-liquibase",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "changelog.yaml");
    assertEquals(0, stamp.code(), stamp.toString());
    assertTrue(
        stamp
            .out()
            .endsWith(
                "Stamped from public.databasechangelog: 3 of its 3 rows matched changesets and were recorded;"
                    + " current revision two (head)\n"),
        stamp.out());
    assertEquals(List.of("one|stamped", "marked|mark_ran", "two|stamped"), db.revisions());

    Cli.Result upgrade =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(upgrade.out().contains("to head: 0 of 3 changesets pending"), upgrade.out());
    assertEquals(before, SchemaDump.of(db), "nothing ran again: no second row of data either");

    Changelogs.write(
        dir,
        "changelog.yaml",
        CHANGESETS
            + """
          - changeSet:
              id: three
              author: c
              changes:
                - createIndex: {tableName: t, indexName: ix_t_note, columns: [{column: {name: note}}]}
        """);
    Cli.Result next =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, next.code(), next.toString());
    assertTrue(next.out().contains("to head: 1 of 4 changesets pending"), next.out());
    assertEquals(
        List.of("one|stamped", "marked|mark_ran", "two|stamped", "three|applied"), db.revisions());
    assertEquals("1", db.one("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_t_note'"));
  }

  // Liquibase records the id YAML reads: an unquoted 1.10 as 1.1, 007 as 7, a date as Java prints
  // it. Read otherwise, the changesets would not be found in its table and their rows would be
  // inserted again.
  @Test
  void idsWrittenAsYamlNumbersOrDatesAreTheOnesLiquibaseRecorded() throws Exception {
    Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: 1.10
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                - sql: INSERT INTO t VALUES (1)
          - changeSet:
              id: 007
              author: a
              changes:
                - sql: INSERT INTO t VALUES (2)
          - changeSet:
              id: 2020-01-02
              author: a
              changes:
                - sql: INSERT INTO t VALUES (3)
        """);
    TestDb db = new TestDb("adopt_ids");
    LiquibaseRun.update(db, dir, "changelog.yaml");

    Cli.Result stamp =
        new Cli()
            .in(dir)
            .run(
                "stamp",
                "--from-liquibase",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "changelog.yaml");
    assertEquals(0, stamp.code(), stamp.toString());
    assertTrue(stamp.out().contains("3 of its 3 rows matched changesets"), stamp.out());
    assertTrue(
        stamp.err().contains("changelog.yaml:3:11: 'id' is read as '1.1'"), stamp.toString());
    assertEquals(
        db.rows("SELECT id FROM databasechangelog ORDER BY orderexecuted"),
        db.rows("SELECT id FROM migrate_revisions ORDER BY seq"));

    Cli.Result upgrade =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(upgrade.out().contains("to head: 0 of 3 changesets pending"), upgrade.out());
    assertEquals(List.of("1", "2", "3"), db.rows("SELECT id FROM t ORDER BY id"));
  }

  @Test
  void anUpgradeBeforeAdoptionSaysThatLiquibaseRanTheChangesets() throws Exception {
    Changelogs.write(dir, "changelog.yaml", CHANGESETS);
    TestDb db = new TestDb("adopt_late");
    LiquibaseRun.update(db, dir, "changelog.yaml");
    String before = SchemaDump.of(db);
    Cli.Result upgrade =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(
        upgrade
            .err()
            .contains(
                "warning: public.databasechangelog lists 3 changesets Liquibase ran, and migrate"
                    + " has recorded none: this run finds their effects in place one by one, as"
                    + " after lost history. `migrate stamp --from-liquibase` records them as"
                    + " applied without running anything."),
        upgrade.err());
    assertEquals(before, SchemaDump.of(db), "nothing ran again: no second row of data either");

    TestDb fresh = new TestDb("adopt_fresh");
    Cli.Result first =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", fresh.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, first.code(), first.toString());
    assertTrue(!first.err().contains("databasechangelog"), first.err());
  }

  @Test
  void withoutADatabasechangelogStampFromLiquibaseSaysSo() {
    TestDb db = new TestDb("adopt_none");
    Changelogs.write(dir, "changelog.yaml", CHANGESETS);
    Cli.Result stamp =
        new Cli()
            .in(dir)
            .run(
                "stamp",
                "--from-liquibase",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "changelog.yaml");
    assertEquals(1, stamp.code(), stamp.toString());
    assertEquals(
        "error: no Liquibase history table public.databasechangelog in this database; pass --liquibase-table if it has another name\n",
        stamp.err());
  }
}
