package dev.migrate.corpus;

import static org.junit.jupiter.api.Assertions.fail;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.support.Changelogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every changeset's checksum, pinned in src/test/resources/checksums/NAME.tsv (example.tsv for the
 * repository's example, one file per corpus entry). A database records each changeset's checksum,
 * and a later run refuses to go on when it differs; so a change in how checksums are computed
 * strands every database migrated before it. Any difference here fails.
 *
 * <p>A pin may list, after the checksum, checksums recorded by earlier versions (space-separated):
 * each must still be accepted, so a database that recorded one upgrades without an "edited" error.
 *
 * <p>After an intended change, rewrite the pin files and review the diff: {@code mvn test
 * -Dtest=ChecksumPinTest -Dchecksums.update=true}. A corpus entry without a pin file is reported
 * and passes, so a new entry of entries.tsv needs no change here.
 */
class ChecksumPinTest {
  private static final Path PINS = Path.of("src/test/resources/checksums");
  private static final boolean UPDATE = Boolean.getBoolean("checksums.update");
  private static final String HEADER = "id\tauthor\tpath\tchecksum";

  @Test
  void exampleChecksumsArePinned() throws IOException {
    // Run from the repository root, as the README runs it.
    ParseOptions options =
        new ParseOptions(
            List.of(Path.of("").toAbsolutePath()), false, Map.of(), Map.of(), "public", null, null);
    check("example", ChangelogParser.parse(Changelogs.example().toString(), options), true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.migrate.corpus.CorpusCompatibilityTest#entries")
  void corpusChecksumsArePinned(CorpusEntry e) throws IOException {
    check(e.name(), ChangelogParser.parse(e.master(), options(e)), false);
  }

  /**
   * The options the corpus tests give the command line (CorpusCompatibilityTest.run): the entry's
   * folder as the search path, its -D properties, contexts and label filter. No environment, as the
   * in-process command line gets none: a variable of this machine must not change a checksum.
   */
  static ParseOptions options(CorpusEntry e) {
    Map<String, String> properties = new HashMap<>();
    String contexts = null;
    String labels = null;
    for (String arg : e.args()) {
      if (arg.startsWith("-D") && arg.contains("=")) {
        properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else if (arg.startsWith("--contexts=")) {
        contexts = arg.substring("--contexts=".length());
      } else if (arg.startsWith("--label-filter=")) {
        labels = arg.substring("--label-filter=".length());
      } else {
        fail(
            "entries.tsv gives "
                + e.name()
                + " the argument '"
                + arg
                + "', which this test does not pass to the parser yet");
      }
    }
    return new ParseOptions(
        List.of(e.directory()),
        false,
        Map.copyOf(properties),
        Map.of(),
        "public",
        contexts,
        labels);
  }

  private static void check(String name, Changelog changelog, boolean required) throws IOException {
    Map<String, String> current = new LinkedHashMap<>();
    Map<String, Changeset> changesets = new LinkedHashMap<>();
    for (Changeset c : changelog.changesets()) {
      current.put(row(c.id(), c.author(), c.path()), c.checksum());
      changesets.put(row(c.id(), c.author(), c.path()), c);
    }
    Path file = PINS.resolve(name + ".tsv");
    if (UPDATE) {
      Map<String, String> earlier = Files.exists(file) ? read(file) : Map.of();
      Map<String, String> pins = new LinkedHashMap<>();
      current.forEach(
          (changeset, checksum) -> {
            // Earlier checksums the changeset still accepts stay pinned after the new one.
            List<String> line = new ArrayList<>(List.of(checksum));
            for (String old : earlier.getOrDefault(changeset, "").split(" ")) {
              if (!old.isEmpty() && !line.contains(old) && changesets.get(changeset).accepts(old)) {
                line.add(old);
              }
            }
            pins.put(changeset, String.join(" ", line));
          });
      write(file, pins);
      return;
    }
    if (!Files.exists(file)) {
      if (required) {
        fail(file + " is missing: write it with -Dchecksums.update=true");
      }
      System.out.println(
          name + ": checksums not pinned (no " + file + "); write it with -Dchecksums.update=true");
      return;
    }
    Map<String, String> pinned = read(file);
    List<String> differences = new ArrayList<>();
    current.forEach(
        (changeset, checksum) -> {
          String line = pinned.get(changeset);
          String pin = line == null ? null : line.split(" ")[0];
          if (pin == null) {
            differences.add(describe(changeset) + ": not pinned, now " + checksum);
          } else if (!pin.equals(checksum)) {
            differences.add(describe(changeset) + ": pinned " + pin + ", now " + checksum);
          } else {
            for (String old : line.substring(pin.length()).strip().split(" ")) {
              if (!old.isEmpty() && !changesets.get(changeset).accepts(old)) {
                differences.add(
                    describe(changeset) + ": no longer accepts " + old + ", recorded earlier");
              }
            }
          }
        });
    pinned.forEach(
        (changeset, checksum) -> {
          if (!current.containsKey(changeset)) {
            differences.add(
                describe(changeset) + ": pinned " + checksum + ", no longer in the changelog");
          }
        });
    if (!differences.isEmpty()) {
      fail(
          name
              + ": "
              + differences.size()
              + " changeset checksum(s) differ from "
              + file
              + ":\n  "
              + String.join("\n  ", differences)
              + "\nDatabases that applied a changeset record its checksum and refuse to upgrade when it changes."
              + " If the change is intended, regenerate the pins with -Dchecksums.update=true and review the diff.");
    }
  }

  // A changeset's identity as a pin line starts: id, author, path; tab-separated like the file.
  private static String row(String id, String author, String path) {
    for (String field : List.of(id, author, path)) {
      if (field.contains("\t") || field.contains("\n")) {
        fail("'" + field + "' holds a tab or a line break, which a pin file cannot hold");
      }
    }
    return id + "\t" + author + "\t" + path;
  }

  private static String describe(String row) {
    String[] f = row.split("\t", -1);
    return "changeset " + f[2] + "::" + f[0] + "::" + f[1];
  }

  private static Map<String, String> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      fail(file + " must start with the line: " + HEADER.replace("\t", "<TAB>"));
    }
    Map<String, String> pins = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int last = line.lastIndexOf('\t');
      if (line.split("\t", -1).length != 4) {
        fail(file + ": not four tab-separated fields: " + line);
      }
      pins.put(line.substring(0, last), line.substring(last + 1));
    }
    return pins;
  }

  private static void write(Path file, Map<String, String> current) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    current.forEach(
        (changeset, checksum) -> text.append(changeset).append('\t').append(checksum).append('\n'));
    if (!Files.exists(file) || !Files.readString(file).contentEquals(text)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      System.out.println("checksum pins rewritten: " + file);
    }
  }
}
