package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's changesets commit without waiting for their WAL to reach disk, and the run ends with one
 * commit that waits for all of it (docs/reliability.md).
 */
class DeferredFlushTest {
  @TempDir Path dir;

  @Test
  void changesetsCommitAsynchronouslyAndTheRunEndsWithOneFlush() {
    TestDb db = new TestDb("deferred_flush");
    Path file =
        Changelogs.write(
            dir,
            "flush.yaml",
            Changelogs.changeset(
                "seen",
                "- sql: CREATE TABLE seen AS SELECT current_setting('synchronous_commit') AS v"));
    Capture.Run run = upgrade(db, file);
    assertEquals(0, run.code(), run.everything());
    assertEquals("off", db.one("SELECT v FROM seen"));
    // The last statement of the run is the synchronous commit that flushes the rest.
    String log = run.everything();
    int flush = log.lastIndexOf("SET synchronous_commit = on; SELECT pg_catalog.txid_current()");
    assertTrue(flush > log.lastIndexOf("INSERT INTO"), log);
    // ... and it ran: a statement refused before it reached the server is logged the same way.
    assertFalse(log.contains("flushing commits:"), log);

    // A run that writes nothing has nothing to flush: no statement, no WAL written for it. (It
    // logs as the run above, whose log shows its statements; with nothing to do it sends none.)
    Capture.Run again = upgrade(db, file);
    assertEquals(0, again.code(), again.everything());
    assertFalse(again.everything().contains("DEBUG"), again.everything());
    assertFalse(again.everything().contains("txid_current"), again.everything());
  }

  private Capture.Run upgrade(TestDb db, Path file) {
    return Capture.run(
        dir, Map.of(), "--debug", "upgrade", "--url", db.libpqUrl(), "--changelog", "" + file);
  }
}
