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

/** downgrade: rollback blocks and automatic inverses, newest first, each with its revision row. */
class DowngradeTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  @TempDir Path dir;

  private static Cli.Result run(TestDb db, String changelog, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--url", db.libpqUrl(), "--changelog", changelog));
    return new Cli().run(all.toArray(String[]::new));
  }

  @Test
  void automaticInversesUndoTheExampleOneChangesetAtATimeAndUpgradeRedoesIt() {
    TestDb db = new TestDb("down_example");
    assertEquals(0, run(db, EXAMPLE, "upgrade").code());
    List<String> full = db.schemaFingerprint();

    Cli.Result one = run(db, EXAMPLE, "downgrade", "-1");
    assertEquals(0, one.code(), one.toString());
    assertTrue(
        one.out()
            .contains("  reverted 0002_add_catalog_tables (catalog-team): 4 steps run, 0 skipped"),
        one.out());
    assertTrue(
        one.out()
            .endsWith(
                "Done: 1 changeset undone; current revision 0001_create_import_tables (1 pending)\n"),
        one.out());
    assertFalse(db.tableExists("catalog_items"));
    assertEquals(null, db.one("SELECT typname FROM pg_type WHERE typname = 'categorytype'"));
    assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());

    Cli.Result base = run(db, EXAMPLE, "downgrade", "base");
    assertEquals(0, base.code(), base.toString());
    assertEquals(List.of(), db.schemaFingerprint());
    assertEquals(List.of(), db.revisions());

    assertEquals(0, run(db, EXAMPLE, "upgrade").code());
    assertEquals(full, db.schemaFingerprint());
  }

  @Test
  void aRollbackBlockIsRunAndAChangesetWithoutOneOrAnInverseIsRefusedBeforeAnythingRuns()
      throws Exception {
    TestDb db = new TestDb("down_blocks");
    String changelog =
        Changelogs.write(
                dir,
                "c.yaml",
                """
        databaseChangeLog:
          - changeSet:
              id: table
              author: a
              changes:
                - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
          - changeSet:
              id: seed
              author: a
              changes:
                - sql: INSERT INTO t VALUES (1), (2)
              rollback: DELETE FROM t WHERE id IN (1, 2)
          - changeSet:
              id: raw
              author: a
              changes:
                - sql: INSERT INTO t VALUES (3)
        """)
            .toString();
    assertEquals(0, run(db, changelog, "upgrade").code());
    Cli.Result refused = run(db, changelog, "downgrade", "table");
    assertEquals(2, refused.code(), refused.toString());
    assertTrue(
        refused
            .err()
            .startsWith(
                "error: changeset raw (a) at "
                    + changelog
                    + ":14:7 cannot be rolled back: its sql at "
                    + changelog
                    + ":17:11 has no automatic inverse, and the changeset has no rollback block."),
        refused.err());
    assertEquals(List.of("1", "2", "3"), db.rows("SELECT id FROM t ORDER BY id"));
    assertEquals(3, db.revisions().size());

    // An empty rollback undoes nothing; rollback blocks are not part of the checksum.
    java.nio.file.Files.writeString(
        Path.of(changelog),
        java.nio.file.Files.readString(Path.of(changelog))
            .replace(
                "- sql: INSERT INTO t VALUES (3)\n",
                "- sql: INSERT INTO t VALUES (3)\n      rollback:\n"));
    Cli.Result down = run(db, changelog, "downgrade", "table");
    assertEquals(0, down.code(), down.toString());
    assertTrue(down.out().contains("  reverted raw (a): 0 steps run, 0 skipped"), down.out());
    assertTrue(down.out().contains("  reverted seed (a): 1 step run, 0 skipped"), down.out());
    assertEquals(List.of("3"), db.rows("SELECT id FROM t ORDER BY id"));
    assertEquals(List.of("table|applied"), db.revisions());
  }
}
