package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Step;
import dev.migrate.support.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import liquibase.ChecksumVersion;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reader against Liquibase 4.33's own parser, on every corpus project and on small changelogs
 * that use each XML element, JSON, formatted and plain SQL, and each path rule. Both must find the
 * same changesets, in the same order, under the same recorded path, with the same attributes; and
 * the changes must be the same: each changeset Liquibase parsed is written out by Liquibase's YAML
 * serializer and read back by our YAML reader, which must give what our reader made of the original
 * file.
 */
class ParserDifferentialTest {
  @TempDir Path scratch;

  /** A project: its root (the search path), master changelog, parameters and contexts. */
  record Project(
      String name, Path root, String master, Map<String, String> parameters, String contexts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Project> corpus() throws IOException {
    Path corpus = SharedCorpus.directory();
    List<Project> projects = new ArrayList<>();
    List<String> lines = Files.readAllLines(corpus.resolve("entries.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t", -1);
      Map<String, String> parameters = new HashMap<>();
      String contexts = null;
      for (String arg : fields[3].trim().isEmpty() ? new String[0] : fields[3].trim().split(" +")) {
        if (arg.startsWith("-D")) {
          int equals = arg.indexOf('=');
          parameters.put(arg.substring(2, equals), arg.substring(equals + 1));
        } else if (arg.startsWith("--contexts=")) {
          contexts = arg.substring("--contexts=".length());
        }
      }
      projects.add(
          new Project(fields[0], corpus.resolve(fields[0]), fields[2], parameters, contexts));
    }
    return projects.stream();
  }

  static Stream<Project> examples() {
    return ParserExamples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void readsEachCorpusProjectAsLiquibaseDoes(Project project) {
    assertSameReading(project);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void readsEachFormatAndPathRuleAsLiquibaseDoes(Project project) {
    assertSameReading(project);
  }

  @Test
  void oneChangesetWrittenInYamlXmlAndJsonHasOneChecksumHereAndInLiquibase() throws IOException {
    Map<String, String> files =
        Map.of(
            "same.yaml",
                """
            databaseChangeLog:
              - changeSet:
                  id: same
                  author: a
                  changes:
                    - createTable:
                        tableName: t
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true, nullable: false}}
                          - column: {name: n, type: varchar(10), defaultValue: x}
                    - sql: {sql: "UPDATE t SET n = 'y' WHERE id > 1", splitStatements: false}
                    - update: {tableName: t, columns: [{column: {name: n, value: z}}], where: id = 1}
            """,
            "same.xml",
                ParserExamples.xml(
                    "",
                    """
            <changeSet id="same" author="a">
              <createTable tableName="t">
                <column name="id" type="int"><constraints primaryKey="true" nullable="false"/></column>
                <column name="n" type="varchar(10)" defaultValue="x"/>
              </createTable>
              <sql splitStatements="false">
                UPDATE t SET n = 'y' WHERE id &gt; 1
              </sql>
              <update tableName="t"><column name="n" value="z"/><where>id = 1</where></update>
            </changeSet>
            """),
            "same.json",
                """
            {"databaseChangeLog": [{"changeSet": {"id": "same", "author": "a", "changes": [
              {"createTable": {"tableName": "t", "columns": [
                {"column": {"name": "id", "type": "int", "constraints": {"primaryKey": true, "nullable": false}}},
                {"column": {"name": "n", "type": "varchar(10)", "defaultValue": "x"}}]}},
              {"sql": {"sql": "UPDATE t SET n = 'y' WHERE id > 1", "splitStatements": false}},
              {"update": {"tableName": "t", "columns": [{"column": {"name": "n", "value": "z"}}], "where": "id = 1"}}]}}]}
            """);
    Map<String, String> ours = new HashMap<>();
    Map<String, String> theirs = new HashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(scratch.resolve(file.getKey()), file.getValue());
      ours.put(
          file.getKey(),
          ChangelogParser.parse(file.getKey(), ParseOptions.defaults(List.of(scratch), false))
              .changesets()
              .get(0)
              .checksum());
      theirs.put(
          file.getKey(),
          LiquibaseReading.changeSets(scratch, file.getKey(), Map.of(), null)
              .get(0)
              .generateCheckSum(ChecksumVersion.latest())
              .toString());
    }
    assertEquals(
        1,
        Set.copyOf(theirs.values()).size(),
        "Liquibase reads the three as one changeset: " + theirs);
    assertEquals(1, Set.copyOf(ours.values()).size(), "one checksum here too: " + ours);
  }

  private void assertSameReading(Project project) {
    List<ChangeSet> theirs =
        LiquibaseReading.changeSets(
            project.root(), project.master(), project.parameters(), project.contexts());
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
            .map(ParserDifferentialTest::checkSum)
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
        our.validCheckSums().stream().map(ParserDifferentialTest::checkSum).sorted().toList());
    facts.put("changes", changes(our.steps()));
    facts.put("rollback", statements(our.rollback().steps()));
    return facts;
  }

  // Liquibase trims SQL text; a YAML block scalar keeps its last line break. Both run the same.
  // Liquibase reads 30 given for a number as 30.0; both mean the same default.
  private static List<String> changes(List<Step> steps) {
    return steps.stream()
        .map(Step::change)
        .map(ParserDifferentialTest::trimmed)
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
