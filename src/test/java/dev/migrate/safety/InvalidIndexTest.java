package dev.migrate.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CREATE INDEX CONCURRENTLY that does not finish leaves an INVALID index, which IF NOT EXISTS
 * takes for done. Such an index is never recorded as applied: it is rebuilt on the next run, and
 * `check` reports one that an applied changeset left.
 */
class InvalidIndexTest {
  @TempDir Path dir;

  private Path changelog() {
    return Changelogs.write(
        dir,
        "c.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: table
              author: a
              changes:
                - sql: CREATE TABLE big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 1000) g
          - changeSet:
              id: index
              author: a
              runInTransaction: false
              changes:
                - sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_big_v ON big (v)
        """);
  }

  private static Cli.Result run(TestDb db, Path changelog, String... command) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(List.of("--url", db.libpqUrl(), "--changelog", changelog.toString()));
    return new Cli().run(args.toArray(String[]::new));
  }

  private static String valid(TestDb db) {
    return db.one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass");
  }

  @Test
  void aBuildCutShortIsNotRecordedAndTheNextRunRebuildsIt() throws Exception {
    TestDb db = new TestDb("cic_cut");
    Path changelog = changelog();
    // A transaction whose snapshot is older than the build: CREATE INDEX CONCURRENTLY waits for it
    // before it marks the index valid, so the fault lands while the index is there and INVALID,
    // however fast or loaded the machine.
    try (Connection old = db.server.connect(db.name);
        Statement holding = old.createStatement()) {
      old.setAutoCommit(false);
      old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      holding.execute("SELECT 1");
      CompletableFuture<Cli.Result> upgrade =
          CompletableFuture.supplyAsync(
              () -> run(db, changelog, "upgrade", "--lock-timeout", "60s"));
      String pid = null;
      for (int i = 0; i < 2000 && pid == null; i++) {
        pid =
            db.one(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND state = 'active'"
                    + " AND wait_event_type = 'Lock'");
        Thread.sleep(10);
      }
      assertTrue(pid != null, "the concurrent build was seen waiting for the older snapshot");
      db.execute("SELECT pg_terminate_backend(" + pid + ")");
      old.rollback();
      Cli.Result cut = upgrade.get(60, TimeUnit.SECONDS);
      assertEquals(1, cut.code(), cut.toString());
    }
    assertEquals(List.of("table|applied"), db.revisions());
    assertEquals("f", valid(db), "the cut build left an INVALID index");

    Cli.Result rerun = run(db, changelog, "upgrade");
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .out()
            .contains(
                "rebuilt  sql: ran 1 statement; invalid index public.ix_big_v dropped and built again"),
        rerun.out());
    assertEquals("t", valid(db));
    assertEquals(List.of("table|applied", "index|applied"), db.revisions());
  }

  @Test
  void anInvalidIndexIsRebuiltNotTakenForDoneAndCheckReportsOne() {
    TestDb db = new TestDb("cic_invalid");
    Path changelog = changelog();
    // The state a cut build leaves, made directly: the index exists, marked INVALID.
    db.execute(
        "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 1000) g",
        "CREATE INDEX ix_big_v ON big (v)",
        "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_big_v'::regclass");
    Cli.Result stamped = run(db, changelog, "stamp", "table");
    assertEquals(0, stamped.code(), stamped.toString());

    Cli.Result upgrade = run(db, changelog, "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals("t", valid(db));

    db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_big_v'::regclass");
    Cli.Result check = run(db, changelog, "check");
    assertEquals(3, check.code(), check.toString());
    assertTrue(
        check.out().contains("invalid   index (a) at ")
            && check.out().contains("sql: invalid index public.ix_big_v"),
        check.out());
  }
}
