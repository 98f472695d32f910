package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A changeset outside a transaction commits statement by statement, so a run killed inside it
 * leaves any prefix of its statements done and the changeset unrecorded. For every such prefix of a
 * changeset of the raw statement forms such changesets hold, the next run (and the {@code --sql}
 * script through psql) exits 0 and leaves the schema a run never killed leaves.
 */
class KilledAtEachStatementTest {
  @TempDir Path dir;

  private static final String BEFORE =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TYPE mood AS ENUM ('ok');
      CREATE TABLE k0 (id int PRIMARY KEY, code text);
      CREATE INDEX k0_code ON k0 (code);
      CREATE TABLE k0_other (id int);
      CREATE VIEW k0_v AS SELECT id FROM k0_other;
      CREATE SEQUENCE k0_s;
      --changeset a:2 runInTransaction:false
      """;

  // The statements of the changeset outside a transaction, in order.
  private static final List<String> STATEMENTS =
      List.of(
          "CREATE TABLE k1 (id int PRIMARY KEY, code text, n int)",
          "CREATE INDEX CONCURRENTLY k1_code ON k1 (code)",
          "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS k1_n ON k1 (n)",
          "CREATE INDEX CONCURRENTLY ON k1 (code, n)",
          "CREATE INDEX ON k1 (n, code)",
          "ALTER TABLE k1 ADD COLUMN extra text",
          "ALTER TABLE k1 RENAME COLUMN extra TO more",
          "ALTER TABLE k1 ALTER COLUMN n SET DEFAULT 0",
          "ALTER TABLE k1 ALTER COLUMN more TYPE varchar(20)",
          "ALTER TABLE k1 ADD CONSTRAINT k1_n_pos CHECK (n > 0)",
          "ALTER TABLE k1 ADD UNIQUE (code)",
          "ALTER TABLE k1 ADD COLUMN a int, ADD COLUMN b int",
          "ALTER TYPE mood ADD VALUE 'sad'",
          "CREATE TYPE kind AS ENUM ('a', 'b')",
          "CREATE VIEW k1_v AS SELECT id, code FROM k1",
          "CREATE SEQUENCE k1_s",
          "ALTER SEQUENCE k1_s RENAME TO k1_seq",
          "ALTER INDEX k1_code RENAME TO k1_code_ix",
          "COMMENT ON TABLE k1 IS 'kept'",
          "DROP INDEX CONCURRENTLY k0_code",
          "DROP VIEW k0_v",
          "ALTER TABLE k0 RENAME TO k0_old",
          "DROP TABLE k0_old, k0_other",
          "DROP SEQUENCE k0_s",
          "ALTER TABLE k1 DROP COLUMN more");

  private static Path changelog(Path dir) {
    return Changelogs.write(
        dir,
        "killed.sql",
        BEFORE
            + String.join(";\n", STATEMENTS)
            + ";\n--changeset a:3\n"
            + "CREATE TABLE k2 (id int);\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"upgrade", "script"})
  void theNextRunCompletesItFromAnyStatement(String how) {
    Path file = changelog(dir);
    TestDb reference = new TestDb("killed_each_ref");
    Cli.Result clean =
        new Cli().env("MIGRATE_URL", reference.libpqUrl()).run("upgrade", "-c", file.toString());
    assertEquals(0, clean.code(), clean.toString());
    String expected = SchemaDump.schemaOnly(reference);
    for (int done = 0; done <= STATEMENTS.size(); done++) {
      TestDb db = new TestDb("killed_each");
      Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
      assertEquals(0, migrate.run("upgrade", "-c", file.toString(), "+1").code());
      db.execute(STATEMENTS.subList(0, done).toArray(String[]::new)); // what the killed run did
      String after = "killed after statement " + done + " of changeset 2";
      if (how.equals("script")) {
        Cli.Result sql = migrate.run("upgrade", "--sql", "-c", file.toString());
        assertEquals(0, sql.code(), after + "\n" + sql);
        Cli.Result psql = Psql.run(db, dir, sql.out());
        assertEquals(0, psql.code(), after + "\n" + psql);
      } else {
        Cli.Result run = migrate.run("upgrade", "-c", file.toString());
        assertEquals(0, run.code(), after + "\n" + run);
      }
      assertEquals(expected, SchemaDump.schemaOnly(db), after);
      assertEquals(3, db.revisions().size(), after);
    }
  }
}
