package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import org.junit.jupiter.api.Test;

/**
 * `mvn package` writes a class-data-sharing archive for the JVM bin/migrate finds, and bin/migrate
 * maps it: migrate's own classes and its libraries' then come from the archive, not from the jar,
 * picocli's too, though they are compiled for Java 5, which an archive written at a JVM's exit
 * leaves out.
 */
class ClassDataIT {
  @Test
  void binMigrateMapsTheArchiveThePackageWrote() {
    Cli.Result run =
        new BinMigrate().env("MIGRATE_JAVA_OPTS", "-Xlog:class+load=info").run("--version");

    assertEquals(0, run.code(), run.toString());
    for (String type : new String[] {"dev.migrate.cli.Main", "picocli.CommandLine"}) {
      assertTrue(
          run.out().contains(" " + type + " source: shared objects file"),
          run.out().lines().filter(l -> l.contains(" " + type + " ")).toList().toString());
    }
  }
}
