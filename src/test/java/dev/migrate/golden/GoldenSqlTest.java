package dev.migrate.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code upgrade --sql}: each src/test/resources/golden/NAME.yaml is a small
 * changelog (one per change type, plus preconditions and runInTransaction: false), and NAME.sql
 * beside it is what {@code migrate upgrade --sql --changelog NAME.yaml} prints from that folder,
 * without a database. Any change to a script shows up here as a diff to review.
 *
 * <p>After an intended change, rewrite the .sql files and review the diff: {@code mvn test
 * -Dtest=GoldenSqlTest -Dgolden.update=true}. A file is rewritten only when more than the
 * run-dependent values differ, so an unchanged script keeps its bytes. The comparison runs before
 * the psql runs, so these then run the rewritten files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldenSqlTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /**
   * The revision row a script writes holds the deployment id (the time of the run, {@code
   * script-yyyyMMddHHmmss}) followed by the tool version (the build's), and the rows a stopped
   * script deletes again are named by that id: the only values that change from run to run or
   * release to release, so the only ones not compared.
   */
  private static final Pattern RUN_DEPENDENT = Pattern.compile("'script-\\d{14}', '[^']*'");

  private static final Pattern DEPLOYMENT = Pattern.compile("'script-\\d{14}'");

  /**
   * Golden scripts that psql cannot run twice yet, each with the product bug that stops it. A
   * listed script must still fail, so a fix is noticed and its line removed.
   */
  private static final Map<String, String> FAILS_UNDER_PSQL = Map.of();

  @TempDir Path dir;

  static Stream<String> changelogs() throws IOException {
    return names(".yaml").stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("changelogs")
  void scriptIsTheGoldenFile(String name) throws IOException {
    Cli.Result script =
        new Cli().in(DIR.toAbsolutePath()).run("upgrade", "--sql", "--changelog", name + ".yaml");
    assertEquals(0, script.code(), script.toString());
    assertEquals("", script.err(), "a golden changelog parses without warnings");
    Path golden = DIR.resolve(name + ".sql");
    if (UPDATE) {
      if (!Files.exists(golden)
          || !normalised(Files.readString(golden)).equals(normalised(script.out()))) {
        Files.writeString(golden, script.out());
        System.out.println("golden file rewritten: " + golden);
      }
      return;
    }
    assertTrue(
        Files.exists(golden),
        name + ".yaml has no " + golden + ": write it with -Dgolden.update=true");
    String expected = normalised(Files.readString(golden));
    String actual = normalised(script.out());
    assertEquals(
        expected,
        actual,
        golden
            + " differs "
            + firstDifference(expected, actual)
            + "\nAfter an intended change, rewrite it with -Dgolden.update=true and review the diff.");
  }

  @Order(2)
  @Test
  void everyGoldenScriptHasItsChangelog() throws IOException {
    for (String name : names(".sql")) {
      assertTrue(
          Files.exists(DIR.resolve(name + ".yaml")),
          DIR.resolve(name + ".sql") + " has no " + name + ".yaml: remove it");
    }
  }

  /**
   * The script as checked in, run twice with ON_ERROR_STOP on a fresh database: both runs succeed.
   */
  @Order(3)
  @ParameterizedTest(name = "{0}")
  @MethodSource("changelogs")
  void goldenScriptRunsTwiceUnderPsql(String name) throws IOException {
    Path golden = DIR.resolve(name + ".sql");
    assertTrue(Files.exists(golden), name + ".yaml has no " + golden);
    String script = Files.readString(golden);
    TestDb db = new TestDb("golden_" + name);
    Cli.Result first = Psql.run(db, dir, script);
    Cli.Result second =
        first.code() == 0 ? Psql.run(db, dir, script) : first; // no rerun after a failure
    String reason = FAILS_UNDER_PSQL.get(name);
    if (reason != null) {
      if (second.code() == 0) {
        fail(name + ".sql runs twice now: remove it from FAILS_UNDER_PSQL");
      }
      System.out.println("known product bug, " + name + ".sql skipped: " + reason);
      Assumptions.abort("known product bug: " + reason + "\n" + second.out());
    }
    assertEquals(0, first.code(), "psql run 1 of " + golden + ":\n" + first.out());
    assertEquals(0, second.code(), "psql run 2 of " + golden + ":\n" + second.out());
  }

  /** The golden folder's files with that extension, as names without it, sorted. */
  private static List<String> names(String extension) throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(extension))
          .map(f -> f.substring(0, f.length() - extension.length()))
          .sorted()
          .toList();
    }
  }

  private static String normalised(String script) {
    String rows = RUN_DEPENDENT.matcher(script).replaceAll("'script-<deployment>', '<version>'");
    return DEPLOYMENT.matcher(rows).replaceAll("'script-<deployment>'");
  }

  private static String firstDifference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "at line " + (i + 1) + ":\n  golden: " + a.get(i) + "\n  now:    " + b.get(i);
      }
    }
    return a.size() == b.size()
        ? "in line endings or the final newline"
        : "in length: " + a.size() + " lines in the golden file, " + b.size() + " now";
  }
}
