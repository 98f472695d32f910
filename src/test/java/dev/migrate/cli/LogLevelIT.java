package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/migrate sets up its logger on a second thread while picocli reads the command line; the
 * levels the command line asks for still hold in the process a user runs: {@code --debug} logs each
 * statement, the default logs none, and {@code -q} leaves stderr empty on success.
 */
class LogLevelIT {
  @TempDir Path dir;

  @Test
  void theLevelsTheCommandLineAsksForHold() throws IOException {
    TestDb db = new TestDb("log_levels");
    Files.writeString(
        dir.resolve("c.yaml"),
        """
        databaseChangeLog:
          - changeSet:
              id: one
              author: t
              changes:
                - createTable:
                    tableName: logged
                    columns: [{column: {name: id, type: int}}]
        """);
    BinMigrate migrate =
        new BinMigrate()
            .in(dir)
            .env("MIGRATE_URL", db.libpqUrl())
            .env("MIGRATE_CHANGELOG", "c.yaml")
            .env("MIGRATE_CACHE_DIR", "off");

    Cli.Result debug = migrate.run("--debug", "upgrade", "head");
    assertEquals(0, debug.code(), debug.toString());
    assertTrue(
        debug.err().lines().anyMatch(l -> l.startsWith("DEBUG ") && l.contains("CREATE TABLE")),
        debug.err());

    Cli.Result plain = migrate.run("current", "-v");
    assertEquals(0, plain.code(), plain.toString());
    assertFalse(plain.err().contains("DEBUG"), plain.err());

    Cli.Result quiet = migrate.run("-q", "upgrade", "head");
    assertEquals(0, quiet.code(), quiet.toString());
    assertEquals("", quiet.err());
  }
}
