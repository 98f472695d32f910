package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.BinMigrate;
import dev.migrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mvn package` writes a class-data-sharing archive for the JVM bin/migrate finds, and bin/migrate
 * maps it: migrate's own classes and its libraries' then come from the archive, not from the jar,
 * picocli's too, though they are compiled for Java 5, which an archive written at a JVM's exit
 * leaves out.
 */
class ClassDataIT {
  @Test
  void binMigrateMapsTheArchiveThePackageWrote() {
    mapsTheArchive(new BinMigrate());
  }

  @Test
  void theArchiveIsFoundThroughLinksToTheScriptAndToTheJvm(@TempDir Path dir) throws IOException {
    // The script finds its folder, and names the JVM's archive after the JVM's home, with links
    // followed: run through a link, with JAVA_HOME a link to the JVM the package used, it maps
    // the same archive.
    Path script =
        Files.createSymbolicLink(dir.resolve("migrate"), Path.of("bin/migrate").toAbsolutePath());
    Path home =
        Files.createSymbolicLink(dir.resolve("jvm"), Path.of(System.getProperty("java.home")));
    mapsTheArchive(new BinMigrate(script).in(dir).env("JAVA_HOME", home.toString()));
  }

  private static void mapsTheArchive(BinMigrate migrate) {
    Cli.Result run = migrate.env("MIGRATE_JAVA_OPTS", "-Xlog:class+load=info").run("--version");

    assertEquals(0, run.code(), run.toString());
    for (String type : new String[] {"dev.migrate.cli.Main", "picocli.CommandLine"}) {
      assertTrue(
          run.out().contains(" " + type + " source: shared objects file"),
          run.out().lines().filter(l -> l.contains(" " + type + " ")).toList().toString());
    }
  }
}
