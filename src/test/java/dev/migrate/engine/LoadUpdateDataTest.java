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
 * loadUpdateData: each row of the file updates the row its key finds and is inserted where none is
 * found, on a table with or without a key constraint; a rerun after lost history finds the rows in
 * place, and stops where one was changed since; onlyUpdate inserts nothing; a downgrade deletes the
 * file's rows by key; the script does what the run does.
 */
class LoadUpdateDataTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  // A catalogue keyed by code, its prices kept in a table with no key constraint at all.
  private static final String TABLES =
      "- createTable: {tableName: items, columns: [{column: {name: code, type: varchar(10),"
          + " constraints: {primaryKey: true}}}, {column: {name: name, type: text}},"
          + " {column: {name: price, type: 'numeric(6,2)'}}]}\n"
          + "- createTable: {tableName: prices, columns: [{column: {name: code, type: varchar(10)}},"
          + " {column: {name: region, type: text}}, {column: {name: price, type: 'numeric(6,2)'}}]}\n"
          + "- insert: {tableName: items, columns: [{column: {name: code, value: A1}},"
          + " {column: {name: name, value: stale}}, {column: {name: price, valueNumeric: 1}}]}\n"
          + "- insert: {tableName: prices, columns: [{column: {name: code, value: A1}},"
          + " {column: {name: price, valueNumeric: 9}}]}";

  private static String changeset(String id, String changes) {
    return Changelogs.changeset(id, changes).substring(HEADER.length());
  }

  private Path changelog(String... changesets) {
    Changelogs.write(dir, "items.csv", "code,name,price\nA1,Anvil,12.50\nB2,\"Bolt, hex\",0.25\n");
    // The region of A1 is empty: a NULL, which the key matches as NULL.
    Changelogs.write(dir, "prices.csv", "code,region,price\nA1,,10\nB2,north,3\n");
    StringBuilder text = new StringBuilder(HEADER).append(changeset("tables", TABLES));
    for (String changeset : changesets) {
      text.append(changeset);
    }
    return Changelogs.write(dir, "catalogue.yaml", text.toString());
  }

  private static String load(String table, String key, String more) {
    return "- loadUpdateData: {tableName: "
        + table
        + ", file: "
        + table
        + ".csv, relativeToChangelogFile: true, primaryKey: '"
        + key
        + "'"
        + more
        + "}";
  }

  private static List<String> contents(TestDb db) {
    return List.of(
        String.join(", ", db.rows("SELECT code, name, price FROM items ORDER BY code")),
        String.join(", ", db.rows("SELECT code, region, price FROM prices ORDER BY code")));
  }

  @Test
  void updatesWhatItsKeyFindsInsertsTheRestAndARerunLeavesTheSameRows() {
    TestDb db = new TestDb("load_update");
    Path file =
        changelog(
            changeset(
                "load",
                load("items", "code", ", columns: [{column: {name: price, type: NUMERIC}}]")
                    + "\n"
                    + load("prices", "code, region", "")));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().contains("loaded 2 rows into public.items by code"), first.out());
    List<String> loaded =
        List.of(
            "A1|Anvil|12.50, B2|Bolt, hex|0.25",
            // A1's row had no region: the key (A1, NULL) found it.
            "A1|null|10.00, B2|north|3.00");
    assertEquals(loaded, contents(db));

    // History lost: the rows are as the files leave them, so the changeset is found in place.
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(loaded, contents(db));

    // A row changed by hand since: a rerun would write it again, which is a difference to decide.
    db.execute(
        "DELETE FROM migrate_revisions", "UPDATE items SET name = 'by hand' WHERE code = 'B2'");
    Cli.Result changed = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, changed.code(), changed.toString());
    assertTrue(changed.err().contains("it would write rows in public.items again"), changed.err());
    assertEquals(
        "B2|by hand|0.25", db.rows("SELECT code, name, price FROM items ORDER BY code").get(1));
    db.execute("UPDATE items SET name = 'Bolt, hex' WHERE code = 'B2'");
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());

    Cli.Result down = migrate.run("downgrade", "tables", "--changelog", file.toString());
    assertEquals(0, down.code(), down.toString());
    // Every row the files name is deleted by its key, the one that was there before too.
    assertEquals(List.of("", ""), contents(db));
  }

  @Test
  void rowsALaterLoadRewroteAreFoundInPlaceAfterLostHistory() {
    TestDb db = new TestDb("load_update_later");
    Changelogs.write(dir, "later.csv", "code,name,price\nA1,Anvil,12.50\nC3,Clamp,4\n");
    Path file =
        changelog(
            changeset("renamed", "- sql: UPDATE items SET name = 'Anvil, heavy' WHERE code = 'A1'"),
            changeset(
                "reloaded",
                "- loadUpdateData: {tableName: items, file: later.csv,"
                    + " relativeToChangelogFile: true, primaryKey: code}"));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    List<String> loaded = contents(db);
    assertEquals("A1|Anvil|12.50, C3|Clamp|4.00", loaded.get(0));

    // The insert of A1 and the UPDATE of its name would write again what the later load rewrote:
    // the load is found in place, and so are they.
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("a later change sets name of public.items again"), rerun.out());
    assertEquals(loaded, contents(db));
  }

  @Test
  void onlyUpdateInsertsNothingAndAFileOfKeysAloneInsertsWhatIsMissing() {
    TestDb db = new TestDb("load_update_only");
    Changelogs.write(dir, "codes.csv", "code\nA1\nC3\n");
    Path file =
        changelog(
            changeset(
                "load",
                load("items", "code", ", onlyUpdate: true")
                    + "\n"
                    + load("prices", "code,region", ", onlyUpdate: true")
                    + "\n- loadUpdateData: {tableName: items, file: codes.csv,"
                    + " relativeToChangelogFile: true, primaryKey: code}"
                    + "\n- loadUpdateData: {tableName: prices, file: codes.csv,"
                    + " relativeToChangelogFile: true, primaryKey: code, onlyUpdate: true}"));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(
        List.of("A1|Anvil|12.50, C3|null|null", "A1|null|10.00"), contents(db), run.toString());
  }

  @Test
  void theScriptLeavesWhatTheRunLeaves() {
    Path file = changelog(changeset("load", load("items", "code", "")));
    TestDb byScript = Psql.scriptRunTwice(dir, file, "load_update_script");
    TestDb byRun = new TestDb("load_update_run");
    Cli.Result run =
        new Cli().run("upgrade", "--url", byRun.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(contents(byRun), contents(byScript));
    assertEquals("A1|Anvil|12.50, B2|Bolt, hex|0.25", contents(byScript).get(0));
  }

  @Test
  void aKeyThatIsNoColumnOfTheFileNorOfTheTableFailsAsItRunsAndWritesNothing() {
    TestDb db = new TestDb("load_update_key");
    Path file = changelog(changeset("load", load("items", "code, nmae", "")));
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "loadUpdateData primaryKey 'nmae' is not a column the file loads: every row is"
                    + " taken to have none there"),
        run.err());
    assertTrue(run.err().contains("column \"nmae\" does not exist"), run.err());
    assertTrue(run.err().contains("catalogue.yaml:"), run.err());
    assertEquals(List.of("tables|applied"), db.revisions());
    assertEquals(List.of("A1"), db.rows("SELECT code FROM items"));

    Cli.Result strict =
        new Cli()
            .run("upgrade", "--strict", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(2, strict.code(), strict.toString());
    assertTrue(strict.err().contains("(an error under --strict)"), strict.err());
  }
}
