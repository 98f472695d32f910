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
 * Raw SQL written for Liquibase that alters its own tables (databasechangelog,
 * databasechangeloglock) is skipped where the table is absent, as in a database migrate made, in
 * upgrade and in the script; where Liquibase made the database, the table is there and the
 * statements run.
 */
class LiquibaseOwnTablesTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: 1
            author: a
            changes:
              - sql: |
                  ALTER TABLE databasechangelog DROP CONSTRAINT IF EXISTS databasechangelog_pkey;
                  ALTER TABLE databasechangelog ADD CONSTRAINT databasechangelog_pkey PRIMARY KEY (id, author, filename);
                  UPDATE DATABASECHANGELOGLOCK SET locked = false;
                  CREATE TABLE feed (id int)
      """;

  @Test
  void aStatementOnLiquibasesAbsentTableIsSkipped() {
    Path file = Changelogs.write(dir, "own.yaml", CHANGELOG);
    TestDb db = new TestDb("liquibase_own");
    Cli.Result up =
        new Cli()
            .env("MIGRATE_URL", db.libpqUrl())
            .run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, up.code(), up.toString());
    assertTrue(
        up.out()
            .contains(
                "table public.databasechangelog is Liquibase's own, and absent: migrate keeps its"
                    + " history in its revision table"),
        up.out());
    assertTrue(db.tableExists("feed"));
    assertEquals(false, db.tableExists("databasechangelog"));

    TestDb scripted = new TestDb("liquibase_own_script");
    Cli.Result script =
        new Cli()
            .run("upgrade", "--sql", "--url", scripted.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(scripted, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertTrue(scripted.tableExists("feed"));
  }

  @Test
  void whereLiquibaseMadeTheDatabaseTheStatementsRun() {
    Path file = Changelogs.write(dir, "own.yaml", CHANGELOG);
    TestDb db = new TestDb("liquibase_own_there");
    db.execute(
        "CREATE TABLE databasechangelog (id text NOT NULL, author text NOT NULL, filename text NOT"
            + " NULL, CONSTRAINT databasechangelog_pkey PRIMARY KEY (id))",
        "CREATE TABLE databasechangeloglock (id int, locked boolean)",
        "INSERT INTO databasechangeloglock VALUES (1, true)");
    Cli.Result up =
        new Cli().env("MIGRATE_URL", db.libpqUrl()).run("upgrade", "--changelog", file.toString());
    assertEquals(0, up.code(), up.toString());
    assertEquals(
        List.of("PRIMARY KEY (id, author, filename)"),
        db.rows(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conname = 'databasechangelog_pkey'"));
    assertEquals("f", db.one("SELECT locked FROM databasechangeloglock"));
  }
}
