package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A createView whose query reads a table that a later change renames: PostgreSQL's definition
 * follows the rename, so {@code check} and a rerun after lost history compare the query in the
 * names the later changes give; a view that differs even so is still a difference.
 */
class ViewOverRenamedTableTest {
  @TempDir Path dir;

  // The table and the view over it, then the later change.
  private Path changelog(String later) {
    String create =
        Changelogs.changeset(
            "create",
            "- createTable: {tableName: batches, columns: [{column: {name: id, type: int}},"
                + " {column: {name: status, type: text}}]}\n"
                + "- createView: {viewName: open_batches,"
                + " selectQuery: 'SELECT id, status FROM batches'}");
    String rename =
        Changelogs.changeset("rename", later).substring("databaseChangeLog:\n".length());
    return Changelogs.write(dir, "views.yaml", create + rename);
  }

  private Path changelog() {
    return changelog("- renameTable: {oldTableName: batches, newTableName: lots}");
  }

  // Applied, checked clean, then run again with the revision rows lost: that rerun's result.
  private static Cli.Result checkedThenRerun(TestDb db, Path file) {
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals("2", db.one("SELECT count(*) FROM migrate_revisions"));
    return rerun;
  }

  @Test
  void checkAndARerunAfterLostHistoryFindTheViewAsTheRenameLeftIt() {
    Cli.Result rerun = checkedThenRerun(new TestDb("view_renamed"), changelog());
    assertTrue(
        rerun.out().contains("skipped  createView: view public.open_batches exists with the same"),
        rerun.out());
  }

  @Test
  void aViewReadingAColumnALaterChangeRenamesIsTakenAsMade() {
    Path file =
        changelog(
            "- renameColumn: {tableName: batches, oldColumnName: status, newColumnName: state}");
    Cli.Result rerun = checkedThenRerun(new TestDb("view_column_renamed"), file);
    assertTrue(
        rerun.out().contains("its query reads status, which a later change renames or drops"),
        rerun.out());
  }

  @Test
  void aViewThatDiffersIsStillADifferenceInTheNamesTheRenameGives() {
    TestDb db = new TestDb("view_renamed_drift");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");
    db.execute(
        "CREATE OR REPLACE VIEW open_batches AS SELECT id, status || '!' AS status FROM lots");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(rerun.err().contains("drift: view public.open_batches"), rerun.err());
    assertTrue(rerun.err().contains("FROM lots"), rerun.err());
    assertEquals("0", db.one("SELECT count(*) FROM migrate_revisions"));
  }
}
