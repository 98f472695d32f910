package dev.migrate.fuzz;

import dev.migrate.fuzz.GeneratedChangelog.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The valid changelogs mutations start from: the repository's example, small generated ones in each
 * format (some split over included files), and files of the shared corpus, read where they lie.
 */
final class ValidChangelogs {
  private static final Path EXAMPLE = Path.of("changelogs/examples/imports");
  private static final Path CORPUS = Path.of("..", "shared", "corpus");

  private final List<Path> corpus;
  private final Map<String, byte[]> example;

  ValidChangelogs() {
    this.corpus = corpusFiles();
    this.example = new LinkedHashMap<>();
    for (String name :
        List.of(
            "changelog.yaml", "0001_create_import_tables.yaml", "0002_add_catalog_tables.yaml")) {
      example.put(name, read(EXAMPLE.resolve(name)));
    }
  }

  int corpusSize() {
    return corpus.size();
  }

  FuzzCase pick(long seed, Random random) {
    int roll = random.nextInt(100);
    if (roll < 15) {
      return new FuzzCase(
          seed,
          "example",
          "none",
          "changelog.yaml",
          new LinkedHashMap<>(example),
          true,
          false,
          null);
    }
    if (roll < 45 && !corpus.isEmpty()) {
      Path file = corpus.get(random.nextInt(corpus.size()));
      String name = CORPUS.relativize(file).toString();
      return new FuzzCase(
          seed, "corpus:" + name, "none", name, single(name, read(file)), true, false, null);
    }
    return generated(seed, random, "fz" + Long.toHexString(seed & 0xffff));
  }

  /** A generated changelog: one file, or a root that includes one file per changeset. */
  static FuzzCase generated(long seed, Random random, String prefix) {
    GeneratedChangelog changelog = GeneratedChangelog.random(random, prefix);
    Format format = Format.values()[random.nextInt(Format.values().length)];
    if (format == Format.SQL || random.nextBoolean()) {
      String root = "changelog." + format.extension;
      return new FuzzCase(
          seed,
          "generated:" + format.extension,
          "none",
          root,
          FuzzCase.files(root, changelog.render(format)),
          true,
          false,
          null);
    }
    // Split: the root includes one child per changeset, each in a format of its own.
    Map<String, byte[]> files = new LinkedHashMap<>();
    String root = "changelog." + format.extension;
    files.put(root, new byte[0]);
    List<String> children = new java.util.ArrayList<>();
    for (GeneratedChangelog.Set set : changelog.changesets()) {
      Format childFormat = Format.values()[random.nextInt(Format.values().length)];
      String child = "changes/" + set.id() + "." + childFormat.extension;
      children.add(child);
      files.put(
          child,
          new GeneratedChangelog(List.of(set))
              .render(childFormat)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    files.put(
        root, Includes.root(format, children).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new FuzzCase(
        seed,
        "generated:" + format.extension + "+includes",
        "none",
        root,
        files,
        true,
        false,
        null);
  }

  private static Map<String, byte[]> single(String name, byte[] bytes) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name, bytes);
    return files;
  }

  private static List<Path> corpusFiles() {
    if (!Files.isDirectory(CORPUS)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|xml|json|sql)$"))
          .filter(p -> !p.getFileName().toString().equals("expected-schema.sql"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
