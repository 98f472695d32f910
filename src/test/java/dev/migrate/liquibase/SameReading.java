package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.liquibase.ParserDifferentialTest.Project;
import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;

/**
 * A project read by Liquibase 4.33 and by our reader gives the same changesets: each changeset
 * Liquibase parsed is written out by Liquibase's YAML serializer and read back by our YAML reader,
 * which must give what our reader made of the original file.
 */
final class SameReading {
  private SameReading() {}

  /**
   * Asserts that our reader finds the changesets Liquibase finds, under the same recorded paths,
   * with the same attributes and changes; {@code scratch} takes Liquibase's serialized copies.
   */
  static void assertSame(Project project, Path scratch) {
    assertSame(
        project,
        scratch,
        LiquibaseReading.changeSets(
            project.root(), project.master(), project.parameters(), project.contexts()));
  }

  /** The same, given the changesets Liquibase read from the project. */
  static void assertSame(Project project, Path scratch, List<ChangeSet> theirs) {
    ParseOptions options =
        new ParseOptions(
            List.of(project.root()),
            false,
            project.parameters(),
            Map.of(),
            "public",
            project.contexts(),
            null);
    List<Changeset> ours = ChangelogParser.parse(project.master(), options).changesets();
    // Two readers that find nothing agree too: Liquibase must have found changesets to compare.
    assertFalse(theirs.isEmpty(), project.name() + ": Liquibase found no changesets");
    assertEquals(
        theirs.stream()
            .map(c -> c.getFilePath() + "::" + c.getId() + "::" + c.getAuthor())
            .toList(),
        ours.stream().map(Changeset::key).toList(),
        "the changesets and their recorded paths");
    for (int i = 0; i < ours.size(); i++) {
      ChangeSet lb = theirs.get(i);
      Changeset our = ours.get(i);
      Path serialized = LiquibaseReading.asYamlFile(lb, scratch, i);
      Changeset reread =
          ChangelogParser.parse(
                  serialized.toString(),
                  ParseOptions.defaults(List.of(scratch, project.root()), false))
              .changesets()
              .get(0);
      Changeset undo =
          ChangelogParser.parse(
                  LiquibaseReading.rollbackAsYamlFile(lb, scratch, i).toString(),
                  ParseOptions.defaults(List.of(scratch, project.root()), false))
              .changesets()
              .get(0);
      Map<String, Object> expected = describe(lb, reread, undo);
      Map<String, Object> actual = describe(our);
      for (String fact : expected.keySet()) {
        if (expected.get(fact) instanceof List<?> want && actual.get(fact) instanceof List<?> got) {
          for (int n = 0; n < Math.min(want.size(), got.size()); n++) {
            assertEquals(want.get(n), got.get(n), our.key() + ": " + fact + " #" + (n + 1));
          }
        }
        assertEquals(expected.get(fact), actual.get(fact), our.key() + ": " + fact);
      }
    }
  }

  // What a changeset is, without where it is written.
  private static Map<String, Object> describe(ChangeSet lb, Changeset reread, Changeset undo) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("runInTransaction", lb.isRunInTransaction());
    facts.put("runOnChange", lb.isRunOnChange());
    facts.put("runAlways", lb.isAlwaysRun());
    facts.put("failOnError", lb.getFailOnError() == null || lb.getFailOnError());
    facts.put("comment", lb.getComments()); // Liquibase trims it
    facts.put(
        "validCheckSums",
        lb.getValidCheckSums().stream()
            .map(CheckSum::toString)
            .map(SameReading::checkSum)
            .sorted()
            .toList());
    facts.put("changes", changes(reread.steps()));
    facts.put("rollback", statements(undo.steps()));
    return facts;
  }

  private static Map<String, Object> describe(Changeset our) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("runInTransaction", our.runInTransaction());
    facts.put("runOnChange", our.runOnChange());
    facts.put("runAlways", our.runAlways());
    facts.put("failOnError", our.failOnError());
    facts.put("comment", our.comment() == null ? null : our.comment().strip());
    facts.put(
        "validCheckSums",
        our.validCheckSums().stream().map(SameReading::checkSum).sorted().toList());
    facts.put("changes", changes(our.steps()));
    facts.put("rollback", statements(our.rollback().steps()));
    return facts;
  }

  // Liquibase trims SQL text; a YAML block scalar keeps its last line break. Both run the same.
  // Liquibase reads 30 given for a number as 30.0; both mean the same default.
  private static List<String> changes(List<Step> steps) {
    return steps.stream()
        .map(Step::change)
        .map(SameReading::trimmed)
        .map(String::valueOf)
        .map(text -> text.replaceAll("(kind=NUMERIC, text=-?\\d+)\\.0\\b", "$1"))
        .toList();
  }

  // Liquibase splits a rollback given as SQL text into one change per statement when it reads it.
  private static List<String> statements(List<Step> steps) {
    List<String> statements = new ArrayList<>();
    for (Step step : steps) {
      if (step.change() instanceof Change.Sql sql) {
        SqlSplitter.split(sql.sql(), sql.endDelimiter(), sql.stripComments()).stream()
            .map(String::strip)
            .filter(text -> !text.isEmpty())
            .forEach(statements::add);
      } else {
        statements.addAll(changes(List.of(step)));
      }
    }
    return statements;
  }

  private static Change trimmed(Change change) {
    if (change instanceof Change.Sql sql) {
      return new Change.Sql(
          sql.sql().strip(), sql.splitStatements(), sql.stripComments(), sql.endDelimiter());
    }
    if (change instanceof Change.CreateProcedure procedure) {
      return new Change.CreateProcedure(procedure.procedureText().strip());
    }
    return change;
  }

  private static String checkSum(String text) {
    return text.trim().toUpperCase(Locale.ROOT).equals("ANY")
            || text.trim().equalsIgnoreCase("1:any")
        ? "ANY"
        : text.trim();
  }
}
