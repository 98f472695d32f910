package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transcripts of the README's tour and of the doc pages listed here, run as written: each
 * {@code $ bin/migrate …} line runs on the page's own database, in order, and must print what the
 * page shows (durations, times and the server's address aside; a {@code ...} line stands for any
 * lines, and a last line {@code exit N} for its exit status). {@code $ export} and {@code $ psql …
 * -c '…'} lines do what they say. A {@code <!-- setup: … -->} comment before a transcript sets the
 * scene the prose tells of: SQL, a command whose output is not shown, or {@code in a new folder}
 * (the commands after it run in an empty one), or {@code the next block is FILE} (the next fenced
 * block, of any language, is written to FILE there); {@code <!-- not run: why -->} leaves the next
 * one out, saying why. A page that drifts from the tool fails the build.
 */
class DocTranscriptsTest {
  private static final Pattern SETUP = Pattern.compile("<!-- setup: (.*?) -->");
  private static final Pattern BLOCK =
      Pattern.compile(SETUP.pattern() + "|```\n(.*?)```", Pattern.DOTALL);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "README.md, ## A short tour",
    "docs/commands/history.md, ''",
    "docs/commands/current.md, ''",
    "docs/commands/stamp.md, ''",
    "docs/commands/upgrade.md, ''",
    "docs/commands/downgrade.md, ''",
    "docs/commands/repair.md, ''",
    "docs/commands/init.md, ''",
    "docs/commands/check.md, ''",
    "docs/options.md, ''",
    "docs/recovering.md, ''",
    "docs/changelog.md, ''",
    "docs/change-types.md, ''"
  })
  void thePagePrintsWhatTheToolPrints(String page, String section) throws Exception {
    // The section up to the next of its level; a whole page when none is named.
    String text = Files.readString(Path.of(page));
    if (!section.isEmpty()) {
      text = text.substring(text.indexOf(section));
      int end = text.indexOf("\n## ", section.length());
      text = end < 0 ? text : text.substring(0, end);
    }
    Transcript transcript = new Transcript(new TestDb("doc_transcript"));
    // Fenced blocks without a language are transcripts; setup comments sit between them.
    List<String> block = null;
    boolean transcriptBlock = false;
    boolean skipNext = false;
    for (String line : text.lines().toList()) {
      if (line.startsWith("```")) {
        if (block == null) {
          block = new ArrayList<>();
          transcriptBlock = line.strip().equals("```") && !skipNext;
          skipNext = false;
        } else {
          if (transcript.file != null) {
            transcript.write(block);
          } else if (transcriptBlock
              && block.stream().anyMatch(l -> l.startsWith("$ bin/migrate "))) {
            transcript.run(block);
          }
          block = null;
        }
      } else if (block != null) {
        block.add(line);
      } else {
        Matcher setup = SETUP.matcher(line);
        if (setup.find()) {
          transcript.setup(setup.group(1));
        }
        // A transcript whose scene the test cannot set (an edited changelog, another session).
        skipNext |= line.startsWith("<!-- not run: ");
      }
    }
    assertTrue(transcript.commands >= 1, page + " ran only " + transcript.commands + " commands");
  }

  /** One page's state: its database, the variables its exports set, and what it has run. */
  private static final class Transcript {
    private final TestDb db;
    private final Map<String, String> env = new HashMap<>();
    private Path folder; // null: the repository's root, as the README runs
    private String file; // where the next block goes, as the page says
    int commands;

    Transcript(TestDb db) {
      this.db = db;
    }

    void setup(String setup) throws java.io.IOException {
      Matcher file = Pattern.compile("the next block is (\\S+)").matcher(setup);
      if (setup.equals("in a new folder")) {
        folder = Files.createTempDirectory("doc-transcript");
      } else if (file.matches()) {
        this.file = file.group(1);
      } else if (setup.startsWith("$ ")) {
        // On the page's database, whether or not the page has exported it yet.
        Map<String, String> shown = new HashMap<>(env);
        env.put("MIGRATE_URL", db.libpqUrl());
        Cli.Result hidden = migrate(setup.substring(2));
        env.clear();
        env.putAll(shown);
        assertEquals(0, hidden.code(), setup + "\n" + hidden);
      } else {
        db.execute(setup);
      }
    }

    // The block the page shows as a file, written where its commands run.
    void write(List<String> lines) throws java.io.IOException {
      if (folder == null) {
        folder = Files.createTempDirectory("doc-transcript");
      }
      Files.writeString(folder.resolve(file), String.join("\n", lines) + "\n");
      file = null;
    }

    void run(List<String> lines) {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("$ ")) {
          continue;
        }
        List<String> expected = new ArrayList<>();
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("$ "); j++) {
          expected.add(lines.get(j));
        }
        Matcher export = Pattern.compile("\\$ export (\\w+)=(\\S+)").matcher(line);
        if (export.matches()) {
          // The page's database stands in for the one it names.
          env.put(
              export.group(1),
              export.group(1).equals("MIGRATE_URL") ? db.libpqUrl() : export.group(2));
          continue;
        }
        if (line.startsWith("$ psql ")) {
          Matcher sql = Pattern.compile("-c '([^']*)'").matcher(line);
          while (sql.find()) {
            db.execute(sql.group(1));
          }
          continue;
        }
        assertTrue(
            line.startsWith("$ bin/migrate "), "a transcript line the test cannot run: " + line);
        Cli.Result run = migrate(line.substring(2));
        commands++;
        // A last line "exit N" is the command's exit status, as the pages show it.
        if (!expected.isEmpty() && expected.get(expected.size() - 1).matches("exit \\d+")) {
          String status = expected.remove(expected.size() - 1);
          assertEquals(status, "exit " + run.code(), line + "\n" + run);
          if (expected.isEmpty()) {
            continue;
          }
        }
        if (expected.isEmpty() || expected.size() == 1 && elided(expected.get(0))) {
          assertEquals(0, run.code(), line + "\n" + run);
          continue;
        }
        // Both streams in the order they were written, as a terminal shows them.
        List<String> actual = run.both().lines().toList();
        assertTrue(
            matches(expected, actual),
            line
                + "\nthe page shows:\n"
                + String.join("\n", expected)
                + "\nthe tool prints:\n"
                + String.join("\n", actual));
      }
    }

    private Cli.Result migrate(String commandLine) {
      List<String> args = new ArrayList<>(List.of(commandLine.split(" +")));
      assertEquals("bin/migrate", args.remove(0), commandLine);
      Cli cli = folder == null ? new Cli() : new Cli().in(folder);
      env.forEach(cli::env);
      return cli.run(args.toArray(String[]::new));
    }
  }

  // Line for line, after normalising durations and times; a "..." line stands for any lines.
  private static boolean matches(List<String> expected, List<String> actual) {
    int a = 0;
    for (int e = 0; e < expected.size(); e++) {
      if (elided(expected.get(e))) {
        if (e + 1 == expected.size()) {
          return true;
        }
        String next = normal(expected.get(e + 1));
        while (a < actual.size() && !normal(actual.get(a)).equals(next)) {
          a++;
        }
        continue;
      }
      if (a >= actual.size() || !normal(expected.get(e)).equals(normal(actual.get(a)))) {
        return false;
      }
      a++;
    }
    return a == actual.size();
  }

  private static boolean elided(String line) {
    return line.strip().equals("...") || line.strip().equals("…");
  }

  private static String normal(String line) {
    return line.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", "TIME")
        .replaceAll("postgresql://[^\\s)]*", "postgresql://DB")
        .replaceAll(" +\\d+ ms", " N ms")
        .replaceAll("\\d{8}T\\d{6}Z", "STAMP")
        .stripTrailing();
  }
}
