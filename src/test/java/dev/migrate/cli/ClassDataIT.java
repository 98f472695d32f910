package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import org.junit.jupiter.api.Test;

/**
 * `mvn package` writes a class-data-sharing archive for the JVM bin/migrate finds, and bin/migrate
 * maps it: migrate's own classes then come from the archive, not from the jar.
 */
class ClassDataIT {
  @Test
  void binMigrateMapsTheArchiveThePackageWrote() {
    Cli.Result run =
        new BinMigrate().env("MIGRATE_JAVA_OPTS", "-Xlog:class+load=info").run("--version");

    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out().contains("dev.migrate.cli.Main source: shared objects file (top)"),
        run.out().lines().filter(l -> l.contains("dev.migrate.cli.Main ")).toList().toString());
  }
}
