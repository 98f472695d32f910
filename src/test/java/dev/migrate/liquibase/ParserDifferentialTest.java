package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.support.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import liquibase.ChecksumVersion;
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
    SameReading.assertSame(project, scratch);
  }
}
