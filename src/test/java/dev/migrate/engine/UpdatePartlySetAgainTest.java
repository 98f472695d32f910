package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An UPDATE rerun after lost history, some of whose columns a later change sets again: it ran
 * before when the columns no later change sets hold its values, whatever the others hold (they are
 * that change's). One of those changed by hand since is a difference to decide, and stops the run.
 */
class UpdatePartlySetAgainTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- sql: UPDATE items SET name = 'Anvil', price = 20 WHERE code = 'A1'",
        "- update: {tableName: items, where: \"code = 'A1'\", columns: [{column: {name: name,"
            + " value: Anvil}}, {column: {name: price, valueNumeric: 20}}]}",
      })
  void ranBeforeWhenWhatNoLaterChangeSetsIsInPlace(String update) {
    Path file =
        Changelogs.write(
            dir,
            "items.yaml",
            Changelogs.changeset(
                    "items",
                    "- createTable: {tableName: items, columns: [{column: {name: code, type: text}},"
                        + " {column: {name: name, type: text}}, {column: {name: price, type: int}}]}\n"
                        + "- sql: INSERT INTO items VALUES ('A1', 'stale', 1), ('B2', 'Bolt', 2)")
                + Changelogs.changeset("price", update).substring("databaseChangeLog:\n".length())
                + Changelogs.changeset(
                        "renamed",
                        "- sql: UPDATE items SET name = 'Anvil, heavy' WHERE code = 'A1'")
                    .substring("databaseChangeLog:\n".length()));
    TestDb db = new TestDb("update_partly_again");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    String rows =
        "SELECT string_agg(code || ':' || name || ':' || price, ', ' ORDER BY code) FROM items";
    assertEquals("A1:Anvil, heavy:20, B2:Bolt:2", db.one(rows));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("skipped: it would change no row"), rerun.out());
    assertEquals("A1:Anvil, heavy:20, B2:Bolt:2", db.one(rows));
    assertEquals(3, db.revisions().size());

    db.execute("DELETE FROM migrate_revisions", "UPDATE items SET price = 21 WHERE code = 'A1'");
    Cli.Result changed = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, changed.code(), changed.toString());
    assertTrue(changed.err().contains("it would write rows in public.items again"), changed.err());
    assertEquals("A1:Anvil, heavy:21, B2:Bolt:2", db.one(rows));
  }
}
