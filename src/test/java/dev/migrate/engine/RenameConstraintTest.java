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
 * A raw ALTER TABLE … RENAME CONSTRAINT a TO b is done when the table has b and no a: a rerun after
 * lost history passes over it rather than fail on the name that is gone, and so does the script.
 */
class RenameConstraintTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet: {id: 1, author: a, changes: [{sql: "CREATE TABLE t (id int CONSTRAINT t_old_pk PRIMARY KEY)"}]}
        - changeSet: {id: 2, author: a, changes: [{sql: "ALTER TABLE t RENAME CONSTRAINT t_old_pk TO t_pk"}]}
      """;

  @Test
  void aConstraintRenamedAlreadyIsPassedOver() {
    Path file = Changelogs.write(dir, "rename.yaml", CHANGELOG);
    TestDb db = new TestDb("rename_constraint");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("constraint t_old_pk of public.t is already named t_pk"), again.out());
    assertEquals(
        List.of("t_pk"),
        db.rows("SELECT conname FROM pg_constraint WHERE conrelid = 't'::regclass"));

    TestDb scripted = Psql.scriptRunTwice(dir, file, "rename_constraint_script");
    assertEquals(
        List.of("t_pk"),
        scripted.rows("SELECT conname FROM pg_constraint WHERE conrelid = 't'::regclass"));
  }
}
