package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.liquibase.ParserDifferentialTest.Project;
import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value written in YAML or JSON as something other than plain text, where a single value is
 * wanted: an unquoted number, boolean or date of YAML 1.1 (1.10, 010, 0x1F, yes, 2020-01-02), a
 * mapping, a list. Liquibase 4.33 reads each through the Java object YAML makes of it; every form
 * in every place, a changeset's id among them, must read as Liquibase reads it, or be refused where
 * it refuses it.
 */
class YamlValuesDifferentialTest {
  @TempDir Path scratch;

  // Forms a YAML writer meets; the JSON ones are those JSON allows.
  private static final List<String> YAML_FORMS =
      List.of(
          "1.10",
          "2.00",
          "-0.50",
          "1e3",
          "1.5E-3",
          "+5",
          "010",
          "008",
          "0x1F",
          "0b101",
          "1_000",
          "1:30",
          ".inf",
          "yes",
          "Off",
          "TRUE",
          "2020-01-02",
          "2020-1-2",
          "2020-01-02 10:20:30",
          "2020-01-02T10:20:30.250Z",
          "2020-01-02 10:20:30 +02:00",
          "{}",
          "{k: v}",
          "[]",
          "[x]",
          "[x, 5, yes, ~]",
          "[[a, b], {k: v}, c]",
          "[[{k: v}], c]",
          "[{k: v}]",
          "!!str 1.10",
          "'1.10'");
  private static final List<String> JSON_FORMS =
      List.of(
          "1.10", "2.00", "1e3", "-0", "true", "{}", "{\"k\": \"v\"}", "[]", "[\"x\"]", "[1, 2]");

  // Where a single value is wanted: V stands for the form.
  private static final List<String> PLACES =
      List.of("id", "defaultValue", "remarks", "insert value", "indexName");

  @TestFactory
  Stream<DynamicTest> eachFormInEachPlaceReadsAsLiquibaseReadsIt() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String place : PLACES) {
      for (String form : YAML_FORMS) {
        tests.add(
            DynamicTest.dynamicTest(
                "yaml: " + place + ": " + form, () -> assertReadAlike(yaml(place, form), "yaml")));
      }
      for (String form : JSON_FORMS) {
        tests.add(
            DynamicTest.dynamicTest(
                "json: " + place + ": " + form, () -> assertReadAlike(json(place, form), "json")));
      }
    }
    return tests.stream();
  }

  // A key written straight under a changeSet: a change type is a change, at its place among the
  // changeSet's keys; another key holding a mapping Liquibase refuses; a plain value it ignores.
  private static final List<String> CHANGESET_KEYS =
      List.of(
          "createTable: {tableName: t0, columns: [{column: {name: c, type: text}}]}",
          "sql: SELECT 1",
          "sql: {sql: SELECT 2}",
          "tagDatabase: {tag: v1}",
          "colour: {a: b}",
          "colour: [{a: b}]",
          "colour: [[{a: b}]]",
          "colour: {}",
          "comment: {a: b}",
          "context: [{a: b}]");

  @TestFactory
  Stream<DynamicTest> eachKeyBesideTheChangesReadsAsLiquibaseReadsIt() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String key : CHANGESET_KEYS) {
      for (boolean before : List.of(true, false)) {
        String changes =
            """
                  changes:
                    - createTable: {tableName: t, columns: [{column: {name: c, type: text}}]}
            """;
        String beside = "      " + key + "\n";
        String text =
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
            """
                + (before ? beside + changes : changes + beside);
        tests.add(
            DynamicTest.dynamicTest(
                (before ? "before" : "after") + " the changes: " + key,
                () -> assertReadAlike(text, "yaml")));
      }
    }
    return tests.stream();
  }

  private static String yaml(String place, String form) {
    String id = place.equals("id") ? form : "1";
    String value = place.equals("id") ? "x" : form;
    String change =
        switch (place) {
          case "insert value" ->
              """
                  - insert:
                      tableName: t
                      columns:
                        - column:
                            name: c
                            value: %s
              """
                  .formatted(value);
          case "indexName" ->
              """
                  - createIndex:
                      tableName: t
                      indexName: %s
                      columns:
                        - column:
                            name: c
              """
                  .formatted(value);
          default ->
              """
                  - createTable:
                      tableName: t
                      %s
                      columns:
                        - column:
                            name: c
                            type: text
                            %s
              """
                  .formatted(
                      place.equals("remarks") ? "remarks: " + value : "",
                      place.equals("defaultValue") ? "defaultValue: " + value : "");
        };
    return """
        databaseChangeLog:
          - changeSet:
              id: %s
              author: a
              changes:
        %s"""
        .formatted(id, change.indent(4));
  }

  private static String json(String place, String form) {
    String id = place.equals("id") ? form : "\"1\"";
    String value = place.equals("id") ? "\"x\"" : form;
    String change =
        switch (place) {
          case "insert value" ->
              "{\"insert\": {\"tableName\": \"t\", \"columns\": [{\"column\": {\"name\": \"c\","
                  + " \"value\": "
                  + value
                  + "}}]}}";
          case "indexName" ->
              "{\"createIndex\": {\"tableName\": \"t\", \"indexName\": "
                  + value
                  + ", \"columns\": [{\"column\": {\"name\": \"c\"}}]}}";
          default ->
              "{\"createTable\": {\"tableName\": \"t\""
                  + (place.equals("remarks") ? ", \"remarks\": " + value : "")
                  + ", \"columns\": [{\"column\": {\"name\": \"c\", \"type\": \"text\""
                  + (place.equals("defaultValue") ? ", \"defaultValue\": " + value : "")
                  + "}}]}}";
        };
    return "{\"databaseChangeLog\": [{\"changeSet\": {\"id\": "
        + id
        + ", \"author\": \"a\", \"changes\": ["
        + change
        + "]}}]}";
  }

  private void assertReadAlike(String text, String extension) throws IOException {
    Path root = Files.createTempDirectory(scratch, "case");
    String master = "changelog." + extension;
    Files.writeString(root.resolve(master), text, StandardCharsets.UTF_8);
    List<ChangeSet> read = List.of();
    List<String> theirs;
    try {
      read = LiquibaseReading.changeSets(root, master, Map.of(), null);
      theirs = LiquibaseReading.refusals(root, read);
    } catch (IllegalStateException e) {
      theirs = List.of(e.getMessage());
    }
    String ours = null;
    try {
      ChangelogParser.parse(master, ParseOptions.defaults(List.of(root), false));
    } catch (MigrateException e) {
      ours = e.getMessage();
    }
    if (ours != null && theirs.isEmpty() && ours.endsWith("a changeSet needs 'id'")) {
      // A changeSet without an id, which Liquibase takes, is refused (docs/liquibase.md).
      return;
    }
    assertEquals(
        theirs.isEmpty() ? "takes it" : "refuses it",
        ours == null ? "takes it" : "refuses it",
        "Liquibase says " + theirs + "; we say " + ours + "\n" + text);
    if (ours != null) {
      assertTrue(ours.contains(master + ":"), "the refusal names the file and line: " + ours);
    } else {
      SameReading.assertSame(
          new Project(extension, root, master, Map.of(), null),
          Files.createTempDirectory(scratch, "read"),
          read);
    }
  }
}
