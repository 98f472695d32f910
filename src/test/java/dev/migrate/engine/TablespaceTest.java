package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tablespaces as Liquibase writes them: createTable's table and its primary key, createIndex,
 * addPrimaryKey and addUniqueConstraint; the same database as Liquibase's, a rerun that finds it
 * all, and a table or index in another tablespace than the changelog names is a difference online
 * and in the --sql script alike.
 */
class TablespaceTest {
  @TempDir static Path space;
  @TempDir Path dir;

  private static final String TABLESPACE = "mt_space_" + ProcessHandle.current().pid();
  private static final List<TestDb> made = new ArrayList<>();

  @BeforeAll
  static void makeTheTablespace() throws Exception {
    TestDb admin = new TestDb("tablespace_admin");
    made.add(admin);
    // A tablespace is a directory of the server's own: only a server on this machine, run by this
    // user (the embedded one), can have one made here.
    Assumptions.assumeTrue(
        "localhost".equals(admin.server.host()) || "127.0.0.1".equals(admin.server.host()));
    Path location = Files.createDirectories(space.resolve("pg"));
    try {
      admin.execute("CREATE TABLESPACE " + TABLESPACE + " LOCATION '" + location + "'");
    } catch (IllegalStateException e) {
      Assumptions.abort("this server cannot make a tablespace here: " + e.getMessage());
    }
  }

  @AfterAll
  static void dropIt() {
    TestDb admin = made.get(0);
    for (TestDb db : made.subList(1, made.size())) {
      admin.execute("DROP DATABASE IF EXISTS " + db.name);
    }
    admin.execute("DROP TABLESPACE IF EXISTS " + TABLESPACE);
  }

  private static TestDb db(String prefix) {
    TestDb db = new TestDb(prefix);
    made.add(db);
    return db;
  }

  private Path changelog() {
    return Changelogs.write(
        dir,
        "spaces.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: spaces
              author: a
              changes:
                - createTable:
                    tableName: ledger
                    tablespace: %1$s
                    columns:
                      - column: {name: id, type: int, constraints: {primaryKey: true, primaryKeyTablespace: %1$s}}
                      - column: {name: account, type: text}
                      - column: {name: ref, type: text}
                - createIndex: {tableName: ledger, indexName: ledger_account, tablespace: %1$s, columns: [{column: {name: account}}]}
                - createIndex: {tableName: ledger, tablespace: %1$s, columns: [{column: {name: account}}, {column: {name: id}}]}
                - addUniqueConstraint: {tableName: ledger, columnNames: ref, constraintName: ledger_ref, tablespace: %1$s}
                - createTable:
                    tableName: entry
                    columns:
                      - column: {name: id, type: int, constraints: {nullable: false}}
                - addPrimaryKey: {tableName: entry, columnNames: id, tablespace: %1$s}
        """
            .formatted(TABLESPACE.toUpperCase()));
  }

  private static final String PLACES =
      "SELECT string_agg(c.relname || ' ' || coalesce(s.spcname, 'default'), ', ' ORDER BY c.relname)"
          + " FROM pg_class c LEFT JOIN pg_tablespace s ON s.oid = c.reltablespace"
          + " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')"
          + " AND c.relname <> 'migrate_revisions' AND c.relname NOT LIKE 'migrate_revisions%'";

  @Test
  void everythingIsWhereLiquibasePutsItAndARerunFindsIt() throws Exception {
    Path file = changelog();
    TestDb byLiquibase = db("tablespace_lb");
    LiquibaseRun.update(byLiquibase, dir, "spaces.yaml");
    TestDb byMigrate = db("tablespace_migrate");
    Cli migrate = new Cli().env("MIGRATE_URL", byMigrate.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertEquals(
        "entry default, entry_pkey %1$s, ledger %1$s, ledger_account %1$s,".formatted(TABLESPACE)
            + " ledger_account_id_idx %1$s, ledger_pkey %1$s, ledger_ref %1$s"
                .formatted(TABLESPACE),
        byMigrate.one(PLACES));
    assertEquals(SchemaDump.of(byLiquibase), SchemaDump.of(byMigrate));

    byMigrate.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 6 skipped"), rerun.out());
  }

  @Test
  void aTableOrIndexElsewhereIsADifferenceOnlineAndInTheScript() throws Exception {
    Path file = changelog();
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    String wanted =
        "the changelog wants tablespace " + TABLESPACE + ", the database has pg_default";

    TestDb table = db("tablespace_table");
    table.execute("CREATE TABLE ledger (id int PRIMARY KEY, account text, ref text)");
    Cli.Result online =
        new Cli().run("upgrade", "--url", table.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, online.code(), online.toString());
    assertTrue(online.err().contains("table public.ledger differs"), online.err());
    assertTrue(online.err().contains(wanted), online.err());
    Cli.Result offline = Psql.run(table, dir, script.out());
    assertTrue(offline.code() != 0, offline.toString());
    assertTrue(offline.out().contains(wanted), offline.out());

    TestDb index = db("tablespace_index");
    index.execute(
        "CREATE TABLE ledger (id int PRIMARY KEY USING INDEX TABLESPACE "
            + TABLESPACE
            + ","
            + " account text, ref text) TABLESPACE "
            + TABLESPACE,
        "CREATE INDEX ledger_account ON ledger (account)");
    online = new Cli().run("upgrade", "--url", index.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, online.code(), online.toString());
    assertTrue(online.err().contains("index public.ledger_account: " + wanted), online.err());
    offline = Psql.run(index, dir, script.out());
    assertTrue(offline.code() != 0, offline.toString());
    assertTrue(offline.out().contains("index public.ledger_account: " + wanted), offline.out());
  }

  @Test
  void aNameThatIsNotPlainIsQuotedNeverRun() {
    Path file =
        Changelogs.write(
            dir,
            "odd.yaml",
            Changelogs.changeset(
                "odd",
                "- createTable: {tableName: t, tablespace: 'x; DROP TABLE y',"
                    + " columns: [{column: {name: id, type: int}}]}"));
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    assertTrue(script.out().contains("TABLESPACE \"x; DROP TABLE y\"'"), script.out());
  }
}
