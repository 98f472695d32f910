package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw SQL whose string literals are long (a function body written in single quotes, with ''
 * escapes, as older changelogs write it) is read by upgrade, check and the script alike: reading a
 * quoted string does not take a frame of the stack for each of its characters.
 */
class LongLiteralTest {
  @TempDir Path dir;

  @Test
  void aFunctionBodyOfManyKilobytesInSingleQuotesIsReadByEveryCommand() {
    StringBuilder body = new StringBuilder("BEGIN\n");
    for (int i = 0; i < 3000; i++) {
      body.append("  PERFORM ''line ").append(i).append("'' || ''x'';\n");
    }
    body.append("  RETURN 1;\nEND;");
    Changelogs.write(
        dir,
        "f.sql",
        "CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;\n"
            + "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '"
            + body
            + "';\n");
    Path file =
        Changelogs.write(
            dir,
            "long.yaml",
            """
            databaseChangeLog:
              - changeSet: {id: 1, author: a, changes: [{sqlFile: {path: f.sql, relativeToChangelogFile: true, splitStatements: false}}]}
            """);
    TestDb db = new TestDb("long_literal");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result upgrade = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals("1", db.one("SELECT f()"));
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
    Cli.Result script = migrate.run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
  }
}
