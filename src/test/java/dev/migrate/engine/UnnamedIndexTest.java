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
 * createIndex without indexName: PostgreSQL names the index, as for Liquibase's CREATE INDEX ON; a
 * rerun finds it by its definition whatever its name, online and in the --sql script alike, and an
 * index of other columns, or one that backs a key, is not taken for it.
 */
class UnnamedIndexTest {
  @TempDir Path dir;

  private static final String INDEXES =
      "SELECT string_agg(indexname || ' ' || indexdef, E'\\n' ORDER BY indexname)"
          + " FROM pg_indexes WHERE tablename = 'job'";

  private Path changelog() {
    return Changelogs.write(
        dir,
        "unnamed.yaml",
        Changelogs.changeset(
            "job",
            """
                - createTable: {tableName: job, columns: [{column: {name: id, type: int,
                    constraints: {primaryKey: true}}}, {column: {name: queue, type: text}},
                    {column: {name: due, type: timestamptz}}]}
                - createIndex: {tableName: job, columns: [{column: {name: queue}},
                    {column: {name: due, descending: true}}]}
                - createIndex: {tableName: job, unique: true, columns: [{column: {name: id}}]}
                """));
  }

  @Test
  void postgresNamesItAndARerunFindsItByItsDefinition() {
    TestDb db = new TestDb("unnamed_index");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    String made = db.one(INDEXES);
    // The primary key's own index is not taken for the unique index of the same column.
    assertEquals(
        String.join(
            "\n",
            "job_id_idx CREATE UNIQUE INDEX job_id_idx ON public.job USING btree (id)",
            "job_pkey CREATE UNIQUE INDEX job_pkey ON public.job USING btree (id)",
            "job_queue_due_idx CREATE INDEX job_queue_due_idx ON public.job USING btree"
                + " (queue, due DESC)"),
        made);

    db.execute("DELETE FROM migrate_revisions");
    db.execute("ALTER INDEX job_queue_due_idx RENAME TO by_queue");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 3 skipped"), rerun.out());
    assertEquals(
        made.replace("job_queue_due_idx", "by_queue").lines().sorted().toList(),
        db.one(INDEXES).lines().sorted().toList());
  }

  @Test
  void anIndexOfOtherKeysIsNotTakenForItOnlineOrInTheScript() throws Exception {
    String sameColumnsAscending = "CREATE INDEX by_queue ON job (queue, due)";
    TestDb db = new TestDb("unnamed_index_other");
    db.execute(
        "CREATE TABLE job (id int PRIMARY KEY, queue text, due timestamptz)", sameColumnsAscending);
    Path file = changelog();
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());

    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(
        List.of("by_queue", "job_id_idx", "job_pkey", "job_queue_due_idx"), indexNames(db));

    TestDb offline = new TestDb("unnamed_index_script");
    offline.execute(
        "CREATE TABLE job (id int PRIMARY KEY, queue text, due timestamptz)", sameColumnsAscending);
    for (int i = 0; i < 2; i++) {
      Cli.Result psql = Psql.run(offline, dir, script.out());
      assertEquals(0, psql.code(), psql.toString());
    }
    assertEquals(db.one(INDEXES), offline.one(INDEXES));
  }

  @Test
  void anInvalidOneIsBuiltAgain() {
    TestDb db = new TestDb("unnamed_index_invalid");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    db.execute(
        "DELETE FROM migrate_revisions",
        "UPDATE pg_index SET indisvalid = false"
            + " WHERE indexrelid = 'job_queue_due_idx'::regclass");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun.out().contains("invalid index job_queue_due_idx dropped and built again"),
        rerun.out());
    assertEquals(
        "true",
        db.one(
            "SELECT bool_and(indisvalid)::text FROM pg_index"
                + " WHERE indrelid = 'job'::regclass"));
    assertEquals(List.of("job_id_idx", "job_pkey", "job_queue_due_idx"), indexNames(db));
  }

  private static List<String> indexNames(TestDb db) {
    return db.rows("SELECT indexname FROM pg_indexes WHERE tablename = 'job' ORDER BY 1");
  }
}
