package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mergeColumns: the new column holds the two values joined (NULL where either is NULL, as
 * PostgreSQL's || gives it), and the two columns are gone. A rerun finds it done, and check
 * compares the merged column; a run cut short after the new column was added is finished; two
 * columns missing with nothing merged stops the run as drift; the script does the same twice; a
 * join string is required.
 */
class MergeColumnsTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  private Path changelog(String merge) {
    return Changelogs.write(
        dir,
        "merge.yaml",
        Changelogs.changeset(
                "people",
                "- createTable: {tableName: person, columns: [{column: {name: id, type: int}},"
                    + " {column: {name: first, type: varchar(20)}},"
                    + " {column: {name: last, type: varchar(20)}}]}\n"
                    + "- sql: INSERT INTO person VALUES (1, 'Ada', 'Lovelace'), (2, 'Grace', NULL),"
                    + " (3, 'O''Neil', 'Tip')")
            + Changelogs.changeset("merge", merge).substring(HEADER.length()));
  }

  private static final String MERGE =
      "- mergeColumns: {tableName: person, column1Name: first, joinString: \"' \","
          + " column2Name: last, finalColumnName: full_name, finalColumnType: varchar(50)}";

  private static final List<String> COLUMNS =
      List.of("id:integer:false", "full_name:character varying(50):false");

  private static List<String> people(TestDb db) {
    return db.rows("SELECT id || ':' || coalesce(full_name, '<null>') FROM person ORDER BY id");
  }

  private static final List<String> MERGED =
      List.of("1:Ada' Lovelace", "2:<null>", "3:O'Neil' Tip");

  @Test
  void mergesFindsItDoneAndRunsAsTheScriptDoes() {
    Path file = changelog(MERGE);
    TestDb db = new TestDb("merge_columns");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out().contains("merged columns first and last of public.person into full_name"),
        run.out());
    assertEquals(MERGED, people(db));
    assertEquals(COLUMNS, db.columns("person"));
    assertEquals(
        "character varying(50)",
        db.one(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'person'::regclass AND attname = 'full_name'"));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("are merged into full_name already"), again.out());
    assertEquals(MERGED, people(db));

    // The merged column is compared as an added one: check finds a default given by hand.
    assertEquals(0, migrate.run("check", "--changelog", file.toString()).code());
    db.execute("ALTER TABLE person ALTER COLUMN full_name SET DEFAULT 'x'");
    Cli.Result drifted = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, drifted.code(), drifted.toString());
    assertTrue(drifted.out().contains("full_name"), drifted.toString());

    TestDb byScript = Psql.scriptRunTwice(dir, file, "merge_columns_script");
    assertEquals(MERGED, people(byScript));
    assertEquals(COLUMNS, byScript.columns("person"));
  }

  // The people changeset applied, the table then changed by hand ({@code sql}), and the merge run.
  private Cli.Result mergeAfter(TestDb db, String sql) {
    Path file = changelog(MERGE);
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString(), "people").code());
    db.execute(sql);
    return migrate.run("upgrade", "-v", "--changelog", file.toString());
  }

  @Test
  void aMergeCutShortIsFinished() {
    TestDb db = new TestDb("merge_columns_cut");
    // As a run outside a transaction killed after its first statement leaves it.
    Cli.Result run = mergeAfter(db, "ALTER TABLE person ADD full_name varchar(50)");
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("finished merging into full_name of public.person"), run.out());
    assertEquals(MERGED, people(db));
    assertEquals(COLUMNS, db.columns("person"));
  }

  @Test
  void aColumnMissingWithNothingMergedIsDrift() {
    TestDb db = new TestDb("merge_columns_drift");
    Cli.Result run = mergeAfter(db, "ALTER TABLE person DROP COLUMN last");
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "drift: table public.person differs from the changelog:\n"
                    + "      - column full_name is absent, and first and last are not both there to merge into"
                    + " it"),
        run.err());
    assertEquals(
        List.of("id:integer:false", "first:character varying(20):false"), db.columns("person"));
  }

  @Test
  void aJoinStringIsRequired() {
    Path file =
        changelog(
            "- mergeColumns: {tableName: person, column1Name: first, column2Name: last,"
                + " finalColumnName: full_name, finalColumnType: text}");
    Cli.Result run = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains("mergeColumns needs 'joinString'"), run.err());
  }
}
