package dev.migrate.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest changelogs of the cases the generative suite found, kept as they are: each runs
 * once, loses its revision rows and runs again, which must record every changeset (exit 0) and
 * leave the dump, rows included, exactly as the first run left it; {@code check} then finds
 * nothing.
 */
class FoundCasesTest {
  @TempDir Path dir;

  private void rerunKeepsTheDump(String name, String changesets) {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    int id = 0;
    for (String changes : changesets.split("\n---\n")) {
      yaml.append("  - changeSet:\n      id: c").append(++id).append("\n      author: test\n");
      String steps = changes.stripIndent();
      // Lines before the first step are attributes of the changeset (runInTransaction: false).
      int first = steps.startsWith("- ") ? 0 : steps.indexOf("\n- ") + 1;
      yaml.append(steps.substring(0, first).indent(6))
          .append("      changes:\n")
          .append(steps.substring(first).indent(8));
    }
    Changelogs.write(dir, "changelog.yaml", yaml.toString());
    TestDb db = new TestDb(name);
    Cli.Result first = upgrade(db);
    assertEquals(0, first.code(), first.toString());
    String dump = SchemaDump.of(db);
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(0, again.code(), again.toString());
    assertEquals(String.valueOf(id), db.one("SELECT count(*) FROM migrate_revisions"));
    assertEquals(dump, SchemaDump.of(db), again.out());
    Cli.Result check =
        new Cli().in(dir).run("check", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, check.code(), check.toString());
  }

  private Cli.Result upgrade(TestDb db) {
    return new Cli()
        .in(dir)
        .run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
  }

  /**
   * A table later renamed and dropped is made again by the rerun and filled; once a later step
   * finds its object in place, a write to that table writes the rerun's own rows, not rows an
   * earlier run wrote (seed 15 of base 1).
   */
  @Test
  void rowsOfATableTheRerunMadeAreItsOwn() {
    rerunKeepsTheDump(
        "found_own_rows",
        """
        - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: n, type: int}}]}
        ---
        - insert: {tableName: a, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: n, valueNumeric: 5}}]}
        ---
        - createTable: {tableName: b, columns: [{column: {name: id, type: int}}]}
        ---
        - sql: UPDATE a SET n = NULL WHERE id = 1
        - renameTable: {oldTableName: a, newTableName: a2}
        ---
        - sql: UPDATE a2 SET n = 7 WHERE id = 1
        - dropTable: {tableName: a2}""");
  }

  /**
   * The first changeset outside a transaction finds every step's effect in place, and so does a
   * later one: no run was killed inside it, its revision row is what was lost, and a raw write
   * alone in the changeset between may have run; writing the value in place, it is skipped (seed
   * 16174).
   */
  @Test
  void aLoneWriteAfterAFirstChangesetFoundWholeIsNotRunAgain() {
    rerunKeepsTheDump(
        "found_whole_first",
        """
        runInTransaction: false
        - createTable: {tableName: t1, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}, {column: {name: c2, type: varchar(20)}}]}
        - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: c2, value: x}}]}
        ---
        - sql: UPDATE t1 SET c2 = NULL WHERE id = 1
        ---
        - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 2}}]}""");
  }

