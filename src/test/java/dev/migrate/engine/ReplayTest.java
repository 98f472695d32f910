package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun after the revision rows were lost, over a database that went through the whole changelog
 * and then took the application's data: raw SQL that drops, remakes, renames or writes must neither
 * destroy what later changes made nor write its rows a second time. Each case runs the changelog
 * once, lets the application write, deletes the revision rows and runs again.
 */
class ReplayTest {
  @TempDir Path dir;

  private Path changelog(String... changesets) {
    StringBuilder sql = new StringBuilder("--liquibase formatted sql\n");
    for (int i = 0; i < changesets.length; i++) {
      String head = changesets[i].startsWith("--") ? "" : "--changeset test:" + (i + 1) + "\n";
      sql.append(head).append(changesets[i]).append("\n");
    }
    return Changelogs.write(dir, "replay.sql", sql.toString());
  }

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
  }

  /** Runs the changelog, lets the application write, forgets the history and runs it again. */
  private static Cli.Result rerun(TestDb db, Path file, String... application) {
    Cli.Result first = upgrade(db, file);
    assertEquals(0, first.code(), first.toString());
    db.execute(application);
    db.execute("DELETE FROM migrate_revisions");
    return upgrade(db, file);
  }

  /**
   * Applies the first changeset, leaves what a run killed in the second left ({@code leftBehind},
   * no revision row), and runs the changelog again.
   */
  private static Cli.Result killedInSecond(TestDb db, Path file, String leftBehind) {
    Cli.Result first =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString(), "+1");
    assertEquals(0, first.code(), first.toString());
    db.execute(leftBehind);
    return upgrade(db, file);
  }

  @Test
  void aPolicyDroppedAndMadeAgainTheWayALaterChangeSupersedesIsKept() {
    Path file =
        changelog(
            "CREATE TABLE doc (id int, owner text);\n"
                + "ALTER TABLE doc ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY p ON doc USING (owner = 'a');",
            "DROP POLICY p ON doc;\nCREATE POLICY p ON doc USING (owner = current_user);",
            "ALTER TABLE doc RENAME COLUMN owner TO author;\n"
                + "DROP POLICY p ON doc;\n"
                + "CREATE POLICY p ON doc USING (author = current_user);");
    TestDb db = new TestDb("replay_policy");
    Cli.Result again = rerun(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(
        List.of("(author = CURRENT_USER)"),
        db.rows("SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polname = 'p'"));
  }

  @Test
  void aStringOfManyStatementsIsGuardedStatementByStatement() {
    Path file =
        changelog(
            "--changeset test:1 splitStatements:false\n"
                + "CREATE FUNCTION one() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
                + "CREATE TABLE w (id int);",
            "--changeset test:2 splitStatements:false runInTransaction:false\n"
                + "CREATE FUNCTION two() RETURNS int AS $$ SELECT 2 $$ LANGUAGE sql;\n"
                + "CREATE TABLE v (id int);");
    TestDb db = new TestDb("replay_whole");
    Cli.Result again = rerun(db, file, "INSERT INTO w VALUES (1)");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1"), db.rows("SELECT id FROM w"));
  }

  @Test
  void aDataChangeThatMayHaveRunStopsTheRunAndWritesNothing() {
    Path file =
        changelog(
            "CREATE TABLE acct (id int PRIMARY KEY, jobs int);",
            "UPDATE acct SET jobs = 3;",
            "INSERT INTO acct VALUES (2, 1000);");
    TestDb db = new TestDb("replay_update");
    Cli.Result again = rerun(db, file, "INSERT INTO acct VALUES (1, 50)");
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again.err().contains("it would write rows in public.acct again")
            && again.err().contains("UPDATE acct SET jobs = 3")
            && again.err().contains("migrate stamp"),
        again.err());
    assertEquals(
        List.of("1:50", "2:1000"), db.rows("SELECT id || ':' || jobs FROM acct ORDER BY id"));
  }

  @Test
  void theStopMessageHidesAPasswordTheStatementWrites() {
    Path file =
        changelog(
            "CREATE TABLE link (id int PRIMARY KEY, dsn text);",
            "UPDATE link SET dsn = 'host=db user=app password=s3cret';",
            "INSERT INTO link VALUES (2, 'none');");
    TestDb db = new TestDb("replay_password");
    Cli.Result again = rerun(db, file, "INSERT INTO link VALUES (1, 'x')");
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("password=***"), again.err());
    assertFalse(again.toString().contains("s3cret"), again.toString());
  }

  @Test
  void aStatementOverAnIndexALaterChangeRenamesIsExcusedOnARerun() {
    Path file =
        changelog(
            "CREATE TABLE acct (id int CONSTRAINT acct_key PRIMARY KEY);",
            "ALTER INDEX acct_key SET (fillfactor = 70);",
            "ALTER TABLE acct RENAME CONSTRAINT acct_key TO acct_pk;");
    TestDb db = new TestDb("replay_renamed_index");
    Cli.Result again = rerun(db, file);
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("ALTER INDEX acct_key SET (fillfactor = 70) failed, but a later sql"),
        again.out());
    assertEquals(
        "{fillfactor=70}",
        db.one("SELECT reloptions::text FROM pg_class WHERE relname = 'acct_pk'"));
  }

  @Test
  void aStatementNoGuardKnowsSaysSoWhenItFailsOnARerun() {
    Path file =
        changelog(
            "CREATE TABLE acct (id int PRIMARY KEY);",
            "DO $$ BEGIN IF EXISTS (SELECT FROM acct) THEN RAISE 'acct holds rows'; END IF; END $$;");
    TestDb db = new TestDb("replay_unguarded");
    Cli.Result again = rerun(db, file, "INSERT INTO acct VALUES (1)");
    assertEquals(1, again.code(), again.toString());
    assertTrue(
        again.err().contains("acct holds rows")
            && again.err().contains("The statement is not guarded"),
        again.err());
  }

  @Test
  void rowsFoundInPlaceAfterAChangesetOutsideATransactionAreEvidenceToo() {
    // The first changeset runs outside a transaction, so finding its table proves nothing (a
    // killed run leaves it half done); the insert finding its rows there does.
    Path file =
        changelog(
            "--changeset test:1 runInTransaction:false\nCREATE TABLE acct (id int PRIMARY KEY, n int);",
            "INSERT INTO acct (id, n) VALUES (1, 5);",
            "UPDATE acct SET n = n + 1;");
    TestDb db = new TestDb("replay_rows_evidence");
    Cli.Result again = rerun(db, file);
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("it would write rows in public.acct again"), again.err());
    assertEquals(List.of("1:6"), db.rows("SELECT id || ':' || n FROM acct"));
  }

  @Test
  void aRunKilledInsideAChangesetOutsideATransactionIsCompletedWithoutWritingTwice() {
    // A run killed after the INSERT left the table and its row; the next run makes the index and
    // must not add the row a second time (the table has no key to refuse it).
    Path file =
        changelog(
            "--changeset test:1 runInTransaction:false\n"
                + "CREATE TABLE acct (id int, n int);\n"
                + "INSERT INTO acct (id, n) VALUES (1, 5);\n"
                + "CREATE INDEX ix_acct_n ON acct (n);");
    TestDb db = new TestDb("replay_killed_inside");
    db.execute("CREATE TABLE acct (id int, n int)", "INSERT INTO acct (id, n) VALUES (1, 5)");
    Cli.Result run = upgrade(db, file);
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:5"), db.rows("SELECT id || ':' || n FROM acct"));
    assertEquals("1", db.one("SELECT count(*) FROM pg_class WHERE relname = 'ix_acct_n'"));
  }

  @Test
  void aRunKilledInsideAChangesetOutsideATransactionWritesWhatItHadNotWritten() {
    // The killed run made t2 and stopped: the INSERT (a key refuses it twice) and the UPDATE (a
    // second run changes nothing) had not run, and run now, once.
    Path file =
        changelog(
            "CREATE TABLE acct (id int PRIMARY KEY, n int);\nINSERT INTO acct VALUES (1, 1);",
            "--changeset test:2 runInTransaction:false\n"
                + "CREATE TABLE t2 (id int);\n"
                + "INSERT INTO acct (id, n) VALUES (2, 1);\n"
                + "UPDATE acct SET n = 5 WHERE id = 1;");
    TestDb db = new TestDb("replay_killed_before_writes");
    Cli.Result run = killedInSecond(db, file, "CREATE TABLE t2 (id int)");
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:5", "2:1"), db.rows("SELECT id || ':' || n FROM acct ORDER BY id"));
  }

  @Test
  void aRunKilledAfterTheLastStepOfAChangesetOutsideATransactionGoesOnToTheNext() {
    // The killed run made t2 but did not record changeset 2: nothing after it ran, so the UPDATE
    // of changeset 3 runs, once.
    Path file =
        changelog(
            "CREATE TABLE acct (id int, n int);\nINSERT INTO acct (id, n) VALUES (1, 1);",
            "--changeset test:2 runInTransaction:false\nCREATE TABLE t2 (id int);",
            "UPDATE acct SET n = n + 1;",
            "CREATE TABLE t3 (id int);");
    TestDb db = new TestDb("replay_killed_after");
    Cli.Result run = killedInSecond(db, file, "CREATE TABLE t2 (id int)");
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:2"), db.rows("SELECT id || ':' || n FROM acct"));
    assertEquals("4", db.one("SELECT count(*) FROM migrate_revisions"));
  }

  @Test
  void aFirstChangesetOutsideATransactionLeavesToLaterChangesWhatTheySetAgain() {
    // The database went through the whole changelog (a later changeset's table is there), so the
    // first changeset's default, which a later one sets again, is not set back: set again after
    // the retype, it would be stored with another cast than the one the first run left.
    Path file =
        changelog(
            "--changeset test:1 runInTransaction:false\n"
                + "CREATE TABLE acct (id int PRIMARY KEY, c varchar(40));\n"
                + "ALTER TABLE acct ALTER COLUMN c SET DEFAULT 'a';",
            "CREATE TABLE t2 (id int);",
            "ALTER TABLE acct ALTER COLUMN c SET DEFAULT 'b';",
            "ALTER TABLE acct ALTER COLUMN c TYPE text;");
    TestDb db = new TestDb("replay_first_superseded");
    String query =
        "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef"
            + " WHERE adrelid = 'acct'::regclass AND adnum = 2";
    assertEquals(0, upgrade(db, file).code());
    String left = db.one(query);
    Cli.Result again = rerun(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals("'b'::character varying", left);
    assertEquals(left, db.one(query));
  }

  @Test
  void aRunKilledInsideAFirstChangesetStillSetsWhatALaterChangeSetsAgain() {
    // Killed after the table was made: nothing later is in place, so the default is set before
    // the row that takes it is written.
    Path file =
        changelog(
            "--changeset test:1 runInTransaction:false\n"
                + "CREATE TABLE acct (id int PRIMARY KEY, c varchar(40));\n"
                + "ALTER TABLE acct ALTER COLUMN c SET DEFAULT 'a';",
            "CREATE TABLE t2 (id int);\nINSERT INTO acct (id) VALUES (1);",
            "ALTER TABLE acct ALTER COLUMN c SET DEFAULT 'b';");
    TestDb db = new TestDb("replay_first_killed_default");
    db.execute("CREATE TABLE acct (id int PRIMARY KEY, c varchar(40))");
    Cli.Result run = upgrade(db, file);
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:a"), db.rows("SELECT id || ':' || c FROM acct"));
  }

  @Test
  void aLaterDropThatFindsNothingToDropIsNoEvidenceThatTheRunWentFurther() {
    // Killed inside changeset 2, after its type and before its table: changeset 3's dropTable
    // finds the table absent only because it was never made. The table is made (and dropped
    // again), and the row after it is written: the database did not go further than changeset 2.
    Path file =
        Changelogs.write(
            dir,
            "replay.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: test
                  changes:
                    - createTable: {tableName: acct, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}, {column: {name: n, type: int}}]}
                    - insert: {tableName: acct, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: n, valueNumeric: 1}}]}
              - changeSet:
                  id: 2
                  author: test
                  runInTransaction: false
                  changes:
                    - sql: CREATE TYPE mood AS ENUM ('ok')
                    - createTable: {tableName: t2, columns: [{column: {name: id, type: int}}, {column: {name: m, type: mood}}]}
              - changeSet:
                  id: 3
                  author: test
                  changes:
                    - dropTable: {tableName: t2}
              - changeSet:
                  id: 4
                  author: test
                  changes:
                    - insert: {tableName: acct, columns: [{column: {name: id, valueNumeric: 2}}, {column: {name: n, valueNumeric: 1}}]}
            """);
    TestDb db = new TestDb("replay_vacuous_drop");
    Cli.Result run = killedInSecond(db, file, "CREATE TYPE mood AS ENUM ('ok')");
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:1", "2:1"), db.rows("SELECT id || ':' || n FROM acct ORDER BY id"));
    assertEquals("4", db.one("SELECT count(*) FROM migrate_revisions"));
  }

  @Test
  void aLaterStepSkippedForWhatAnEvenLaterChangeDropsIsNoEvidenceEither() {
    // A fresh database, upgraded to changeset 2 of 3. Changeset 1 runs outside a transaction, so
    // its createTable asks whether the database went further; changeset 2's addColumn, asked on a
    // table not yet made, is skipped because changeset 3 drops the table: that skip found nothing,
    // so the table is made, and the column and row of changeset 2 with it.
    Path file =
        Changelogs.write(
            dir,
            "fresh.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: test
                  runInTransaction: false
                  changes:
                    - createTable: {tableName: t1, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: 2
                  author: test
                  changes:
                    - addColumn: {tableName: t1, columns: [{column: {name: n, type: int}}]}
                    - insert: {tableName: t1, columns: [{column: {name: id, valueNumeric: 1}}, {column: {name: n, valueNumeric: 7}}]}
              - changeSet:
                  id: 3
                  author: test
                  changes:
                    - dropTable: {tableName: t1}
            """);
    TestDb db = new TestDb("replay_fresh_target");
    Cli.Result run =
        new Cli().run("upgrade", "2", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("1:7"), db.rows("SELECT id || ':' || n FROM t1"));
  }

  @Test
  void aWriteThatNothingCanPlaceBeforeOrAfterAKillStopsTheRun() {
    // Changeset 2 is all in place and nothing after it tells whether the run was killed right
    // after it or the revision rows were lost: an increment could be applied twice, so it stops.
    Path file =
        changelog(
            "CREATE TABLE acct (id int, n int);\nINSERT INTO acct (id, n) VALUES (1, 1);",
            "--changeset test:2 runInTransaction:false\nCREATE TABLE t2 (id int);",
            "UPDATE acct SET n = n + 1;");
    TestDb db = new TestDb("replay_no_evidence");
    Cli.Result run = killedInSecond(db, file, "CREATE TABLE t2 (id int)");
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("it would write rows in public.acct again"), run.err());
    assertEquals(List.of("1:1"), db.rows("SELECT id || ':' || n FROM acct"));
  }

  @Test
  void aDataChangeOfAChangesetWhoseSchemaChangeIsInPlaceRanWithIt() {
    Path file =
        changelog(
            "CREATE TABLE acct (id int PRIMARY KEY);",
            "ALTER TABLE acct ADD COLUMN flag int;\nUPDATE acct SET flag = 1;");
    TestDb db = new TestDb("replay_same_changeset");
    Cli.Result again = rerun(db, file, "INSERT INTO acct VALUES (1, 7)");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1:7"), db.rows("SELECT id || ':' || flag FROM acct"));
  }

  @Test
  void seedRowsWithGeneratedKeysAndLaterUpdatesAreNotInsertedTwice() {
    Path file =
        changelog(
            "CREATE SEQUENCE ids;\nCREATE TABLE role (id bigint, name text, enabled boolean);",
            "INSERT INTO role (id, name, enabled) VALUES ((SELECT nextval('ids')), 'admin', true);\n"
                + "INSERT INTO role (id, name, enabled) VALUES (nextval('ids'), 'user', true);",
            "UPDATE role SET enabled = false WHERE name = 'user';");
    TestDb db = new TestDb("replay_seeds");
    Cli.Result again = rerun(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(
        List.of("admin:true", "user:false"),
        db.rows("SELECT name || ':' || enabled FROM role ORDER BY name"));
  }

  @Test
  void aTableDroppedAndMadeAgainTheSameWayKeepsItsRows() {
    Path file =
        changelog(
            "CREATE TABLE st (k int, v text);",
            "DROP TABLE st;\nCREATE TABLE st (k int PRIMARY KEY, v text NOT NULL);");
    TestDb db = new TestDb("replay_remade");
    Cli.Result again = rerun(db, file, "INSERT INTO st VALUES (1, 'kept')");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1:kept"), db.rows("SELECT k || ':' || v FROM st"));
  }

  @Test
  void aFirstRunStillRemakesATableThatDiffers() {
    Path file =
        changelog(
            "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE st (k int REFERENCES parent);",
            "DROP TABLE st;\nCREATE TABLE st (k int REFERENCES parent ON DELETE CASCADE);");
    TestDb db = new TestDb("replay_first");
    Cli.Result first = upgrade(db, file);
    assertEquals(0, first.code(), first.toString());
    assertEquals(
        List.of("FOREIGN KEY (k) REFERENCES parent(id) ON DELETE CASCADE"),
        db.rows(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'st'::regclass"));
  }

  @Test
  void statementsMeantForAnEarlierTableOfTheSameNameLeaveTheLaterOneAlone() {
    Path file =
        changelog(
            "CREATE TABLE cov (a int);",
            "ALTER TABLE cov ADD COLUMN b int;",
            "CREATE TABLE cov_new (x int, y int);",
            "ALTER TABLE cov RENAME TO cov_old;\nALTER TABLE cov_new RENAME TO cov;",
            "DROP TABLE cov_old;");
    TestDb db = new TestDb("replay_renamed");
    Cli.Result again = rerun(db, file, "INSERT INTO cov VALUES (1, 2)");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("x:integer:false", "y:integer:false"), db.columns("cov"));
    assertEquals(List.of("1:2"), db.rows("SELECT x || ':' || y FROM cov"));
    assertTrue(!db.tableExists("cov_new") && !db.tableExists("cov_old"), again.toString());
  }

  @Test
  void anIndexMadeWithoutANameIsNotMadeTwice() {
    Path file =
        changelog(
            "CREATE TABLE t (a int, b int);\nCREATE INDEX ON t (a);\n"
                + "ALTER TABLE t ADD UNIQUE (b);");
    TestDb db = new TestDb("replay_unnamed");
    Cli.Result again = rerun(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals("2", db.one("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass"));
  }

  @Test
  void aRowThatALaterChangeDeletesIsNotBroughtBack() {
    Path file =
        changelog(
            "CREATE TABLE roles (id serial, name text);\nINSERT INTO roles (name) VALUES ('admin');",
            "INSERT INTO roles (name) VALUES ('subscriber');",
            "DELETE FROM roles WHERE name = 'subscriber';");
    TestDb db = new TestDb("replay_deleted");
    Cli.Result again = rerun(db, file, "INSERT INTO roles (name) VALUES ('app')");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("admin", "app"), db.rows("SELECT name FROM roles ORDER BY id"));
  }

  @Test
  void aChangesetWhosePreconditionItsOwnEffectFalsifiesIsRecordedAgain() {
    String yaml =
        """
        databaseChangeLog:
          - changeSet:
              id: make
              author: test
              changes:
                - createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}
          - changeSet:
              id: rename
              author: test
              preConditions:
                - tableExists: {tableName: a}
              changes:
                - renameTable: {oldTableName: a, newTableName: b}
        """;
    Path file = Changelogs.write(dir, "precondition.yaml", yaml);
    TestDb db = new TestDb("replay_precondition");
    Cli.Result again = rerun(db, file, "INSERT INTO b VALUES (1)");
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1"), db.rows("SELECT id FROM b"));
    assertEquals("2", db.one("SELECT count(*) FROM migrate_revisions"));
  }

  @Test
  void aStepThatFindsNothingToDoInAFirstRunIsNoEvidenceOfALaterDatabase() {
    // A no-op step (a type set to what it is) must not make a first run take the database for one
    // that went further: the column dropped and added again here must be made anew.
    String yaml =
        Changelogs.changeset(
            "one",
            """
                - createTable: {tableName: b, columns: [{column: {name: id, type: int}}, {column: {name: kit, type: jsonb}}]}
                - modifyDataType: {tableName: b, columnName: id, newDataType: int}
                - dropColumn: {tableName: b, columnName: kit}
                - addColumn: {tableName: b, columns: [{column: {name: kit, type: text}}]}
                """);
    Path file = Changelogs.write(dir, "fresh.yaml", yaml);
    TestDb db = new TestDb("replay_fresh");
    Cli.Result first = upgrade(db, file);
    assertEquals(0, first.code(), first.toString());
    assertEquals(List.of("id:integer:false", "kit:text:false"), db.columns("b"));
  }
}
