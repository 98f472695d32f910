package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A changeset outside a transaction whose raw DROP ran before a run was killed, unrecorded: the
 * next run, and the script, find it dropped already and go on, whatever the form of the DROP.
 */
class KilledAfterDropTest {
  @TempDir Path dir;

  private static final String FIRST =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE item (id int, code text);
      CREATE INDEX ix_code ON item (code);
      CREATE INDEX ix_code_2 ON item (code, id);
      CREATE VIEW v_item AS SELECT id FROM item;
      CREATE MATERIALIZED VIEW m_item AS SELECT id FROM item;
      CREATE SEQUENCE s_item;
      CREATE TABLE old_item (id int);
      CREATE TABLE older_item (id int);
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DROP INDEX CONCURRENTLY ix_code",
        "drop index concurrently public.ix_code",
        "DROP INDEX ix_code",
        "DROP VIEW v_item",
        "DROP MATERIALIZED VIEW m_item",
        "DROP SEQUENCE s_item CASCADE",
        "DROP TABLE old_item",
        "DROP TABLE old_item, public.older_item CASCADE",
        "DROP INDEX ix_code, ix_code_2"
      })
  void theNextRunFindsItDroppedAndGoesOn(String drop) {
    Path file =
        Changelogs.write(
            dir,
            "drop.sql",
            FIRST
                + "--changeset a:2 runInTransaction:false\n"
                + drop
                + ";\n"
                + "CREATE INDEX CONCURRENTLY ix_id ON item (id);\n");
    for (boolean script : new boolean[] {false, true}) {
      TestDb db = new TestDb("killed_after_drop");
      Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
      assertEquals(0, migrate.run("upgrade", "--changelog", file.toString(), "+1").code());
      db.execute(drop); // the killed run's DROP
      if (script) {
        Cli.Result sql = migrate.run("upgrade", "--sql", "--changelog", file.toString());
        assertEquals(0, sql.code(), sql.toString());
        Cli.Result psql = Psql.run(db, dir, sql.out());
        assertEquals(0, psql.code(), psql.toString());
      } else {
        Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
        assertEquals(0, run.code(), run.toString());
      }
      assertEquals(2, db.revisions().size(), drop);
      assertEquals("1", db.one("SELECT count(*) FROM pg_class WHERE relname = 'ix_id'"));
    }
  }
}