  /**
   * The same with a write that is not idempotent: the rerun must not apply it twice, and stops
   * before writing, the row as the first run left it. (A run killed right after the first
   * changeset's last step leaves the later table absent: then the write runs, see ReplayTest.)
   */
  @Test
  void aLoneIncrementAfterAFirstChangesetFoundWholeStopsTheRerun() {
    Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: c1
              author: test
              runInTransaction: false
              changes:
                - createTable: {tableName: t1, columns: [{column: {name: id, type: int}}, {column: {name: n, type: int}}]}
                - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: n, valueNumeric: 1}}]}
          - changeSet:
              id: c2
              author: test
              changes:
                - sql: UPDATE t1 SET n = n + 1 WHERE id = 1
          - changeSet:
              id: c3
              author: test
              changes:
                - createTable: {tableName: t2, columns: [{column: {name: id, type: int}}]}
        """);
    TestDb db = new TestDb("found_whole_first_twice");
    assertEquals(0, upgrade(db).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("it would write rows in public.t1 again"), again.toString());
    assertEquals("2", db.one("SELECT n FROM t1 WHERE id = 1"));
  }

  /**
   * A default set twice, on a varchar column later retyped to text: PostgreSQL keeps the first cast
   * in the stored expression; setting the first default again would make the second run and store
   * another (seed 62 of base 1).
   */
  @Test
  void aDefaultALaterChangeSetsAgainIsThatChangesToCheck() {
    rerunKeepsTheDump(
        "found_default_twice",
        """
        - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: s, type: varchar(40)}}]}
        ---
        - addDefaultValue: {tableName: a, columnName: s, defaultValue: one}
        - addDefaultValue: {tableName: a, columnName: s, defaultValue: two}
        ---
        - modifyDataType: {tableName: a, columnName: s, newDataType: text}""");
  }

  /**
   * The offline script of a runInTransaction: false changeset whose index's table a later changeset
   * drops: the second psql run must skip the recorded changeset, index included (seed 1039 of base
   * 1000).
   */
  @Test
  void theScriptSkipsARecordedChangesetOutsideATransactionWhole() {
    Changelogs.write(
        dir,
        "changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: c1
              author: test
              runInTransaction: false
              changes:
                - createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}
                - createIndex: {tableName: a, indexName: ix_a, columns: [{column: {name: id}}]}
          - changeSet:
              id: c2
              author: test
              changes:
                - dropTable: {tableName: a}
        """);
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", "changelog.yaml");
    assertEquals(0, script.code(), script.toString());
    TestDb db = new TestDb("found_script_twice");
    for (int run = 1; run <= 2; run++) {
      Cli.Result psql = Psql.run(db, dir, script.out());
      assertEquals(0, psql.code(), "run " + run + ":\n" + psql.out());
    }
    assertEquals("2", db.one("SELECT count(*) FROM migrate_revisions"));
  }

  /** A default set by hand on a column the changelog gives none is drift (seed 1001). */
  @Test
  void aDefaultSetByHandIsDrift() {
    Changelogs.write(
        dir,
        "changelog.yaml",
        Changelogs.changeset(
            "c1",
            """
            - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: s, type: text}}, {column: {name: k, type: text, defaultValue: x}}]}
            """));
    TestDb db = new TestDb("found_default_by_hand");
    assertEquals(0, upgrade(db).code());
    Cli.Result clean = check(db);
    assertEquals(0, clean.code(), clean.toString());
    db.execute(
        "ALTER TABLE a ALTER COLUMN s SET DEFAULT 'y'",
        "ALTER TABLE a ALTER COLUMN k SET DEFAULT 'z'");
    Cli.Result found = check(db);
    assertEquals(3, found.code(), found.toString());
    assertTrue(
        found
                .out()
                .contains(
                    "column s: the changelog wants text NULL, the database has text DEFAULT 'y'::text NULL")
            && found
                .out()
                .contains(
                    "column k: the changelog wants text DEFAULT 'x' NULL, the database has text DEFAULT 'z'::text NULL"),
        found.out());
  }

  private Cli.Result check(TestDb db) {
    return new Cli().in(dir).run("check", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
  }

  /**
   * A default set again after its column was retyped is set again, as Liquibase sets it: the stored
   * cast follows the new type (seed 318 of base 1).
   */
  @Test
  void aDefaultSetAgainAfterARetypeIsStoredAsLiquibaseStoresIt() throws Exception {
    Changelogs.write(
        dir,
        "changelog.yaml",
        Changelogs.changeset(
            "c1",
            """
            - createTable: {tableName: a, columns: [{column: {name: id, type: int}}, {column: {name: s, type: varchar(40)}}]}
            - addDefaultValue: {tableName: a, columnName: s, defaultValue: x}
            - modifyDataType: {tableName: a, columnName: s, newDataType: text}
            - addDefaultValue: {tableName: a, columnName: s, defaultValue: x}
            """));
    TestDb byLiquibase = new TestDb("found_recast_lb");
    dev.migrate.support.LiquibaseRun.update(byLiquibase, dir, "changelog.yaml");
    TestDb byMigrate = new TestDb("found_recast");
    assertEquals(0, upgrade(byMigrate).code());
    assertEquals(SchemaDump.of(byLiquibase), SchemaDump.of(byMigrate));
  }

  /**
   * Raw SQL guarded as the structured change it amounts to: a raw table later renamed by raw SQL is
   * not made again under its old name (formatted-SQL seed 8); a raw column rename followed by a
   * second one finds the column under its last name (seed 13); a raw SET DEFAULT on a column a
   * later statement retypes is not set again with the new type's cast (seed 14).
   */
  @Test
  void rawRenamesAndDefaultsAreFollowedAsStructuredOnesAre() {
    rerunKeepsTheDump(
        "found_raw_renames",
        """
        - sql: CREATE TABLE t1 (id int PRIMARY KEY, c varchar(40)); ALTER TABLE t1 RENAME TO t2
        ---
        - sql: ALTER TABLE t2 RENAME COLUMN c TO d
        ---
        - sql: ALTER TABLE t2 RENAME COLUMN d TO e
        ---
        - sql: ALTER TABLE t2 ALTER COLUMN e SET DEFAULT 'x'
        ---
        - sql: ALTER TABLE t2 ALTER COLUMN e TYPE text
        """);
  }

  /**
   * A raw SET DEFAULT that a later raw SET DEFAULT sets again, on a column a still later statement
   * retypes, is left to the later one, as a structured addDefaultValue is: setting it first would
   * make the later one run and store the new type's cast (seed 14123).
   */
  @Test
  void aRawDefaultSetAgainLaterIsLeftToTheLaterOne() {
    rerunKeepsTheDump(
        "found_raw_default_again",
        """
        - sql: CREATE TABLE t1 (id int PRIMARY KEY, c varchar(40)); ALTER TABLE t1 ALTER COLUMN c SET DEFAULT 'a'
        ---
        - sql: ALTER TABLE t1 ALTER COLUMN c SET DEFAULT 'b'
        ---
        - sql: ALTER TABLE t1 ALTER COLUMN c TYPE text
        """);
  }

  /**
   * A table made under a name that a later statement gives it once the table of that name now is
   * renamed away: on a fresh run the name is taken by the other table, and the new one is made
   * (found on a corpus project that replaces a table by a partitioned one).
   */
  @Test
  void aTableLaterRenamedOntoANameTakenNowIsMadeWhenThatTableMovesAwayFirst() {
    rerunKeepsTheDump(
        "found_rename_onto",
        """
        - sql: CREATE TABLE cov (id int)
        ---
        - sql: CREATE TABLE cov_new (id int, n int)
        ---
        - sql: ALTER TABLE cov RENAME TO cov_old; ALTER TABLE cov_new RENAME TO cov
        """);
  }

  /**
   * A column swapped for one of another type in raw SQL (add a new one, copy, drop the old one,
   * rename the new one onto the old name) is added on a fresh run, although a column of the final
   * name is there: that one is the old column, dropped before the rename (found on a corpus
   * project). A raw SET DEFAULT NULL stores no default, and is found in place.
   */
  @Test
  void aColumnSwappedInRawSqlIsAddedWhileTheOldOneStillHasItsName() {
    rerunKeepsTheDump(
        "found_column_swap",
        """
        - sql: CREATE TABLE contact (id int PRIMARY KEY, email varchar(40)); INSERT INTO contact VALUES (1, 'a@b')
        ---
        - sql: |
            ALTER TABLE contact ADD COLUMN email2 text[];
            UPDATE contact SET email2 = array[]::text[] || email::text;
            ALTER TABLE contact DROP COLUMN email;
            ALTER TABLE contact RENAME COLUMN email2 TO email;
            ALTER TABLE contact ALTER COLUMN email SET DEFAULT NULL
        """);
  }

  /**
   * A column added in raw SQL and dropped by a later raw statement is not added again by a rerun: a
   * write between the two would otherwise meet its rows in place with an empty column, take them
   * for other rows and fail on the key (formatted-SQL seed 123 of base 100).
   */
  @Test
  void aColumnAddedAndDroppedInRawSqlIsNotAddedAgain() {
    rerunKeepsTheDump(
        "found_raw_added_dropped",
        """
        - sql: CREATE TABLE t (id int PRIMARY KEY, a int)
        ---
        - sql: ALTER TABLE t ADD COLUMN b boolean
        ---
        - sql: INSERT INTO t (id, a, b) VALUES (1, 1, true)
        ---
        - sql: ALTER TABLE t DROP COLUMN b
        """);
  }

  /**
   * A table renamed twice in one step, after a step whose function is found in place: the rerun
   * knows the database is ahead, and the table the first step makes is there under the name the
   * renames give it in the end (seed 10119).
   */
  @Test
  void aTableRenamedTwiceInOneStepIsFoundUnderItsLastName() {
    rerunKeepsTheDump(
        "found_renamed_twice",
        """
        - sql: CREATE TABLE t1 (id int PRIMARY KEY, c2 int); CREATE SEQUENCE s3 START WITH 5
        - sql: CREATE FUNCTION tf4() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tg5 BEFORE INSERT ON t1 FOR EACH ROW EXECUTE FUNCTION tf4()
        ---
        - sql: ALTER TABLE t1 RENAME TO tr8; ALTER TABLE tr8 RENAME TO tr9""");
  }

  /**
   * A table this rerun made and filled, renamed by raw SQL, keeps being this run's: a later write
   * into it under its new name is not taken for a write that ran before (seed 11167).
   */
  @Test
  void aTableTheRerunMadeStaysItsOwnAfterARawRename() {
    rerunKeepsTheDump(
        "found_raw_rename_rows",
        """
        - sql: CREATE TABLE t1 (id int PRIMARY KEY, c2 int); CREATE TYPE e4 AS ENUM ('a', 'b')
        ---
        - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: c2, valueNumeric: 5}}]}
        ---
        - sql: ALTER TABLE t1 RENAME TO tr7
        ---
        - sql: INSERT INTO tr7 (id, c2) VALUES (2, 6)
        ---
        - dropTable: {tableName: tr7}""");
  }

  /**
   * After a first changeset outside a transaction (whose objects found in place prove nothing), an
   * addColumn whose column later changes rename and drop adds it again empty; the insert after it
   * meets its own row, which differs only in that column, and is done (seed 10161).
   */
  @Test
  void anInsertIsDoneWhenItsRowDiffersOnlyInAColumnDroppedLater() {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    yaml.append(
        """
          - changeSet:
              id: c1
              author: test
              runInTransaction: false
              changes:
                - createTable: {tableName: t1, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}, {column: {name: c2, type: text}}]}
                - renameTable: {oldTableName: t1, newTableName: tr3}
          - changeSet:
              id: c2
              author: test
              changes:
                - addColumn: {tableName: tr3, columns: [{column: {name: c4, type: text}}]}
                - insert: {tableName: tr3, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: c2, value: x}}, {column: {name: c4, value: y}}]}
          - changeSet:
              id: c3
              author: test
              changes:
                - renameColumn: {tableName: tr3, oldColumnName: c4, newColumnName: r6}
          - changeSet:
              id: c4
              author: test
              changes:
                - dropColumn: {tableName: tr3, columnName: r6}
        """);
    Changelogs.write(dir, "changelog.yaml", yaml.toString());
    TestDb db = new TestDb("found_dropped_later");
    assertEquals(0, upgrade(db).code());
    String dump = SchemaDump.of(db);
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db);
    assertEquals(0, again.code(), again.toString());
    assertEquals("4", db.one("SELECT count(*) FROM migrate_revisions"));
    assertEquals(dump, SchemaDump.of(db), again.out());
  }
}
