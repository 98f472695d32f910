package dev.migrate.changelog;

import static dev.migrate.support.Changelogs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Column;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import dev.migrate.model.ReferentialAction;
import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogParserTest {
  @TempDir Path dir;

  private Changelog parse(Path file) {
    return ChangelogParser.parse(file.toString(), List.of(dir), false);
  }

  private MigrateException invalid(Path file, boolean strict) {
    MigrateException e =
        assertThrows(
            MigrateException.class,
            () -> ChangelogParser.parse(file.toString(), List.of(dir), strict));
    assertEquals(MigrateException.INVALID, e.exitCode());
    return e;
  }

  @Test
  void readsTheExampleChangelogWithIncludesInPlace() {
    Changelog changelog =
        ChangelogParser.parse("changelogs/examples/imports/changelog.yaml", List.of(), true);
    assertEquals(
        List.of("0001_create_import_tables", "0002_add_catalog_tables"),
        changelog.changesets().stream().map(Changeset::id).toList());
    Changeset first = changelog.changesets().get(0);
    assertEquals("changelogs/examples/imports/0001_create_import_tables.yaml", first.path());
    assertEquals(
        List.of("createEnumType", "createTable", "createTable", "createIndex"),
        first.steps().stream().map(s -> s.change().changeType()).toList());
    Change.CreateTable rows = (Change.CreateTable) first.steps().get(2).change();
    var fk = rows.columns().get(1).constraints().foreignKey();
    assertEquals("import_batches", fk.referencedTableName());
    assertEquals(List.of("id"), fk.referencedColumnNames());
    assertEquals(ReferentialAction.CASCADE, fk.onDelete());
    assertTrue(changelog.warnings().isEmpty(), changelog.warnings().toString());
  }

  @Test
  void unknownChangeTypeIsAnErrorNamingFileLineAndChangeset() {
    Path file =
        write(
            dir,
            "bad.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createTabel:
            tableName: t
        """));
    MigrateException e = invalid(file, false);
    assertEquals(
        "bad.yaml:6:11: unknown change type 'createTabel'. Check the spelling and capitalization;"
            + " docs/change-types.md lists every supported type (in changeset 'c1' by test)",
        e.getMessage());
  }

  @Test
  void anIdentityTakesItsGenerationAndSequenceOptionsAndRefusesOtherWords() {
    Path file =
        write(
            dir,
            "identity.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createTable:
            tableName: t
            columns:
              - column: {name: id, type: int, autoIncrement: true, generationType: always, startWith: 10, incrementBy: 2}
              - column: {name: n, type: int, startWith: 5}
        """));
    Changelog changelog = parse(file);
    Change.CreateTable t =
        (Change.CreateTable) changelog.changesets().get(0).steps().get(0).change();
    assertEquals(new Column.Identity(true, "10", "2"), t.columns().get(0).identity());
    assertEquals(null, t.columns().get(1).identity());
    assertEquals(
        List.of(
            "identity.yaml:10:25: generationType, startWith and incrementBy of column 'n' mean"
                + " nothing without autoIncrement: true, and are ignored"),
        changelog.warnings());
    Path bad =
        write(
            dir,
            "sometimes.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createTable:
            tableName: t
            columns:
              - column: {name: id, type: int, autoIncrement: true, generationType: sometimes}
        """));
    assertEquals(
        "sometimes.yaml:9:68: generationType of column 'id' must be ALWAYS or BY DEFAULT, not"
            + " 'sometimes' (the words of PostgreSQL's GENERATED … AS IDENTITY) (in changeset 'c1' by"
            + " test)",
        invalid(bad, false).getMessage());
  }

  @Test
  void aProcedureOrViewReadFromAFileIsEditedWithThatFile() {
    write(dir, "db/v.sql", "SELECT 1 AS one");
    write(dir, "db/p.sql", "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    Path file =
        write(
            dir,
            "files.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createView: {viewName: v, path: db/v.sql, relativeToChangelogFile: true}
        - createProcedure: {path: db/p.sql, relativeToChangelogFile: true}
        """));
    Changeset read = parse(file).changesets().get(0);
    assertEquals(
        "SELECT 1 AS one", ((Change.CreateView) read.steps().get(0).change()).selectQuery());
    assertEquals(
        "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        ((Change.CreateProcedure) read.steps().get(1).change()).procedureText());
    write(dir, "db/v.sql", "SELECT 2 AS one");
    assertNotEquals(read.checksum(), parse(file).changesets().get(0).checksum());
    Path missing =
        write(
            dir,
            "missing.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createProcedure: {path: db/gone.sql}
        """));
    assertEquals(
        "missing.yaml:6:29: createProcedure file 'db/gone.sql' not found in the current directory"
            + " or the search path (in changeset 'c1' by test)",
        invalid(missing, false).getMessage());
  }

  @Test
  void unknownAttributeIsAWarningWithFileLineAndAnErrorUnderStrict() {
    Path file =
        write(
            dir,
            "warn.yaml",
            Changelogs.changeset(
                "c1",
                """
        - createTable:
            tableName: t
            tablespace_typo: x
            columns:
              - column: {name: id, type: int}
        """));
    Changelog changelog = parse(file);
    assertEquals(
        List.of("warn.yaml:8:13: unknown attribute 'tablespace_typo' on createTable is ignored"),
        changelog.warnings());
    MigrateException e = invalid(file, true);
    assertTrue(
        e.getMessage()
            .startsWith(
                "warn.yaml:8:13: unknown attribute 'tablespace_typo' on createTable is ignored (an error under --strict)"),
        e.getMessage());
  }

  @Test
  void modifyChangeSetsReadsItsIncludesAndWarnsOfItsExecutor() {
    write(dir, "a.yaml", Changelogs.changeset("a", "- sql: SELECT 1"));
    Path file =
        write(
            dir,
            "root.yaml",
            """
            databaseChangeLog:
              - modifyChangeSets:
                  runWith: psql
                  include: {file: a.yaml}
            """);
    Changelog changelog = parse(file);
    assertEquals(List.of("a"), changelog.changesets().stream().map(c -> c.id()).toList());
    assertEquals(
        List.of("root.yaml:3:7: unknown attribute 'runWith' on modifyChangeSets is ignored"),
        changelog.warnings());
    assertTrue(invalid(file, true).getMessage().contains("(an error under --strict)"));
  }

  @Test
  void duplicateChangesetIdentityIsAnError() {
    Path file =
        write(
            dir,
            "dup.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: one
              author: a
              changes:
                - sql: SELECT 1
          - changeSet:
              id: one
              author: a
              changes:
                - sql: SELECT 2
        """);
    MigrateException e = invalid(file, false);
    assertEquals(
        "dup.yaml:8:7: changeset 'one' by a is defined twice in dup.yaml; the first is at dup.yaml:3:7",
        e.getMessage());
  }

  @Test
  void brokenYamlNamesTheLine() {
    Path file =
        write(
            dir,
            "broken.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: x
              author: a
             changes: [
        """);
    MigrateException e = invalid(file, false);
    assertTrue(e.getMessage().startsWith("broken.yaml:5:"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
  }

  @Test
  void databaseChangeLogMustBeAList() {
    Path file = write(dir, "map.yaml", "databaseChangeLog:\n  changeSet: {id: x}\n");
    assertEquals(
        "map.yaml:2:3: databaseChangeLog must be a list; each changeset begins with '- changeSet:'",
        invalid(file, false).getMessage());
  }

  @Test
  void missingRequiredKeyIsNamed() {
    Path file =
        write(
            dir,
            "noauthor.yaml",
            "databaseChangeLog:\n  - changeSet:\n      id: x\n      changes: []\n");
    assertEquals(
        "noauthor.yaml:3:7: changeSet 'x' needs 'author'", invalid(file, false).getMessage());
  }

  @Test
  void includeAllReadsYamlFilesInNameOrderAndIncludeAcceptsAListForm() {
    write(dir, "changes/b.yaml", Changelogs.changeset("b", "- sql: SELECT 2"));
    write(dir, "changes/a.yaml", Changelogs.changeset("a", "- sql: SELECT 1"));
    write(dir, "changes/notes.txt", "not a changelog");
    write(dir, "extra.yaml", Changelogs.changeset("z", "- sql: SELECT 3"));
    write(
        dir,
        "root.yaml",
        """
        databaseChangeLog:
          - includeAll:
              path: changes/
              relativeToChangelogFile: true
          - include:
              - file: extra.yaml
        """);
    Changelog changelog = ChangelogParser.parse("root.yaml", List.of(dir), false);
    assertEquals(
        List.of("a", "b", "z"), changelog.changesets().stream().map(Changeset::id).toList());
    assertEquals(
        List.of("changes/a.yaml", "changes/b.yaml", "extra.yaml"),
        changelog.changesets().stream().map(Changeset::path).toList());
  }

  @Test
  void missingIncludeIsAnErrorAtTheInclude() {
    Path root =
        write(dir, "root.yaml", "databaseChangeLog:\n  - include:\n      file: nowhere.yaml\n");
    assertTrue(
        invalid(root, false)
            .getMessage()
            .startsWith("root.yaml:3:7: changelog file 'nowhere.yaml' not found"));
  }

  @Test
  void changesetForAnotherDatabaseIsLeftOut() {
    Path file =
        write(
            dir,
            "dbms.yaml",
            """
        databaseChangeLog:
          - changeSet: {id: mysql-only, author: a, dbms: mysql, changes: [{sql: SELECT 1}]}
          - changeSet: {id: pg, author: a, dbms: "postgresql, h2", changes: [{sql: SELECT 1}]}
          - changeSet: {id: not-mssql, author: a, dbms: "!mssql", changes: [{sql: SELECT 1}]}
        """);
    assertEquals(
        List.of("pg", "not-mssql"), parse(file).changesets().stream().map(Changeset::id).toList());
  }

  @Test
  void checksumIgnoresFormattingAndPreconditionsButNotEdits() {
    Path a =
        write(
            dir,
            "a.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: x
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
        """);
    Path b =
        write(
            dir,
            "b.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: x
              author: a
              preConditions:
                - onFail: MARK_RAN
                - not:
                    - tableExists: {tableName: t}
              changes:
                - createTable:
                    columns:
                      - column:
                          type: int
                          name: id   # same change, keys in another order
                    tableName: t
        """);
    Path c =
        write(
            dir,
            "c.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: x
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: bigint}}]}
        """);
    String sum = parse(a).changesets().get(0).checksum();
    assertTrue(sum.startsWith("m1:"));
    assertEquals(sum, parse(b).changesets().get(0).checksum());
    assertNotEquals(sum, parse(c).changesets().get(0).checksum());
  }

  @Test
  void preconditionsReadInListAndMapForms() {
    Path file =
        write(
            dir,
            "pre.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: list
              author: a
              preConditions:
                - onFail: MARK_RAN
                - not:
                    - tableExists: {tableName: t}
                - sqlCheck: {expectedResult: 0, sql: SELECT count(*) FROM x}
              changes: [{sql: SELECT 1}]
          - changeSet:
              id: map
              author: a
              preConditions: {onFail: CONTINUE, or: [{columnExists: {tableName: t, columnName: c}}, {dbms: {type: postgresql}}]}
              changes: [{sql: SELECT 1}]
        """);
    List<Changeset> changesets = parse(file).changesets();
    Preconditions list = changesets.get(0).preconditions();
    assertEquals(Preconditions.OnFail.MARK_RAN, list.onFail());
    Precondition.And and = (Precondition.And) list.condition();
    assertEquals(
        new Precondition.Not(List.of(new Precondition.TableExists(null, "t"))),
        and.conditions().get(0));
    assertEquals(new Precondition.SqlCheck("SELECT count(*) FROM x", "0"), and.conditions().get(1));
    Preconditions map = changesets.get(1).preconditions();
    assertEquals(Preconditions.OnFail.CONTINUE, map.onFail());
    assertInstanceOf(
        Precondition.Or.class, ((Precondition.And) map.condition()).conditions().get(0));
  }

  @Test
  void sqlShorthandAndAnchorsAreRead() {
    Path file =
        write(
            dir,
            "anchors.yaml",
            """
        x-columns:
          id: &id {name: id, type: bigint, constraints: {primaryKey: true}}
        databaseChangeLog:
          - changeSet:
              id: t
              author: a
              changes:
                - createTable:
                    tableName: one
                    columns: [{column: *id}]
                - createTable:
                    tableName: two
                    columns:
                      - column:
                          <<: *id
                          type: int
                - sql: SELECT 1; SELECT 2
        """);
    Changelog changelog = parse(file);
    List<Change> changes =
        changelog.changesets().get(0).steps().stream().map(s -> s.change()).toList();
    assertEquals("bigint", ((Change.CreateTable) changes.get(0)).columns().get(0).type());
    assertEquals("int", ((Change.CreateTable) changes.get(1)).columns().get(0).type());
    assertTrue(((Change.CreateTable) changes.get(1)).columns().get(0).constraints().primaryKey());
    assertEquals(new Change.Sql("SELECT 1; SELECT 2", true, false, null), changes.get(2));
    assertEquals(
        1,
        changelog.warnings().size(),
        "the top-level x-columns key is reported: " + changelog.warnings());
  }

  @Test
  void ignoredChangesetsAreLeftOutAndUnknownQuotingStrategiesRefused() {
    Path file =
        write(
            dir,
            "ignore.yaml",
            """
        databaseChangeLog:
          - changeSet: {id: off, author: a, ignore: true, changes: [{sql: SELECT 1}]}
          - changeSet: {id: on, author: a, changes: [{sql: SELECT 1}]}
        """);
    // An unquoted on is YAML's true, and the id Liquibase records is its text.
    assertEquals(List.of("true"), parse(file).changesets().stream().map(Changeset::id).toList());
    Path quoting =
        write(
            dir,
            "quoting.yaml",
            """
        databaseChangeLog:
          - changeSet: {id: q, author: a, objectQuotingStrategy: QUOTE_SOME, changes: [{sql: SELECT 1}]}
        """);
    assertEquals(
        "quoting.yaml:2:35: changeSet 'q': objectQuotingStrategy 'QUOTE_SOME' is not one of LEGACY, QUOTE_ALL_OBJECTS, QUOTE_ONLY_RESERVED_WORDS",
        invalid(quoting, false).getMessage());
  }

  @Test
  void aStatementThatCannotRunInATransactionIsRefusedInATransactionalChangeset() {
    Path file =
        write(
            dir,
            "cic.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: idx
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: v, type: int}}]}
                - sql: |
                    -- build without blocking writes
                    CREATE INDEX CONCURRENTLY ix_t_v ON t (v);
        """);
    assertEquals(
        "cic.yaml:7:11: changeset 'idx' by a runs in a transaction, but CREATE INDEX CONCURRENTLY ix_t_v ON t (v)"
            + " cannot; set runInTransaction: false on the changeset",
        invalid(file, false).getMessage());
    Path structured =
        write(
            dir,
            "cic2.yaml",
            Changelogs.changeset(
                "idx",
                "- createIndex: {tableName: t, indexName: ix, concurrently: true, columns: [{column: {name: v}}]}"));
    assertTrue(
        invalid(structured, false)
            .getMessage()
            .contains("but createIndex with concurrently: true cannot"));
  }

  @Test
  void everyRollbackBlockCountsInTheOrderWrittenAsInLiquibase() {
    Path file =
        write(
            dir,
            "rollbacks.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: a
              author: x
              changes:
                - sql: CREATE TABLE t1 (id int)
                  rollback: DROP TABLE t1
                - sql: CREATE TABLE t2 (id int)
                - rollback: DROP TABLE t2
              rollback: DROP TABLE t3
        """);
    // Liquibase 4.33 reads this changeset's rollback as these three statements, in this order.
    assertEquals(
        List.of("DROP TABLE t1", "DROP TABLE t2", "DROP TABLE t3"),
        parse(file).changesets().get(0).rollback().steps().stream()
            .map(s -> ((dev.migrate.model.Change.Sql) s.change()).sql())
            .toList());
  }
}
