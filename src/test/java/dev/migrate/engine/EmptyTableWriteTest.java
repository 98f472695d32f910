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
 * On a rerun over a database ahead of its revision rows, an UPDATE or DELETE whose table holds no
 * rows has none to change: it is skipped rather than run against a schema later changes have moved
 * on, where it could only fail. One whose table has rows is still run or stopped on as before.
 */
class EmptyTableWriteTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet: {id: 1, author: a, changes: [{createTable: {tableName: a, columns: [{column: {name: id, type: uuid}}]}}, {createTable: {tableName: b, columns: [{column: {name: id, type: uuid}}, {column: {name: a_id, type: uuid}}]}}]}
        - changeSet: {id: 2, author: a, changes: [{sql: "UPDATE b SET a_id = a.id FROM a WHERE b.id = a.id"}, {sql: "DELETE FROM b WHERE a_id = id"}]}
        - changeSet: {id: 3, author: a, changes: [{sql: "ALTER TABLE a ALTER COLUMN id TYPE text USING id::text"}]}
      """;

  @Test
  void anUpdateOfAnEmptyTableIsSkippedWhereTheSchemaMovedOn() {
    Path file = Changelogs.write(dir, "empty.yaml", CHANGELOG);
    TestDb db = new TestDb("empty_table_write");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "UPDATE b SET a_id = a.id FROM a WHERE b.id = a.id skipped: public.b holds no"
                    + " rows: the statement has none to change"),
        again.out());
    assertEquals(3, db.revisions().size(), db.revisions().toString());
    assertEquals(List.of("id:text:false"), db.columns("a"));
  }

  // The --sql script made without a database, once it has found the database ahead, skips them
  // too: it stopped on the UPDATE, whose uuid and text no longer meet.
  @Test
  void theScriptSkipsThemToo() {
    Path file = Changelogs.write(dir, "empty.yaml", CHANGELOG);
    TestDb db = new TestDb("empty_table_script");
    assertEquals(0, Cli.on(db, file, "upgrade").code());
    db.execute("DELETE FROM migrate_revisions");

    Cli.Result again = Psql.script(db, dir, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(3, db.revisions().size(), db.revisions().toString());
    assertEquals(List.of("id:text:false"), db.columns("a"));
  }
}
