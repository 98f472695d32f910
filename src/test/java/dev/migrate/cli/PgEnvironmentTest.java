package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * psql's environment variables reach the database as they do for psql; flags and MIGRATE_* come
 * first.
 */
class PgEnvironmentTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  private static Cli libpq(TestDb db) {
    return new Cli()
        .env("PGHOST", db.server.host())
        .env("PGPORT", String.valueOf(db.server.port()))
        .env("PGDATABASE", db.name)
        .env("PGUSER", db.server.user())
        .env("PGPASSWORD", db.server.password())
        .env("PGAPPNAME", "deploy-job");
  }

  @Test
  void pgVariablesAloneAreEnough() {
    TestDb db = new TestDb("pgenv");
    Cli.Result run = libpq(db).run("upgrade", "--changelog", EXAMPLE);
    assertEquals(0, run.code(), run.toString());
    assertTrue(
        run.out()
            .startsWith(
                "Upgrading postgresql://"
                    + db.server.host()
                    + ":"
                    + db.server.port()
                    + "/"
                    + db.name
                    + " (schema public)"),
        run.out());
    assertEquals(
        List.of("0001_create_import_tables|applied", "0002_add_catalog_tables|applied"),
        db.revisions());
  }

  @Test
  void flagsAndMigrateVariablesComeFirstAndTheUrlsUserWins() {
    TestDb db = new TestDb("pgenv_first");
    TestDb other = new TestDb("pgenv_other");
    Cli.Result run =
        libpq(other)
            .env("PGUSER", "nobody_here")
            .env("MIGRATE_URL", db.libpqUrl())
            .run("upgrade", "+1", "--changelog", EXAMPLE);
    assertEquals(0, run.code(), run.toString());
    assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());
    assertEquals(List.of(), other.revisions());
  }

  @Test
  void badValuesAreUsageErrorsBeforeConnecting() {
    TestDb db = new TestDb("pgenv_bad");
    Cli.Result badPort = libpq(db).env("PGPORT", "54x").run("current", "--changelog", EXAMPLE);
    assertEquals(2, badPort.code(), badPort.toString());
    assertEquals("error: PGPORT=54x is not a port number\n", badPort.err());
    Cli.Result ssl = libpq(db).env("PGSSLMODE", "sometimes").run("current", "--changelog", EXAMPLE);
    assertEquals(2, ssl.code(), ssl.toString());
    assertEquals(
        "error: sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full\n",
        ssl.err());
    Cli.Result inUrl =
        new Cli().run("current", "--url", db.libpqUrl() + "?sslmode=bogus", "--changelog", EXAMPLE);
    assertEquals(2, inUrl.code(), inUrl.toString());
    Cli.Result port =
        new Cli()
            .run(
                "current",
                "--url",
                "postgresql://postgres@127.0.0.1:abc/db",
                "--changelog",
                EXAMPLE);
    assertEquals(2, port.code(), port.toString());
  }

  @Test
  void withoutAnyDatabaseTheMessageNamesEveryWay() {
    Cli.Result none = new Cli().run("current", "--changelog", EXAMPLE);
    assertEquals(2, none.code(), none.toString());
    assertTrue(none.err().contains("PGHOST"), none.err());
  }
}
