package dev.migrate.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs that both found a changeset pending (one of them lost its lock unseen, or ran beside the
 * other) cannot both apply it: the row is claimed before the changeset's first write, so the second
 * waits there for the first, finds the row taken, and undoes its work instead of writing the rows a
 * second time.
 */
class ClaimRaceTest {
  @TempDir Path dir;

  private static final String FIRST =
      Changelogs.changeset(
          "c1",
          """
          - createTable:
              tableName: seen
              columns:
                - column: {name: id, type: int}
          """);

  private static final String BOTH =
      FIRST
          + """
              - changeSet:
                  id: c2
                  author: test
                  changes:
                    - insert:
                        tableName: seen
                        columns:
                          - column: {name: id, valueNumeric: 1}
            """;

  @Test
  void aChangesetAnotherRunIsApplyingIsNotAppliedTwice() throws Exception {
    TestDb db = new TestDb("claim_race");
    Path file = Changelogs.write(dir, "changelog.yaml", FIRST);
    assertEquals(0, upgrade(db, file).code());
    Changelogs.write(dir, "changelog.yaml", BOTH);

    try (Connection other = db.server.connect(db.name);
        Statement s = other.createStatement()) {
      // The other run, mid-way: c2's row claimed and its row written, not committed yet.
      other.setAutoCommit(false);
      s.execute(
          "INSERT INTO migrate_revisions (id, author, filename, seq, checksum, status,"
              + " deployment_id, tool_version) SELECT 'c2', author, filename, seq + 1, checksum,"
              + " 'applied', 'the-other-run', tool_version FROM migrate_revisions WHERE id = 'c1'");
      s.execute("INSERT INTO seen VALUES (1)");

      CompletableFuture<Capture.Run> run = CompletableFuture.supplyAsync(() -> upgrade(db, file));
      // This run found c2 pending and waits on the other's claim.
      long until = System.nanoTime() + 30_000_000_000L;
      while (db.one("SELECT count(*) FROM pg_locks WHERE NOT granted").equals("0")) {
        assertTrue(System.nanoTime() < until, "no run waited: " + (run.isDone() ? run.get() : ""));
        Thread.sleep(20);
      }
      other.commit();

      Capture.Run result = run.get();
      assertEquals(1, result.code(), result.everything());
      assertTrue(
          result
              .everything()
              .contains(
                  "another run (deployment the-other-run) recorded this changeset while this"
                      + " run was applying it; this run's work on it is undone, so nothing is"
                      + " applied twice"),
          result.everything());
      assertTrue(
          result.everything().contains("Rolled back: nothing of this changeset was applied"),
          result.everything());
    }
    assertEquals(List.of("1"), db.rows("SELECT id FROM seen"));
    assertEquals(List.of("c1|applied", "c2|applied"), db.revisions());
    assertEquals(
        "the-other-run", db.one("SELECT deployment_id FROM migrate_revisions WHERE id = 'c2'"));
  }

  private Capture.Run upgrade(TestDb db, Path file) {
    return Capture.run(dir, Map.of(), "upgrade", "--url", db.libpqUrl(), "--changelog", "" + file);
  }
}
