package dev.migrate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small changelogs for a test into a directory of its own. */
public final class Changelogs {
  private Changelogs() {}

  public static Path write(Path dir, String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A changelog of one changeset holding the given changes (YAML indented as list items). */
  public static String changeset(String id, String changes) {
    return "databaseChangeLog:\n  - changeSet:\n      id: "
        + id
        + "\n      author: test\n      changes:\n"
        + changes.stripIndent().lines().map(l -> "        " + l).reduce("", (a, b) -> a + b + "\n");
  }

  /** The repository's example changelog: the import and catalog tables. */
  public static Path example() {
    return Path.of("changelogs/examples/imports/changelog.yaml").toAbsolutePath();
  }
}
