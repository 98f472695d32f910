package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's tour, run as written: each {@code $ bin/migrate …} line of its transcripts runs on
 * one database, in order, and prints what the README shows (durations, times and the server's
 * address aside). A {@code <!-- tour: … -->} comment before a transcript sets the scene the prose
 * tells of: SQL, or a command whose output is not shown. A README that drifts from the tool fails.
 */
class ReadmeTourTest {
  private static final Pattern SETUP = Pattern.compile("<!-- tour: (.*?) -->");
  private static final String SHOWN_URL = "postgresql://localhost:55432/shop";

  @Test
  void theTourPrintsWhatTheReadmeShows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String tour = readme.substring(readme.indexOf("## A short tour"));
    tour = tour.substring(0, tour.indexOf("\n## ", 1));
    TestDb db = new TestDb("readme_tour");
    String shownAs = db.libpqUrl().replaceFirst("//[^@]*@", "//");
    int commands = 0;
    // Setup comments and transcripts, in the order the README has them.
    Matcher part =
        Pattern.compile(SETUP.pattern() + "|```\n(.*?)```", Pattern.DOTALL).matcher(tour);
    while (part.find()) {
      if (part.group(1) != null) {
        String setup = part.group(1);
        if (setup.startsWith("$ ")) {
          Cli.Result hidden = migrate(db, setup.substring(2));
          assertEquals(0, hidden.code(), setup + "\n" + hidden);
        } else {
          db.execute(setup);
        }
        continue;
      }
      List<String> lines = part.group(2).lines().toList();
      if (lines.stream().noneMatch(l -> l.startsWith("$ bin/migrate "))) {
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("$ ")) {
          continue;
        }
        List<String> expected = new ArrayList<>();
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("$ "); j++) {
          expected.add(lines.get(j));
        }
        if (line.startsWith("$ export MIGRATE_URL=")) {
          continue; // the test's own database stands in for it
        }
        Matcher psql = Pattern.compile("\\$ psql \\S+ -c '(.*)'").matcher(line);
        if (psql.matches()) {
          db.execute(psql.group(1));
          continue;
        }
        assertTrue(line.startsWith("$ bin/migrate "), "a tour line the test cannot run: " + line);
        Cli.Result run = migrate(db, line.substring(2));
        commands++;
        if (expected.isEmpty()) {
          assertEquals(0, run.code(), line + "\n" + run);
          continue;
        }
        List<String> actual = (run.out() + run.err()).replace(shownAs, SHOWN_URL).lines().toList();
        assertTrue(
            matches(expected, actual),
            line
                + "\nREADME shows:\n"
                + String.join("\n", expected)
                + "\nthe tool prints:\n"
                + String.join("\n", actual));
      }
    }
    assertTrue(commands >= 5, "the tour ran only " + commands + " commands");
  }

  private static Cli.Result migrate(TestDb db, String commandLine) {
    List<String> args = new ArrayList<>(List.of(commandLine.split(" +")));
    assertEquals("bin/migrate", args.remove(0), commandLine);
    return new Cli().env("MIGRATE_URL", db.libpqUrl()).run(args.toArray(String[]::new));
  }

  // Line for line, after normalising durations and times; a "..." line stands for any lines.
  private static boolean matches(List<String> expected, List<String> actual) {
    int a = 0;
    for (int e = 0; e < expected.size(); e++) {
      if (expected.get(e).strip().equals("...")) {
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

  private static String normal(String line) {
    return line.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", "TIME")
        .replaceAll(" +\\d+ ms", " N ms")
        .stripTrailing();
  }
}
