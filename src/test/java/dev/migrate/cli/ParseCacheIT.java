package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/migrate keeps the changelogs it read in MIGRATE_CACHE_DIR, and a kept changelog never hides
 * work: a changeset added to an included file after a run is applied by the next run, which read
 * the kept entry ahead.
 */
class ParseCacheIT {
  @TempDir Path dir;

  @Test
  void aChangesetAddedAfterAKeptRunIsApplied() throws IOException {
    TestDb db = new TestDb("parse_cache");
    Path cache = dir.resolve("cache");
    Files.writeString(
        dir.resolve("master.yaml"), "databaseChangeLog:\n  - include: {file: part.yaml}\n");
    Files.writeString(dir.resolve("part.yaml"), "databaseChangeLog:\n" + changeset("a"));
    BinMigrate migrate =
        new BinMigrate()
            .in(dir)
            .env("MIGRATE_URL", db.libpqUrl())
            .env("MIGRATE_CHANGELOG", "master.yaml")
            .env("MIGRATE_CACHE_DIR", cache.toString());

    assertOk(migrate.run("upgrade", "head"));
    assertEquals(1, entries(cache), "the run keeps what it read");
    assertOk(migrate.run("upgrade", "head"));

    Files.writeString(
        dir.resolve("part.yaml"), "databaseChangeLog:\n" + changeset("a") + changeset("b"));
    Cli.Result result = migrate.run("upgrade", "head");
    assertOk(result);
    assertTrue(result.out().contains("applied  b (t)"), result.out());
    assertEquals(List.of("a|applied", "b|applied"), db.revisions());
    assertTrue(db.tableExists("t_b"));
  }

  private static String changeset(String id) {
    return "  - changeSet:\n      id: "
        + id
        + "\n      author: t\n      changes:\n        - createTable:\n            tableName: t_"
        + id
        + "\n            columns: [{column: {name: id, type: int}}]\n";
  }

  private static long entries(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(file -> file.toString().endsWith(".bin")).count();
    }
  }

  private static void assertOk(Cli.Result result) {
    assertEquals(0, result.code(), result.toString());
  }
}
