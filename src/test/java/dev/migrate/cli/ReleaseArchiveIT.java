package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} makes for a release: unpacked anywhere, its bin/migrate runs the
 * jar beside it, and its example applies on an embedded server with nothing else installed.
 */
class ReleaseArchiveIT {
  @TempDir Path dir;

  @Test
  void theUnpackedArchiveRunsItsOwnExample() throws Exception {
    Path archive;
    try (var found = Files.list(Path.of("target"))) {
      archive =
          found
              .filter(p -> p.getFileName().toString().matches("migrate-.*-dist\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no release archive in target/"));
    }
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "-C", dir.toString())
            .inheritIO()
            .start();
    assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed");
    Path root;
    try (var unpacked = Files.list(dir)) {
      root = unpacked.findFirst().orElseThrow();
    }
    assertTrue(Files.isRegularFile(root.resolve("LICENSE")));
    assertTrue(Files.isRegularFile(root.resolve("docs/options.md")));
    assertTrue(Files.readString(root.resolve("man/man1/migrate.1")).startsWith(".TH MIGRATE 1 "));
    assertTrue(Files.readString(root.resolve("completion/migrate.bash")).contains("complete "));

    BinMigrate migrate = new BinMigrate(root.resolve("bin/migrate")).in(root);
    Cli.Result version = migrate.run("--version");
    assertEquals(0, version.code(), version.toString());
    assertTrue(version.out().startsWith("migrate "), version.out());

    Cli.Result upgrade =
        migrate.run(
            "--url",
            "embedded",
            "--changelog",
            "changelogs/examples/imports/changelog.yaml",
            "upgrade");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertTrue(upgrade.out().contains("Done: 2 changesets recorded"), upgrade.out());
    assertTrue(Files.isRegularFile(root.resolve(".migrate/pg/PG_VERSION")));
  }
}
