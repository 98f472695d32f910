package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dropAllForeignKeyConstraints: drops every foreign key the table holds as the catalog has them
 * when the step runs (one made by hand too), and no other constraint, nor a key of another table
 * that references it; a table with none, or none at all, is skipped. The script does the same when
 * psql runs it, twice. A rerun after lost history does not make again a key a later change drops.
 */
class DropAllForeignKeysTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  private static String changeset(String id, String changes) {
    return Changelogs.changeset(id, changes).substring(HEADER.length());
  }

  private static final String TABLES =
      changeset(
          "tables",
          """
          - createTable:
              tableName: parent
              columns:
                - column: {name: id, type: int, constraints: {primaryKey: true}}
          - createTable:
              tableName: child
              columns:
                - column: {name: id, type: int, constraints: {primaryKey: true}}
                - column: {name: parent_id, type: int, constraints: {foreignKeyName: fk_child_parent, references: parent(id)}}
                - column: {name: other_id, type: int}
                - column: {name: code, type: text, constraints: {unique: true, uniqueConstraintName: uq_child_code}}
          - addForeignKeyConstraint: {baseTableName: child, baseColumnNames: other_id, constraintName: "Fk Other", referencedTableName: parent, referencedColumnNames: id}
          - createTable:
              tableName: note
              columns:
                - column: {name: child_id, type: int, constraints: {foreignKeyName: fk_note_child, references: child(id)}}
          """);

  private Path changelog(String drops) {
    return Changelogs.write(dir, "keys.yaml", HEADER + TABLES + changeset("drop", drops));
  }

  private static String constraints(TestDb db) {
    return String.join(
        ", ",
        db.rows(
            "SELECT conrelid::regclass || ':' || conname || ':' || contype::text FROM pg_constraint"
                + " WHERE connamespace = 'public'::regnamespace"
                + " AND conrelid <> 'migrate_revisions'::regclass ORDER BY 1"));
  }

  private static final String LEFT =
      "child:child_pkey:p, child:uq_child_code:u, note:fk_note_child:f, parent:parent_pkey:p";

  @Test
  void dropsEveryKeyTheTableHoldsAndNoOther() {
    Path file =
        changelog(
            "- dropAllForeignKeyConstraints: {baseTableName: child}\n"
                + "- dropAllForeignKeyConstraints: {baseTableName: parent}\n"
                + "- dropAllForeignKeyConstraints: {baseTableName: never}");
    TestDb db = new TestDb("drop_all_fks");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result first = migrate.run("upgrade", "-v", "--changelog", file.toString(), "tables");
    assertEquals(0, first.code(), first.toString());
    // A key made by hand is the table's too.
    db.execute("ALTER TABLE child ADD CONSTRAINT by_hand FOREIGN KEY (other_id) REFERENCES parent");

    Cli.Result run = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out()
            .contains("dropped foreign keys Fk Other, by_hand, fk_child_parent from public.child"),
        run.out());
    assertTrue(run.out().contains("table public.parent has no foreign key"), run.out());
    assertTrue(
        run.out().contains("table public.never does not exist, so it has no foreign key to drop"),
        run.out());
    assertEquals(LEFT, constraints(db));

    TestDb byScript = Psql.scriptRunTwice(dir, file, "drop_all_fks_script");
    assertEquals(LEFT, constraints(byScript));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- dropAllForeignKeyConstraints: {baseTableName: child}",
        "- dropForeignKeyConstraint: {baseTableName: child, constraintName: fk_child_parent}\n"
            + "- dropForeignKeyConstraint: {baseTableName: child, constraintName: Fk Other}"
      })
  void aRerunAfterLostHistoryFindsTheKeysGone(String drops) {
    Path file = changelog(drops);
    TestDb db = new TestDb("drop_all_fks_rerun");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    // A row the dropped key would refuse.
    db.execute("INSERT INTO child (id, other_id) VALUES (1, 99)", "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    // The key it had dropped is not made again to be dropped: rows written since need not match.
    assertTrue(
        again
            .out()
            .contains(
                "constraint Fk Other of public.child is absent, and a later change drops it:"
                    + " added and dropped since"),
        again.out());
    assertEquals(LEFT, constraints(db));
    assertEquals(2, db.revisions().size());
  }
}
