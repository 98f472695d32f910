package dev.migrate.postgres;

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

  @Test
  void anIndexOrKeyOnATableALaterChangeDropsIsNotMadeOnTheOneInPlace() {
    String changesets =
        Changelogs.changeset(
                "create",
                "- createTable: {tableName: u, columns: [{column: {name: a, type: int}}, {column:"
                    + " {name: b, type: text}}]}")
            + Changelogs.changeset(
                    "index",
                    """
            - createIndex: {tableName: u, indexName: u_a_idx, columns: [{column: {name: a}}]}
            - addUniqueConstraint: {tableName: u, columnNames: a, constraintName: u_a_key}
            - createIndex: {tableName: u, indexName: u_b_idx, columns: [{column: {name: b}}]}
            """)
                .replace("databaseChangeLog:\n", "")
            + Changelogs.changeset(
                    "again",
                    """
            - dropTable: {tableName: u}
            - createTable: {tableName: u, columns: [{column: {name: b, type: text}}]}
            """)
                .replace("databaseChangeLog:\n", "");
    Path file = Changelogs.write(dir, "index.yaml", changesets);
    TestDb db = new TestDb("replay_drop_index");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute("INSERT INTO u VALUES ('app row')", "DELETE FROM migrate_revisions");

    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again
            .out()
            .contains(
                "index public.u_b_idx is absent, and a later change drops its table public.u: made"
                    + " and dropped since"),
        again.out());
    assertTrue(
        again
            .out()
            .contains(
                "u_a_key on public.u is absent and its column a is not in the table in place, which"
                    + " a later change drops: it is taken for a later change's"),
        again.out());
    assertEquals(
        List.of(), db.rows("SELECT indexname FROM pg_indexes WHERE tablename = 'u' ORDER BY 1"));
    assertEquals(List.of("app row"), db.rows("SELECT b FROM u"));
    assertEquals(List.of("b:text:false"), db.columns("u"));
  }
}
