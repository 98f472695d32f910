package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog's SQL reaches the server through the JDBC driver, which reads {@code ??} outside
 * strings, quoted names, dollar quotes and comments as PostgreSQL's {@code ?} operator. The {@code
 * --sql} script, run by psql, sends what the driver would: the two databases come out the same.
 */
class JdbcEscapesTest {
  @TempDir Path dir;

  @Test
  void theScriptSendsWhatTheDriverSends() {
    Path file =
        Changelogs.write(
            dir,
            "changelog.sql",
            """
            --liquibase formatted sql
            --changeset a:1
            CREATE TABLE doc (id int, body jsonb, note text);
            CREATE INDEX doc_tagged ON doc (id) WHERE body ?? 'tag';
            CREATE VIEW tagged AS SELECT id, body ?? 'tag' AS tagged, '??' AS kept, $$??$$ AS dollar,
              "note" AS "??" FROM doc /* ?? */;
            INSERT INTO doc VALUES (1, '{"tag": 1}', 'what ?? stays');
            --changeset a:2 runInTransaction:false
            CREATE INDEX CONCURRENTLY doc_untagged ON doc (id) WHERE NOT body ?? 'tag';
            """);
    TestDb byUpgrade = new TestDb("jdbc_escapes");
    Cli.Result upgrade =
        new Cli().run("upgrade", "--url", byUpgrade.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, upgrade.code(), upgrade.toString());

    TestDb byScript = new TestDb("jdbc_escapes_script");
    Cli.Result script =
        new Cli()
            .run("upgrade", "--sql", "--url", byScript.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(byScript, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(SchemaDump.of(byUpgrade), SchemaDump.of(byScript));
    assertEquals("what ?? stays", byScript.one("SELECT note FROM doc"));
  }
}
