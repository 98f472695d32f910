package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The changeSet attributes that change what the next run does, and parameters, contexts, labels.
 */
class ChangesetAttributesTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - property: {name: greeting, value: hello}
        - changeSet:
            id: table
            author: a
            changes:
              - createTable: {tableName: log, columns: [{column: {name: msg, type: text}}]}
        - changeSet:
            id: every-run
            author: a
            runAlways: true
            changes:
              - sql: INSERT INTO log VALUES ('always')
        - changeSet:
            id: on-change
            author: a
            runOnChange: true
            changes:
              - sql: INSERT INTO log VALUES ('${greeting} ${who}')
        - changeSet:
            id: may-fail
            author: a
            failOnError: false
            changes:
              - sql: INSERT INTO nowhere VALUES (1)
        - changeSet:
            id: test-data
            author: a
            context: test
            changes:
              - sql: INSERT INTO log VALUES ('test context')
        - changeSet:
            id: labelled
            author: a
            labels: slow, nightly
            changes:
              - sql: INSERT INTO log VALUES ('slow label')
      """;

  private Cli.Result upgrade(TestDb db, String... extra) throws Exception {
    Path file = dir.resolve("c.yaml");
    if (!Files.exists(file)) {
      Changelogs.write(dir, "c.yaml", CHANGELOG);
    }
    List<String> args =
        new java.util.ArrayList<>(
            List.of("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString()));
    args.addAll(List.of(extra));
    return new Cli().run(args.toArray(String[]::new));
  }

  @Test
  void runAlwaysRunOnChangeFailOnErrorContextsLabelsAndProperties() throws Exception {
    TestDb db = new TestDb("attributes");
    Cli.Result first = upgrade(db, "-Dwho=world", "--contexts", "prod", "--label-filter", "!slow");
    assertEquals(0, first.code(), first.toString());
    assertTrue(
        first
            .err()
            .contains("failOnError is false: the run goes on; the changeset is not recorded"),
        first.err());
    assertEquals(List.of("always", "hello world"), db.rows("SELECT msg FROM log ORDER BY msg"));
    assertEquals(
        List.of("table|applied", "every-run|applied", "on-change|applied"), db.revisions());

    Cli.Result second = upgrade(db, "-Dwho=world", "--contexts", "prod", "--label-filter", "!slow");
    assertEquals(0, second.code(), second.toString());
    assertEquals(
        List.of("always", "always", "hello world"),
        db.rows("SELECT msg FROM log ORDER BY msg"),
        "runAlways ran again, runOnChange did not");

    Cli.Result changed = upgrade(db, "-Dwho=there", "--contexts", "test");
    assertEquals(0, changed.code(), changed.toString());
    assertEquals(
        List.of(
            "always",
            "always",
            "always",
            "hello there",
            "hello world",
            "slow label",
            "test context"),
        db.rows("SELECT msg FROM log ORDER BY msg"),
        "a new value of ${who} edits on-change, which runs again; test and labels now run");
  }

  @Test
  void aValidCheckSumOfAnyAcceptsAnEditedChangeset() throws Exception {
    TestDb db = new TestDb("validchecksum");
    Path file = Changelogs.write(dir, "v.yaml", Changelogs.changeset("v", "- sql: SELECT 1"));
    assertEquals(
        0, new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString()).code());
    Files.writeString(
        file,
        """
        databaseChangeLog:
          - changeSet:
              id: v
              author: test
              validCheckSum: ANY
              changes:
                - sql: SELECT 2
        """);
    Cli.Result result =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, result.code(), result.toString());
    assertTrue(result.out().contains("0 of 1 changesets pending"), result.out());
  }

  @Test
  void anEditedChangesetWithOnValidationFailMarkRanIsRecordedAndNotRun() throws Exception {
    String first =
        """
        databaseChangeLog:
          - changeSet:
              id: table
              author: a
              changes:
                - createTable: {tableName: log, columns: [{column: {name: msg, type: text}}]}
          - changeSet:
              id: seed
              author: a
              onValidationFail: MARK_RAN
              changes:
                - sql: INSERT INTO log VALUES ('first')
          - changeSet:
              id: strict
              author: a
              changes:
                - sql: INSERT INTO log VALUES ('strict')
        """;
    Path file = Changelogs.write(dir, "marked.yaml", first);
    TestDb db = new TestDb("on_validation_fail");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    String seedChecksum = db.one("SELECT checksum FROM migrate_revisions WHERE id = 'seed'");

    Files.writeString(file, first.replace("VALUES ('first')", "VALUES ('edited')"));
    Cli.Result marked = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, marked.code(), marked.toString());
    assertTrue(
        marked
            .out()
            .contains(
                "  marked   seed (a): not run, recorded as ran: edited since it ran;"
                    + " onValidationFail: MARK_RAN records its new checksum\n"),
        marked.out());
    assertEquals("mark_ran", db.one("SELECT status FROM migrate_revisions WHERE id = 'seed'"));
    assertTrue(
        !seedChecksum.equals(db.one("SELECT checksum FROM migrate_revisions WHERE id = 'seed'")));
    assertEquals(List.of("first", "strict"), db.rows("SELECT msg FROM log ORDER BY msg"));
    assertEquals(0, migrate.run("check", "--changelog", file.toString()).code());

    // Without it (HALT, the default), an edit stops the run as before.
    Files.writeString(
        file,
        first
            .replace("VALUES ('first')", "VALUES ('edited')")
            .replace("VALUES ('strict')", "VALUES ('changed')"));
    Cli.Result halted = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, halted.code(), halted.toString());
    assertTrue(halted.err().contains("::strict::a at "), halted.err());

    Files.writeString(file, first.replace("MARK_RAN", "mark_it"));
    Cli.Result wrong = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(2, wrong.code(), wrong.toString());
    assertTrue(
        wrong
            .err()
            .contains(
                "marked.yaml:10:7: changeSet 'seed': onValidationFail must be HALT or MARK_RAN, not 'mark_it'"),
        wrong.err());
  }

  @Test
  void aChangesetThatMayFailIsPassedOverByUpgradeAndByTheScript() {
    // failOnError: false, in a transaction: the failure rolls the whole changeset back (its first
    // row too), nothing of it is recorded, a warning says so, and the changesets after it run.
    Path file =
        Changelogs.write(
            dir,
            "may-fail.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: '1'
                  author: a
                  changes:
                    - createTable: {tableName: log, columns: [{column: {name: msg, type: text}}]}
              - changeSet:
                  id: '2'
                  author: a
                  failOnError: false
                  changes:
                    - sql: INSERT INTO log VALUES ('half')
                    - sql: INSERT INTO nowhere VALUES (1)
              - changeSet:
                  id: '3'
                  author: a
                  changes:
                    - sql: INSERT INTO log VALUES ('after')
            """);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("may_fail");
      for (int run = 0; run < 2; run++) {
        Cli.Result result = script ? Psql.script(db, dir, file) : Cli.on(db, file, "upgrade");
        String how = (script ? "script" : "upgrade") + ", run " + (run + 1) + ": ";
        assertEquals(0, result.code(), how + result);
        assertTrue(
            (result.out() + result.err())
                .contains("failOnError is false: the run goes on; the changeset is not recorded"),
            how + result);
        assertEquals(List.of("after"), db.rows("SELECT msg FROM log"), how);
        assertEquals(List.of("1|applied", "3|applied"), db.revisions(), how);
      }
    }
  }
}
