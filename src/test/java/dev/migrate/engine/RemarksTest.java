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
 * setTableRemarks, setColumnRemarks and empty: the comments land where PostgreSQL shows them, a
 * rerun finds them and skips, a comment changed by hand is set back, and a rerun after lost history
 * leaves alone what a later change drops.
 */
class RemarksTest {
  @TempDir Path dir;

  private static final String TABLE =
      "- createTable: {tableName: batches, columns: [{column: {name: id, type: int}},"
          + " {column: {name: status, type: text}}]}\n"
          + "- createView: {viewName: open_batches, selectQuery: 'SELECT id, status FROM batches'}";

  private static final String HEADER = "databaseChangeLog:\n";

  // One changeset as a list item, to follow others.
  private static String changeset(String id, String changes) {
    return Changelogs.changeset(id, changes).substring(HEADER.length());
  }

  private Path changelog(String... more) {
    StringBuilder text =
        new StringBuilder(changeset("create", TABLE))
            .append(
                changeset(
                    "describe",
                    "- setTableRemarks: {tableName: batches, remarks: \"One upload; it's kept\"}\n"
                        + "- setColumnRemarks: {tableName: batches, columnName: status,"
                        + " remarks: Where it stands}\n"
                        + "- setColumnRemarks: {tableName: open_batches, columnName: id,"
                        + " columnParentType: VIEW, remarks: The batch}\n"
                        + "- empty: {}"));
    for (String changeset : more) {
      text.append(changeset);
    }
    return Changelogs.write(dir, "remarks.yaml", HEADER + text);
  }

  private static String tableComment(TestDb db) {
    return db.one("SELECT obj_description('batches'::regclass, 'pg_class')");
  }

  @Test
  void setFoundOnARerunAndSetBackWhereChangedByHand() {
    TestDb db = new TestDb("remarks_set");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertEquals("One upload; it's kept", tableComment(db));
    assertEquals("Where it stands", db.one("SELECT col_description('batches'::regclass, 2)"));
    assertEquals("The batch", db.one("SELECT col_description('open_batches'::regclass, 1)"));

    db.execute("DELETE FROM migrate_revisions");
    db.execute("COMMENT ON COLUMN batches.status IS 'changed by hand'");
    Cli.Result rerun = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("table public.batches already has this comment"), rerun.out());
    assertTrue(rerun.out().contains("set the comment of column status"), rerun.out());
    assertEquals("Where it stands", db.one("SELECT col_description('batches'::regclass, 2)"));
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
  }

  @Test
  void emptyRemarksLeaveNoCommentAndALaterRenameIsLeftToItsChange() {
    TestDb db = new TestDb("remarks_later");
    Path file =
        changelog(
            changeset("clear", "- setTableRemarks: {tableName: batches}"),
            changeset("rename", "- renameTable: {oldTableName: batches, newTableName: lots}"));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    assertEquals("t", db.one("SELECT obj_description('lots'::regclass, 'pg_class') IS NULL"));
    assertEquals("Where it stands", db.one("SELECT col_description('lots'::regclass, 2)"));

    // History lost after the rename: the comments' table has its later name, and the later
    // change is the one to say so.
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun.out().contains("table public.batches is absent, and a later change drops"),
        rerun.out());
    assertEquals("t", db.one("SELECT obj_description('lots'::regclass, 'pg_class') IS NULL"));
    assertEquals("Where it stands", db.one("SELECT col_description('lots'::regclass, 2)"));
  }

  @Test
  void aTableThatIsNotThereIsADifferenceNamingIt() {
    TestDb db = new TestDb("remarks_missing");
    Path file =
        Changelogs.write(
            dir,
            "missing.yaml",
            HEADER
                + changeset("describe", "- setColumnRemarks: {tableName: nowhere, columnName: c}"));
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("table public.nowhere does not exist"), run.err());
  }

  @Test
  void aChangesetOfEmptyAloneIsRecordedAndUndoneWithNothing() {
    TestDb db = new TestDb("remarks_empty");
    Path file =
        Changelogs.write(dir, "empty.yaml", HEADER + changeset("placeholder", "- empty: {}"));
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    assertEquals("1", db.one("SELECT count(*) FROM migrate_revisions"));
    Cli.Result down = migrate.run("downgrade", "base", "--changelog", file.toString());
    assertEquals(0, down.code(), down.toString());
    assertEquals("0", db.one("SELECT count(*) FROM migrate_revisions"));
  }
}
