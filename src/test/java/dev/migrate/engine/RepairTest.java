package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repair}: what applied changesets made and the database lost is made again, as their guards
 * make it; rows are not written again, revision rows stay, and a difference stops it first.
 */
class RepairTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  @TempDir Path dir;

  private static Cli.Result run(TestDb db, String changelog, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--url", db.libpqUrl(), "--changelog", changelog));
    return new Cli().run(all.toArray(String[]::new));
  }

  @Test
  void whatWasDroppedIsMadeAgainAndTheRevisionRowsStay() {
    TestDb db = new TestDb("repair_dropped");
    assertEquals(0, run(db, EXAMPLE, "upgrade").code());
    List<String> before = db.schemaFingerprint();
    List<String> rows = db.rows("SELECT id, applied_at FROM migrate_revisions ORDER BY id");
    db.execute(
        "DROP INDEX ix_import_rows_batch_line",
        "ALTER TABLE catalog_items DROP CONSTRAINT uq_catalog_items_sku");
    assertEquals(3, run(db, EXAMPLE, "check").code());

    Cli.Result repair = run(db, EXAMPLE, "repair");
    assertEquals(0, repair.code(), repair.toString());
    String first = repair.out().lines().findFirst().orElse("");
    assertTrue(
        first.matches(
            "Repairing postgresql://\\S+ \\(schema public\\): 2 applied changesets lack objects"),
        first);
    assertTrue(
        repair
            .out()
            .contains("  repaired 0001_create_import_tables (data-team): 1 step run, 0 skipped, "),
        repair.out());
    assertTrue(repair.out().contains("      ran      createIndex: "), repair.out());
    assertTrue(repair.out().contains("      ran      addUniqueConstraint: "), repair.out());
    assertTrue(
        repair
            .out()
            .endsWith(
                "Done: 2 changesets repaired; current revision 0002_add_catalog_tables (head)\n"),
        repair.out());
    assertEquals(before, db.schemaFingerprint());
    assertEquals(rows, db.rows("SELECT id, applied_at FROM migrate_revisions ORDER BY id"));
    assertEquals(0, run(db, EXAMPLE, "check").code());

    Cli.Result again = run(db, EXAMPLE, "repair");
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("nothing that applied changesets made is missing"), again.out());
  }

  @Test
  void aLostTableComesBackWithoutItsRows() {
    Path changelog =
        Changelogs.write(
            dir,
            "seeded.yaml",
            """
        databaseChangeLog:
          - changeSet:
              id: countries
              author: test
              changes:
                - createTable:
                    tableName: countries
                    columns:
                      - column: {name: code, type: char(2)}
                - insert:
                    tableName: countries
                    columns:
                      - column: {name: code, value: FR}
        """);
    TestDb db = new TestDb("repair_rows");
    assertEquals(0, run(db, changelog.toString(), "upgrade").code());
    db.execute("DROP TABLE countries");
    Cli.Result repair = run(db, changelog.toString(), "repair");
    assertEquals(0, repair.code(), repair.toString());
    assertTrue(db.tableExists("countries"));
    // The insert is data: running it again could write rows twice elsewhere, so repair never does.
    assertEquals("0", db.one("SELECT count(*) FROM countries"));
  }

  @Test
  void aDifferenceStopsItBeforeAnythingRuns() {
    TestDb db = new TestDb("repair_drift");
    assertEquals(0, run(db, EXAMPLE, "upgrade").code());
    db.execute(
        "DROP INDEX ix_import_rows_batch_line",
        "ALTER TABLE catalog_items ALTER COLUMN sku TYPE text");
    Cli.Result repair = run(db, EXAMPLE, "repair");
    assertEquals(1, repair.code(), repair.toString());
    assertTrue(
        repair
            .err()
            .startsWith(
                "error: repair makes only what is missing, and these differ from the changelog:\n"
                    + "  drift     0002_add_catalog_tables (catalog-team) at "),
        repair.err());
    assertTrue(repair.err().contains("Nothing was run."), repair.err());
    assertEquals("f", db.one("SELECT to_regclass('public.ix_import_rows_batch_line') IS NOT NULL"));
  }
}
