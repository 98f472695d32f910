package dev.migrate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run {@code mvn package} watches to write the class-data archive bin/migrate maps: the
 * commands a user runs most, in one JVM, so the archive holds the classes of each (picocli's model,
 * the changelog readers, the driver, the pool, the guards). Without a server at build time, the
 * online commands run on an embedded one in a folder of its own, removed at the end; where it
 * cannot start, the archive still covers the offline script.
 *
 * <pre>java -cp migrate.jar dev.migrate.cli.ClassDataTraining CHANGELOG</pre>
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ClassDataTraining CHANGELOG");
      System.exit(2);
    }
    String changelog = args[0];
    Path folder = Files.createTempDirectory("migrate-class-data");
    try {
      train(
          changelog,
          EmbeddedServer.SCHEME + ":" + folder.resolve("pg"),
          Map.of("MIGRATE_CACHE_DIR", folder.resolve("cache").toString()));
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  // The second run of each command reads the changelog from the parse cache the first kept.
  private static void train(String changelog, String url, Map<String, String> environment) {
    List<List<String>> runs =
        List.of(
            List.of("--changelog", changelog, "upgrade", "--sql"),
            List.of("--url", url, "--changelog", changelog, "upgrade", "head"),
            List.of("--url", url, "--changelog", changelog, "upgrade", "head"),
            List.of("--url", url, "--changelog", changelog, "current", "-v"),
            List.of("--url", url, "--changelog", changelog, "check"),
            List.of("--url", url, "--changelog", changelog, "history"));
    int failed = 0;
    for (List<String> run : runs) {
      StringWriter out = new StringWriter();
      int code =
          Main.run(
              run.toArray(String[]::new),
              environment,
              Path.of("").toAbsolutePath(),
              new PrintWriter(out),
              new PrintWriter(out));
      if (code != 0) {
        failed++;
        System.err.println("training run " + run + " exited " + code + ":\n" + out);
      }
    }
    System.out.println(
        "class-data training: " + (runs.size() - failed) + " of " + runs.size() + " runs passed");
  }
}
