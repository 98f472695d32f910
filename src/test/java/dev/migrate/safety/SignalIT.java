package dev.migrate.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGINT (Ctrl-C) and SIGTERM (a CI runner or container stopping) in the middle of a run, sent to
 * bin/migrate as a user's shell sends them: the changeset in flight is rolled back, the lock is
 * released, one line says what was done, the exit code is 130 / 143, and the next run converges.
 */
class SignalIT {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalRollsBackTheChangesetInFlightAndSaysWhatWasDone(String signal, int exitCode)
      throws Exception {
    TestDb db = new TestDb("signal");
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (int i = 1; i <= 3; i++) {
      yaml.append(
          """
            - changeSet:
                id: c%1$d
                author: a
                changes:
                  - createTable: {tableName: t%1$d, columns: [{column: {name: id, type: int}}]}
          """
              .formatted(i));
    }
    yaml.append(
        """
          - changeSet:
              id: slow
              author: a
              changes:
                - createTable: {tableName: slow, columns: [{column: {name: id, type: int}}]}
                - sql: SELECT pg_sleep(30)
          - changeSet:
              id: after
              author: a
              changes:
                - createTable: {tableName: after, columns: [{column: {name: id, type: int}}]}
        """);
    Path changelog = Changelogs.write(dir, "c.yaml", yaml.toString());

    Process run =
        new BinMigrate()
            .start("upgrade", "--url", db.libpqUrl(), "--changelog", changelog.toString());
    for (int i = 0; i < 600 && !"1".equals(sleeping(db)); i++) {
      Thread.sleep(25);
    }
    assertEquals("1", sleeping(db), "the slow changeset was seen running");
    new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
    Cli.Result result = BinMigrate.finish(run);

    assertEquals(exitCode, result.code(), result.toString());
    assertTrue(
        result
            .err()
            .contains(
                "interrupted: 3 changesets applied (last c3); slow was rolled back, nothing of it recorded;"
                    + " the lock is released"),
        result.err());
    assertEquals(List.of("c1|applied", "c2|applied", "c3|applied"), db.revisions());
    assertTrue(!db.tableExists("slow") && !db.tableExists("after"));
    assertEquals("0", db.one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    assertEquals("0", sleeping(db), "the statement in flight was cancelled, not left running");

    List<String> args =
        new ArrayList<>(
            List.of("upgrade", "--url", db.libpqUrl(), "--changelog", changelog.toString()));
    Changelogs.write(dir, "c.yaml", yaml.toString().replace("SELECT pg_sleep(30)", "SELECT 1"));
    Cli.Result rerun = new Cli().run(args.toArray(String[]::new));
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(
        List.of("c1|applied", "c2|applied", "c3|applied", "slow|applied", "after|applied"),
        db.revisions());
  }

  // The commit of the slow changeset goes ahead while the next is decided (CommitAhead): the signal
  // cancels it there, and it is that changeset that is rolled back and said so.
  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalWhileACommitIsAheadRollsBackThatChangeset(String signal, int exitCode)
      throws Exception {
    TestDb db = new TestDb("signal_ahead");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: c1
                  author: a
                  changes:
                    - createTable: {tableName: t1, columns: [{column: {name: id, type: int}}]}
                    - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 1}}]}
              - changeSet:
                  id: slow
                  author: a
                  changes:
                    - addColumn:
                        tableName: t1
                        columns:
                          - column: {name: waited, type: int, defaultValueComputed: "length(pg_sleep(30)::text)"}
              - changeSet:
                  id: after
                  author: a
                  changes:
                    - createTable: {tableName: after, columns: [{column: {name: id, type: int}}]}
            """);
    Process run =
        new BinMigrate()
            .start("upgrade", "--url", db.libpqUrl(), "--changelog", changelog.toString());
    String inCommit =
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND query LIKE 'ALTER TABLE%pg_sleep(30)%' AND state = 'active'";
    for (int i = 0; i < 600 && !"1".equals(db.one(inCommit)); i++) {
      Thread.sleep(25);
    }
    assertEquals("1", db.one(inCommit), "the slow changeset's commit was seen running");
    new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
    Cli.Result result = BinMigrate.finish(run);

    assertEquals(exitCode, result.code(), result.toString());
    assertTrue(
        result
            .err()
            .contains(
                "interrupted: 1 changeset applied (last c1); slow was rolled back, nothing of it recorded;"
                    + " the lock is released"),
        result.err());
    assertTrue(result.out().contains("applied  c1 (a)"), result.out());
    assertTrue(!result.out().contains("applied  slow"), result.out());
    assertEquals(List.of("c1|applied"), db.revisions());
    assertEquals(List.of("id:integer:false"), db.columns("t1"));
    assertTrue(!db.tableExists("after"));
    assertEquals("0", db.one(inCommit), "the statement in flight was cancelled, not left running");
    assertEquals("0", db.one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
  }

  private static String sleeping(TestDb db) {
    return db.one(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)' AND state = 'active'");
  }
}
