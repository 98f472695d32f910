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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raw SQL in the {@code upgrade --sql} script is guarded as {@code upgrade} guards it: over objects
 * that are there (history lost, or made by the application) the script goes on where upgrade skips,
 * and over a table that differs it stops with upgrade's own sentence, recording nothing.
 */
class RawSqlScriptTest {
  @TempDir Path dir;

  private static final String RAW =
      """
      databaseChangeLog:
        - changeSet:
            id: raw
            author: t
            changes:
              - sql: |
                  CREATE TYPE mood AS ENUM ('calm', 'angry');
                  CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL);
                  CREATE INDEX person_name ON person (name);
                  CREATE VIEW named AS SELECT id, name FROM person;
                  ALTER TABLE person ADD COLUMN feels mood;
                  ALTER TABLE person RENAME COLUMN name TO full_name
        - changeSet:
            id: concurrent
            author: t
            runInTransaction: false
            changes:
              - sql: CREATE INDEX CONCURRENTLY person_feels ON person (feels) -- by mood
      """;

  private static final String SCHEMA =
      "SELECT string_agg(c.relname || ' ' || c.relkind::text, ', ' ORDER BY c.relname) FROM pg_class c"
          + " WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'migrate%'";

  @Test
  void overObjectsThatAreThereTheScriptGoesOnAsUpgradeDoes() {
    Path file = Changelogs.write(dir, "raw.yaml", RAW);
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());

    TestDb online = new TestDb("raw_script_online");
    Cli migrate = new Cli().env("MIGRATE_URL", online.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    online.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());

    TestDb offline = new TestDb("raw_script_offline");
    for (int run = 1; run <= 2; run++) {
      Cli.Result psql = Psql.run(offline, dir, script.out());
      assertEquals(0, psql.code(), "run " + run + ": " + psql);
    }
    offline.execute("DELETE FROM migrate_revisions");
    Cli.Result lost = Psql.run(offline, dir, script.out());
    assertEquals(0, lost.code(), "the script over its own objects, history lost: " + lost);
    assertEquals(
        "2", offline.one("SELECT count(*)::text FROM migrate_revisions WHERE status = 'applied'"));
    assertEquals(
        "named v, person r, person_feels i, person_name i, person_pkey i", offline.one(SCHEMA));
    assertEquals(online.one(SCHEMA), offline.one(SCHEMA));
  }

  /** What an application made before the run, and the difference both must stop on. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a table|CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL)"
            + "|column id: the changelog wants integer NOT NULL, the database has bigint NOT NULL",
        "a column|CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL, feels text)"
            + "|column feels: the changelog wants mood NULL, the database has text NULL",
      })
  void overWhatDiffersTheScriptStopsWithUpgradesSentence(String what, String app, String line) {
    Path file = Changelogs.write(dir, "raw.yaml", RAW);
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());

    TestDb online = new TestDb("raw_script_drift_online");
    online.execute(app);
    Cli.Result run = new Cli().run("upgrade", "--url", online.libpqUrl(), "--changelog", "" + file);
    assertEquals(1, run.code(), run.toString());

    TestDb offline = new TestDb("raw_script_drift_offline");
    offline.execute(app);
    List<String> before = offline.schemaFingerprint();
    Cli.Result psql = Psql.run(offline, dir, script.out());
    assertEquals(3, psql.code(), psql.toString());
    String sentence = "table public.person differs from the changelog: - " + line;
    assertTrue(joined(run.err()).contains(sentence), run.err());
    assertTrue(joined(psql.out()).contains(sentence), psql.out());
    assertEquals("0", offline.one("SELECT count(*)::text FROM migrate_revisions"));
    assertEquals(before, offline.schemaFingerprint(), what + " is left as it was");
  }

  /** The text with each line's indentation and end made one space, as both print it indented. */
  private static String joined(String text) {
    return String.join(" ", text.lines().map(String::strip).toList());
  }
}
