package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column or a table dropped and later made again under the same name. After a full run the
 * database holds the later one, with the application's data in it; a rerun after lost history must
 * not drop it. A first run still drops the old one.
 */
class ReplayDropTest {
  @TempDir Path dir;

  private Path changelog() {
    String one =
        Changelogs.changeset(
            "create",
            """
        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}, {column: {name: note, type: text}}]}
        - createTable: {tableName: u, columns: [{column: {name: a, type: int}}]}
        """);
    String two =
        Changelogs.changeset(
            "drop",
            """
        - dropColumn: {tableName: t, columnName: note}
        - dropTable: {tableName: u}
        """);
    String three =
        Changelogs.changeset(
            "again",
            """
        - addColumn: {tableName: t, columns: [{column: {name: note, type: varchar(20)}}]}
        - createTable: {tableName: u, columns: [{column: {name: b, type: text}}]}
        """);
    return Changelogs.write(
        dir,
        "replay.yaml",
        one + two.replace("databaseChangeLog:\n", "") + three.replace("databaseChangeLog:\n", ""));
  }

  @Test
  void aRerunAfterLostHistoryKeepsTheLaterObjectsAndTheirData() {
    Path file = changelog();
    TestDb db = new TestDb("replay_drop");
    db.execute(
        "CREATE TABLE t (id int, note text)",
        "INSERT INTO t VALUES (1, 'old')",
        "CREATE TABLE u (a int)");
    // A first run over the old objects (made by hand before it): the old ones are dropped.
    Cli.Result first =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertEquals(List.of("id:integer:false", "note:character varying(20):false"), db.columns("t"));
    assertEquals(List.of("1|"), db.rows("SELECT id || '|' || coalesce(note, '') FROM t"));
    assertEquals(List.of("b:text:false"), db.columns("u"));

    db.execute(
        "UPDATE t SET note = 'app data'",
        "INSERT INTO u VALUES ('app row')",
        "DELETE FROM migrate_revisions");
    Cli.Result again =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertEquals(List.of("1|app data"), db.rows("SELECT id || '|' || note FROM t"));
    assertEquals(List.of("app row"), db.rows("SELECT b FROM u"));
  }
}
