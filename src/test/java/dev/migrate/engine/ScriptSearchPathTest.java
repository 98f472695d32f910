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

/**
 * The {@code --sql} script runs its raw SQL in the search path {@code upgrade} would run it in: the
 * schema {@code --schema} (or the URL's {@code currentSchema}) gives, not psql's own, also after a
 * changeset that set the path itself.
 */
class ScriptSearchPathTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE chain (id int, name text);
      --changeset a:2
      INSERT INTO chain VALUES (1, 'genome');
      SET search_path TO public;
      CREATE TABLE elsewhere (id int);
      --changeset a:3
      INSERT INTO chain VALUES (2, 'exome');
      """;

  @Test
  void theScriptRunsInTheSchemaUpgradeRunsIn() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    for (String how : new String[] {"--schema", "currentSchema"}) {
      TestDb db = new TestDb("script_search_path");
      db.execute("CREATE SCHEMA app");
      Cli.Result script =
          how.equals("--schema")
              ? new Cli().run("upgrade", "--sql", "--schema", "app", "--changelog", file.toString())
              : new Cli()
                  .run(
                      "upgrade",
                      "--sql",
                      "--url",
                      db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=app",
                      "-U",
                      db.server.user(),
                      "--changelog",
                      file.toString());
      assertEquals(0, script.code(), script.toString());
      assertTrue(script.out().contains("SET search_path TO app;\n"), script.out());
      Cli.Result psql = Psql.run(db, dir, script.out());
      assertEquals(0, psql.code(), how + ": " + psql);
      assertEquals(
          "1 genome, 2 exome", db.one("SELECT string_agg(id || ' ' || name, ', ') FROM app.chain"));
      assertEquals(
          "public",
          db.one(
              "SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'elsewhere'"));
      assertEquals(3, db.rows("SELECT 1 FROM app.migrate_revisions").size());
    }
  }
}
