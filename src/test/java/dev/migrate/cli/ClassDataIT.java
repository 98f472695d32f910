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

  @Test
  void theJavaOnPathIsFoundThroughALinkAndTheRunStaysWhereItStarted(@TempDir Path dir)
      throws IOException {
    // Without JAVA_HOME the script runs the java on PATH, here in a folder reached through a link,
    // which it resolves by going there and back: the archive is mapped, and the JVM runs in the
    // folder the script was started in, where it reads the changelog by its relative name.
    Path home =
        Files.createSymbolicLink(dir.resolve("jvm"), Path.of(System.getProperty("java.home")));
    Path work = Files.createDirectory(dir.resolve("work"));
    Files.writeString(
        work.resolve("changelog.yaml"),
        """
        databaseChangeLog:
          - changeSet:
              id: "1"
              author: test
              changes:
                - createTable:
                    tableName: read_from_here
                    columns:
                      - column: {name: id, type: int}
        """);
    BinMigrate migrate =
        new BinMigrate()
            .in(work)
            .env("JAVA_HOME", "")
            .env("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));

    Cli.Result run = mapsTheArchive(migrate, "-c", "changelog.yaml", "upgrade", "--sql");

    assertTrue(run.out().contains("CREATE TABLE public.read_from_here"), run.out());
  }

  private static Cli.Result mapsTheArchive(BinMigrate migrate, String... args) {
    Cli.Result run =
        migrate
            .env("MIGRATE_JAVA_OPTS", "-Xlog:class+load=info")
            .run(args.length == 0 ? new String[] {"--version"} : args);

    assertEquals(0, run.code(), run.toString());
    for (String type : new String[] {"dev.migrate.cli.Main", "picocli.CommandLine"}) {
      assertTrue(
          run.out().contains(" " + type + " source: shared objects file"),
          run.out().lines().filter(l -> l.contains(" " + type + " ")).toList().toString());
    }
    return run;
  }
}
