package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL side stays in small classes, each about one family of objects or one question: no
 * file of the package over 300 lines. A file that grows past it is split by what it concerns.
 */
class FileSizeTest {
  @Test
  void noFileOfThePackageIsOver300Lines() throws IOException {
    List<String> over;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/migrate/postgres"))) {
      over =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> lines(f) > 300)
              .map(f -> f.getFileName() + " has " + lines(f) + " lines")
              .sorted()
              .toList();
    }
    assertEquals(List.of(), over);
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
