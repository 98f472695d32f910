package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.liquibase.ChangeCases.Case;
import dev.migrate.liquibase.ChangeTexts.Format;
import dev.migrate.liquibase.ParserDifferentialTest.Project;
import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Liquibase 4.33 is lenient and where it is strict, found by asking it: every attribute of
 * every change type both readers know, written in YAML, JSON and XML, as its model types it and as
 * text in other spellings, left out when required, unknown, or as a list of one-key maps. Our
 * reader must take what Liquibase takes (reading the same changeset) and refuse what it refuses,
 * naming the file.
 */
class LeniencyDifferentialTest {
  @TempDir Path scratch;

  /**
   * Attributes Liquibase has that our reader ignores, with a warning (docs/liquibase.md, "How
   * values are read"). Catalogs have no meaning on PostgreSQL, and sqlStartLine, sqlEndLine and
   * ignoreOriginalSplitStatements are Liquibase's own bookkeeping; the rest are not built yet. An
   * attribute that goes unread and is not listed here fails the test.
   */
  static final Set<String> IGNORED =
      Set.of(
          "addForeignKeyConstraint.baseTableCatalogName",
          "addForeignKeyConstraint.referencedTableCatalogName",
          "addForeignKeyConstraint.referencesUniqueColumn",
          "addLookupTable.existingTableCatalogName",
          "addLookupTable.newTableCatalogName",
          "addPrimaryKey.forIndexCatalogName",
          "addPrimaryKey.forIndexName",
          "addPrimaryKey.forIndexSchemaName",
          "addPrimaryKey.validate",
          "addUniqueConstraint.disabled",
          "addUniqueConstraint.forIndexCatalogName",
          "addUniqueConstraint.forIndexName",
          "addUniqueConstraint.forIndexSchemaName",
          "addUniqueConstraint.validate",
          "changeSet.runWith",
          "changeSet.runWithSpoolFile",
          "alterSequence.ordered",
          "createIndex.associatedWith",
          "createProcedure.comment",
          "createTable.rowDependencies",
          "dropForeignKeyConstraint.baseTableCatalogName",
          "dropAllForeignKeyConstraints.baseTableCatalogName",
          "dropUniqueConstraint.uniqueColumns",
          "sql.ignoreOriginalSplitStatements",
          "sql.sqlEndLine",
          "sql.sqlStartLine",
          "sqlFile.ignoreOriginalSplitStatements",
          "tagDatabase.keepTagOnRollback");

  // The attributes of a column (and of its constraints) that a change ignores, with a warning. One
  // column model serves every change in Liquibase, so most are attributes with no meaning for that
  // change (a default on an insert, a type on a dropColumn); docs/liquibase.md lists the others.
  private static final String DATA_ONLY =
      "autoIncrement computed defaultOnNull defaultValue defaultValueBoolean defaultValueComputed"
          + " defaultValueConstraintName defaultValueDate defaultValueNumeric"
          + " defaultValueSequenceNext descending encoding generationType included incrementBy"
          + " remarks startWith";
  private static final String VALUES =
      " value valueBlobFile valueBoolean valueClobFile valueComputed valueDate valueNumeric"
          + " valueSequenceCurrent valueSequenceNext";
  private static final String DEFINITION =
      "computed defaultValueConstraintName descending encoding included valueBlobFile valueClobFile"
          + " valueSequenceCurrent";
  private static final String CONSTRAINTS =
      "checkConstraint notNullConstraintName referencedTableCatalogName"
          + " validateNullable validatePrimaryKey validateUnique";
  static final Map<String, Set<String>> COLUMN_IGNORED =
      Map.of(
          "createTable.column", words(DEFINITION),
          "addColumn.column", words(DEFINITION),
          "createTable.constraints", words(CONSTRAINTS),
          "addColumn.constraints", words(CONSTRAINTS),
          "insert.column", words(DATA_ONLY.replace(" encoding", "") + " valueSequenceCurrent"),
          "update.column", words(DATA_ONLY.replace(" encoding", "") + " valueSequenceCurrent"),
          "createIndex.column",
              words(
                  DATA_ONLY.replace(" descending", "")
                      + VALUES
                      + " afterColumn beforeColumn position"),
          "dropColumn.column", words(DATA_ONLY + VALUES),
          "loadData.column", words(DATA_ONLY + VALUES + " allowUpdate nullPlaceholder"),
          "loadUpdateData.column", words(DATA_ONLY + VALUES + " allowUpdate nullPlaceholder"));

  private static Set<String> words(String list) {
    return Set.of(list.trim().split(" +"));
  }

  private static final Pattern UNREAD = Pattern.compile("unknown attribute '(\\w+)' on (.*) is");

  private static boolean ignored(String type, String attribute) {
    int dot = attribute.indexOf('.');
    return dot > 0
        ? COLUMN_IGNORED
            .getOrDefault(type + "." + attribute.substring(0, dot), Set.of())
            .contains(attribute.substring(dot + 1))
        : attribute.equals("catalogName") || IGNORED.contains(type + "." + attribute);
  }

