package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An insert's valueBlobFile, and a loadData cell of a column typed BLOB, name a file, found by the
 * folder of the changelog that loads it (not the CSV's), whose bytes are loaded: into a bytea
 * column as they are, into an oid column (what Liquibase makes of a {@code blob} column on
 * PostgreSQL) as a new large object. Liquibase 4.33 run on the same changelog gives the same rows.
 */
class LoadDataBlobTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: 1
            author: a
            changes:
              - createTable:
                  tableName: picture
                  columns:
                    - column: {name: id, type: int}
                    - column: {name: bytes, type: bytea}
                    - column: {name: lob, type: blob}
                    - column: {name: note, type: clob}
              - loadData:
                  file: db/data/deep/picture.csv
                  separator: ;
                  tableName: picture
                  columns:
                    - column: {name: id, type: numeric}
                    - column: {name: bytes, type: blob}
                    - column: {name: lob, type: blob}
                    - column: {name: note, type: clob}
              - insert:
                  tableName: picture
                  columns:
                    - column: {name: id, valueNumeric: 2}
                    - column: {name: bytes, valueBlobFile: blob/p.bin}
                    - column: {name: lob, valueBlobFile: blob/p.bin}
      """;

  private static final String ROWS =
      "SELECT id || ':' || coalesce(encode(bytes, 'hex'), '-') || ':'"
          + " || coalesce(encode(lo_get(lob), 'hex'), '-') || ':' || coalesce(note, '-')"
          + " FROM picture ORDER BY id";

  @Test
  void aBlobCellLoadsTheFileItNames() throws Exception {
    Changelogs.write(dir, "db/changelog/master.yaml", CHANGELOG);
    Changelogs.write(
        dir, "db/data/deep/picture.csv", "id;bytes;lob;note\n1;blob/p.bin;blob/p.bin;blob/p.bin\n");
    Files.createDirectories(dir.resolve("db/changelog/blob"));
    Files.write(
        dir.resolve("db/changelog/blob/p.bin"), new byte[] {(byte) 0x89, 'P', 0, (byte) 0xff});
    // Beside the CSV, a file of that name that neither tool reads.
    Changelogs.write(dir, "db/data/deep/blob/p.bin", "not this one");

    TestDb byLiquibase = new TestDb("blob_lb");
    LiquibaseRun.update(byLiquibase, dir, "db/changelog/master.yaml");
    TestDb byMigrate = new TestDb("blob_migrate");
    String[] upgrade = {
      "upgrade", "--url", byMigrate.libpqUrl(), "--changelog", "db/changelog/master.yaml"
    };
    Cli.Result up = new Cli().in(dir).run(upgrade);
    assertEquals(0, up.code(), up.toString());
    List<String> expected = List.of("1:895000ff:895000ff:blob/p.bin", "2:895000ff:895000ff:-");
    assertEquals(expected, byLiquibase.rows(ROWS));
    assertEquals(expected, byMigrate.rows(ROWS));

    // Its history lost, the rerun finds the rows in place and makes no large object again.
    byMigrate.execute("DELETE FROM migrate_revisions");
    Cli.Result again = new Cli().in(dir).run(upgrade);
    assertEquals(0, again.code(), again.toString());
    assertEquals(expected, byMigrate.rows(ROWS));
    assertEquals("2", byMigrate.one("SELECT count(*) FROM pg_largeobject_metadata"));
  }

  @Test
  void aBlobCellNamingNoFileIsRefusedBeforeAnythingRuns() {
    Changelogs.write(dir, "db/changelog/master.yaml", CHANGELOG);
    Changelogs.write(dir, "db/data/deep/picture.csv", "id;bytes;lob;note\n1;nope.bin;;\n");
    TestDb db = new TestDb("blob_missing");
    Cli.Result up =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", db.libpqUrl(), "--changelog", "db/changelog/master.yaml");
    assertEquals(2, up.code(), up.toString());
    assertTrue(
        up.err().contains("picture.csv:2:1: BLOB column 'bytes': file 'nope.bin' not found"),
        up.err());
    assertEquals(false, db.tableExists("picture"));
  }
}
