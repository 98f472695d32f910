package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * addLookupTable: the new table holds the existing column's distinct non-null values, NOT NULL and
 * its primary key, and the existing column references it. A rerun finds it in place; one cut short
 * (the table made, its keys not) is finished; the existing column missing is drift; check finds the
 * foreign key dropped by hand; the script does the same twice; downgrade drops the key and the
 * table.
 */
class AddLookupTableTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  private Path changelog() {
    return Changelogs.write(
        dir,
        "lookup.yaml",
        Changelogs.changeset(
                "address",
                "- createTable: {tableName: address, columns: [{column: {name: id, type: int}},"
                    + " {column: {name: state, type: char(2)}}]}\n"
                    + "- sql: INSERT INTO address VALUES (1, 'NY'), (2, 'CA'), (3, 'NY'), (4, NULL)")
            + Changelogs.changeset(
                    "lookup",
                    "- addLookupTable: {existingTableName: address, existingColumnName: state,"
                        + " newTableName: state, newColumnName: abbreviation,"
                        + " newColumnDataType: char(2)}")
                .substring(HEADER.length()));
  }

  private static void assertLookup(TestDb db) {
    assertEquals(
        List.of("CA", "NY"), db.rows("SELECT abbreviation FROM state ORDER BY abbreviation"));
    assertEquals(List.of("abbreviation:character(2):true"), db.columns("state"));
    assertEquals(
        List.of(
            "fk_address_state:FOREIGN KEY (state) REFERENCES state(abbreviation)",
            "state_pkey:PRIMARY KEY (abbreviation)"),
        db.rows(
            "SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid IN ('address'::regclass, 'state'::regclass) ORDER BY conname"));
  }

  @Test
  void makesTheTableFindsItInPlaceAndRunsAsTheScriptDoes() {
    Path file = changelog();
    TestDb db = new TestDb("lookup_table");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out().contains("made lookup table public.state of public.address.state"), run.out());
    assertLookup(db);

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("lookup table public.state of public.address.state is there"),
        again.out());
    assertLookup(db);

    assertEquals(0, migrate.run("check", "--changelog", file.toString()).code());
    db.execute("ALTER TABLE address DROP CONSTRAINT fk_address_state");
    Cli.Result drifted = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, drifted.code(), drifted.toString());
    assertTrue(drifted.out().contains("fk_address_state"), drifted.toString());

    TestDb byScript = Psql.scriptRunTwice(dir, file, "lookup_table_script");
    assertLookup(byScript);
  }

  // The address changeset applied, the database then changed by hand ({@code sql}), and the rest
  // run.
  private Cli.Result lookupAfter(TestDb db, String sql) {
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString(), "address").code());
    db.execute(sql);
    return migrate.run("upgrade", "-v", "--changelog", file.toString());
  }

  @Test
  void aLookupTableWithoutItsKeysIsFinished() {
    TestDb db = new TestDb("lookup_table_cut");
    Cli.Result run =
        lookupAfter(
            db,
            "CREATE TABLE state AS SELECT DISTINCT state AS abbreviation FROM address"
                + " WHERE state IS NOT NULL");
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out().contains("finished lookup table public.state of public.address.state"),
        run.out());
    assertLookup(db);
  }

  @Test
  void theExistingColumnMissingIsDrift() {
    TestDb db = new TestDb("lookup_table_drift");
    Cli.Result run = lookupAfter(db, "ALTER TABLE address DROP COLUMN state");
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "drift: table public.address differs from the changelog:\n"
                    + "      - column state is absent, so lookup table state cannot be made from"
                    + " it"),
        run.err());
    assertFalse(db.tableExists("state"));
  }

  @Test
  void aLookupTableWithAnotherColumnIsDrift() {
    TestDb db = new TestDb("lookup_table_other");
    Cli.Result run = lookupAfter(db, "CREATE TABLE state (code char(2))");
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err().contains("column abbreviation is absent; the changelog makes it a lookup table"),
        run.err());
  }

  // After lost history, what later changes dropped stays dropped: a row the key would refuse stays.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "- dropForeignKeyConstraint: {baseTableName: address, constraintName: FK_ADDRESS_STATE}",
        "- dropForeignKeyConstraint: {baseTableName: address, constraintName: FK_ADDRESS_STATE}\n"
            + "- dropTable: {tableName: state}"
      })
  void whatALaterChangeDropsIsNotMadeAgain(String drop) throws IOException {
    Path file =
        Changelogs.write(
            dir,
            "dropped.yaml",
            Files.readString(changelog())
                + Changelogs.changeset("drop", drop).substring(HEADER.length()));
    TestDb db = new TestDb("lookup_table_dropped");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("INSERT INTO address VALUES (5, 'TX')", "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("a later change drops it"), again.out());
    assertEquals(
        "0", db.one("SELECT count(*) FROM pg_constraint WHERE conrelid = 'address'::regclass"));
    assertEquals("5", db.one("SELECT count(*) FROM address"));
    assertEquals(3, db.revisions().size());
  }

  @Test
  void itsColumnRenamedByALaterChangeIsNoDriftAfterLostHistory() throws IOException {
    Path file =
        Changelogs.write(
            dir,
            "renamed.yaml",
            Files.readString(changelog())
                + Changelogs.changeset(
                        "rename",
                        "- renameColumn: {tableName: state, oldColumnName: abbreviation,"
                            + " newColumnName: code}")
                    .substring(HEADER.length()));
    TestDb db = new TestDb("lookup_table_renamed");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("is dropped or renamed by a later change"), again.out());
    assertEquals(List.of("code:character(2):true"), db.columns("state"));
    assertEquals(3, db.revisions().size());
  }

  // check leaves to a later change what it reworks of any of the four parts.
  @Test
  void checkLeavesAKeyALaterChangeDropsToThatChange() throws IOException {
    Path file =
        Changelogs.write(
            dir,
            "unkeyed.yaml",
            Files.readString(changelog())
                + Changelogs.changeset(
                        "unkey", "- dropAllForeignKeyConstraints: {baseTableName: address}")
                    .substring(HEADER.length()));
    TestDb db = new TestDb("lookup_table_unkeyed");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
  }

  @Test
  void downgradeDropsTheKeyAndTheTable() {
    Path file = changelog();
    TestDb db = new TestDb("lookup_table_down");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result down = migrate.run("downgrade", "-1", "--changelog", file.toString());
    assertEquals(0, down.code(), down.toString());
    assertFalse(db.tableExists("state"));
    assertEquals(
        "0", db.one("SELECT count(*) FROM pg_constraint WHERE conrelid = 'address'::regclass"));
    assertEquals(List.of("id:integer:false", "state:character(2):false"), db.columns("address"));
  }
}