  @TestFactory
  Stream<DynamicTest> eachAttributeOfEachChangeTypeIsTakenOrRefusedAsLiquibaseDoes() {
    List<DynamicTest> tests = new ArrayList<>();
    List<Case> cases = new ArrayList<>(ChangeCases.changeSetCases());
    for (String type : ChangelogParser.changeTypes().stream().sorted().toList()) {
      cases.addAll(ChangeCases.of(type));
    }
    {
      for (Case c : cases) {
        for (Format format : Format.values()) {
          if (format == Format.XML && c.oneKeyMaps()) {
            continue; // XML has no such form
          }
          tests.add(
              DynamicTest.dynamicTest(
                  format.name().toLowerCase(Locale.ROOT) + ": " + c,
                  () -> assertReadAlike(c, format)));
        }
      }
    }
    return tests.stream();
  }

  private void assertReadAlike(Case c, Format format) throws IOException {
    Path root = Files.createTempDirectory(scratch, "case");
    String master = ChangeTexts.write(c, format, root);
    // Liquibase reads the changelog once; its changesets serve both its refusals and the
    // comparison.
    List<ChangeSet> read = List.of();
    List<String> theirs;
    try {
      read = LiquibaseReading.changeSets(root, master, Map.of(), null);
      theirs = LiquibaseReading.refusals(root, read);
    } catch (IllegalStateException e) {
      theirs = List.of(e.getMessage());
    }
    String ours = null;
    List<String> warnings = List.of();
    try {
      warnings =
          ChangelogParser.parse(master, ParseOptions.defaults(List.of(root), false)).warnings();
    } catch (MigrateException e) {
      ours = e.getMessage();
    }
    String text = format + ": " + c + "\n" + ChangeTexts.text(c, format);
    if (c.subject() == null) {
      assertTrue(theirs.isEmpty(), "Liquibase takes the plain case: " + theirs + "\n" + text);
    }
    for (String warning : warnings) {
      Matcher unread = UNREAD.matcher(warning);
      if (unread.find() && !unread.group(1).equals("colour")) {
        String owner =
            unread.group(2).startsWith("the constraints")
                ? "constraints."
                : unread.group(2).equals(c.type()) ? "" : "column.";
        boolean listed =
            unread.group(2).startsWith("changeSet")
                ? IGNORED.contains("changeSet." + unread.group(1))
                : ignored(c.type(), owner + unread.group(1));
        assertTrue(listed, "an attribute Liquibase has goes unread: " + warning + "\n" + text);
      }
    }
    if (!theirs.isEmpty() && ours == null && allowedToTake(c, format)) {
      return;
    }
    if (theirs.isEmpty() && ours != null && allowedToRefuse(c, format)) {
      return;
    }
    assertEquals(
        theirs.isEmpty() ? "takes it" : "refuses it: " + theirs,
        ours == null ? "takes it" : "refuses it: " + theirs,
        "we say " + (ours == null ? "nothing" : ours) + "\n" + text);
    if (ours != null) {
      assertTrue(
          ours.contains(master + ":"),
          "the refusal names the file and line: " + ours + "\n" + text);
    } else if (read.isEmpty()) {
      // Left out on PostgreSQL (dbms) or by ignore: here too.
      assertEquals(
          List.of(),
          ChangelogParser.parse(master, ParseOptions.defaults(List.of(root), false)).changesets(),
          text);
    } else {
      SameReading.assertSame(
          new Project(c.name(), root, master, Map.of(), null),
          Files.createTempDirectory(scratch, "read"),
          read);
    }
  }

  /**
   * What Liquibase refuses and we take, with a warning (docs/liquibase.md): an attribute we do not
   * read (sqlStartLine and sqlEndLine among them), whose value Liquibase refuses when it is not of
   * its type; in XML, an attribute the schema does not have, and {@code comment} written as an
   * attribute where the schema wants an element; the placement of a column addColumn adds
   * (afterColumn, beforeColumn, position), which Liquibase refuses on PostgreSQL and migrate
   * ignores, appending the column.
   */
  private static boolean allowedToTake(Case c, Format format) {
    String subject = c.subject() == null ? "" : c.subject();
    return (format == Format.XML && (subject.equals("colour") || subject.equals("comment")))
        || ignored(c.type(), subject)
        || (c.type().equals("addColumn")
            && subject.matches("column\\.(afterColumn|beforeColumn|position)"));
  }

  /**
   * What Liquibase takes and we refuse (docs/liquibase.md): a changeSet with no id or author in
   * YAML or JSON, which could not be told apart from another in the revision table; a mergeColumns
   * without joinString in YAML or JSON, which Liquibase joins with the text 'null' (its XML schema
   * requires it).
   */
  private static boolean allowedToRefuse(Case c, Format format) {
    return c.subject() != null
        && (List.of("changeSet.id", "changeSet.author").contains(c.subject())
            || (c.type().equals("mergeColumns") && c.subject().equals("joinString")));
  }
}
