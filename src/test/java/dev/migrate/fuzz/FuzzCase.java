package dev.migrate.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated input: the changelog files (root first) written into an empty directory, the
 * mutation that made it, and the seed that makes it again.
 *
 * @param source where the valid changelog came from (generated:yaml, example, corpus:PATH)
 * @param mutation what was done to it
 * @param located whether an error must name file:line (false where no file holds the fault, as for
 *     a missing root changelog)
 * @param mustFail whether only exit 2 is right (bombs, external entities, cycles…)
 * @param expectedTable for a generated changelog whose table name was replaced: that name, which a
 *     successful run must create exactly (or as PostgreSQL truncates it); else null
 */
record FuzzCase(
    long seed,
    String source,
    String mutation,
    String root,
    Map<String, byte[]> files,
    boolean located,
    boolean mustFail,
    String expectedTable) {

  FuzzCase with(
      String newMutation, Map<String, byte[]> newFiles, boolean newLocated, boolean newMustFail) {
    return new FuzzCase(
        seed, source, newMutation, root, newFiles, newLocated, newMustFail, expectedTable);
  }

  static Map<String, byte[]> files(String root, String text) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(root, text.getBytes(StandardCharsets.UTF_8));
    return files;
  }

  void writeTo(Path dir) {
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a failure report shows: the seed, the mutation and every file (long ones cut, bytes
   * escaped).
   */
  String describe() {
    StringBuilder b = new StringBuilder();
    b.append("seed ")
        .append(seed)
        .append(" (rerun: -Dfuzz.seed=")
        .append(seed)
        .append(" -Dfuzz.inputs=1)\n");
    b.append("source ")
        .append(source)
        .append(", mutation ")
        .append(mutation)
        .append(", root ")
        .append(root)
        .append('\n');
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      byte[] bytes = file.getValue();
      b.append("=== ").append(file.getKey()).append(" (").append(bytes.length).append(" bytes)\n");
      String text = printable(bytes, 4000);
      b.append(text).append(text.endsWith("\n") ? "" : "\n");
    }
    return b.toString();
  }

  private static String printable(byte[] bytes, int limit) {
    StringBuilder b = new StringBuilder();
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length() && b.length() < limit; i++) {
      char c = text.charAt(i);
      if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\t')) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= limit) {
      b.append("\n… (").append(text.length() - limit).append(" more characters)");
    }
    return b.toString();
  }
}
