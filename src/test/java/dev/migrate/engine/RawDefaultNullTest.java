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
 * A column written {@code DEFAULT NULL} in a raw CREATE TABLE: PostgreSQL stores the NULL constant
 * cast to the column's type ({@code NULL::character varying}), which is no default at all. The
 * table is found as its statement makes it by {@code check}, a rerun and the script alike.
 */
class RawDefaultNullTest {
  @TempDir Path dir;

  @Test
  void aDefaultNullIsNoDefaultOnlineAndInTheScript() throws Exception {
    Path file =
        Changelogs.write(
            dir,
            "null.yaml",
            Changelogs.changeset(
                "t",
                "- sql: CREATE TABLE t (id int, status varchar(50) DEFAULT NULL, n int DEFAULT"
                    + " NULL)"));
    TestDb db = new TestDb("raw_default_null");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("0 steps run, 1 skipped"), again.out());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
  }
}
