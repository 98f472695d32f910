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
 * A statement that sets a sequence to a constant, rerun after the history was lost while the
 * application went on using the sequence: set back, the sequence would give the same ids again. It
 * is skipped where the sequence is at or past what it sets, by {@code upgrade} and by the script; a
 * sequence behind it is moved on, a value computed from the rows is set again, and on a first run a
 * statement that moves a sequence back runs as the changelog asks.
 */
class SequenceRerunTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE t (id bigserial PRIMARY KEY, n text);
      CREATE SEQUENCE s2;
      CREATE SEQUENCE s3;
      CREATE SEQUENCE behind;
      CREATE SEQUENCE down INCREMENT BY -1 START WITH -1 MAXVALUE -1;
      CREATE SEQUENCE computed;
      --changeset a:2
      SELECT setval('t_id_seq', 100);
      ALTER SEQUENCE s2 RESTART WITH 50;
      SELECT pg_catalog.setval('public.s3'::regclass, 10, false);
      SELECT setval('behind', 30);
      SELECT setval('down', -100);
      SELECT setval('computed', (SELECT count(*) FROM t) + 7);
      """;

  private static final String STATES =
      "SELECT string_agg(name || ' ' || last_value || ' ' || is_called, ', ' ORDER BY name) FROM ("
          + " SELECT 't_id_seq' AS name, last_value, is_called FROM t_id_seq"
          + " UNION ALL SELECT 's2', last_value, is_called FROM s2"
          + " UNION ALL SELECT 's3', last_value, is_called FROM s3"
          + " UNION ALL SELECT 'behind', last_value, is_called FROM behind"
          + " UNION ALL SELECT 'down', last_value, is_called FROM down"
          + " UNION ALL SELECT 'computed', last_value, is_called FROM computed) AS states";

  // The application goes on: rows, and values from each sequence; one sequence set back by hand.
  private static void use(TestDb db) {
    db.execute(
        "INSERT INTO t (n) VALUES ('a'), ('b')",
        "SELECT nextval('s2'), nextval('s3'), nextval('s3'), nextval('down'), nextval('down')",
        "SELECT setval('behind', 20)",
        "DELETE FROM migrate_revisions");
  }

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "-v", "--changelog", file.toString());
  }

  @Test
  void aRerunDoesNotSetASequenceBackButAFirstRunDoes() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    TestDb db = new TestDb("sequence_rerun");
    assertEquals(0, upgrade(db, file).code());
    use(db);
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(
        "behind 30 true, computed 9 true, down -102 true, s2 50 true, s3 11 true, t_id_seq 102"
            + " true",
        db.one(STATES));
    assertTrue(
        rerun
            .out()
            .contains(
                "sequence public.s2 gives values at or past what it sets already: set back, it"
                    + " would give again values the database may hold"),
        rerun.out());
    assertEquals(List.of("1|applied", "2|applied"), db.revisions());

    // A changeset that has not run moves the sequence back, as written.
    Path more =
        Changelogs.write(
            dir, "changelog.sql", CHANGELOG + "--changeset a:3\nALTER SEQUENCE s2 RESTART;\n");
    assertEquals(0, upgrade(db, more).code());
    assertEquals("1 false", db.one("SELECT last_value || ' ' || is_called FROM s2"));
  }

  @Test
  void theScriptAsksTheSameOnceItFindsTheDatabaseAhead() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    TestDb db = new TestDb("sequence_rerun_script");
    Cli.Result first =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, Psql.run(db, dir, first.out()).code());
    assertEquals(
        "behind 30 true, computed 7 true, down -100 true, s2 50 false, s3 10 false, t_id_seq 100"
            + " true",
        db.one(STATES));
    use(db);
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(
        "behind 30 true, computed 9 true, down -102 true, s2 50 true, s3 11 true, t_id_seq 102"
            + " true",
        db.one(STATES));
  }
}
