package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A first changeset outside a transaction is looked at as a killed run may have left it: a later
 * changeset found in place would mean the database went further. On a new database a later raw
 * statement is skipped where its object is absent and a changeset after it drops or renames that
 * object; that is no evidence, and every changeset runs, as psql runs them. After lost history the
 * same changelog finds everything in place.
 */
class FreshRunOutsideTransactionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ALTER TABLE t1 ADD COLUMN c5 int|ALTER TABLE t1 RENAME TO t2",
        "CREATE INDEX i1 ON t1 (c4)|DROP INDEX i1",
        "CREATE VIEW v1 AS SELECT c4 FROM t1|ALTER VIEW v1 RENAME TO v2",
        "ALTER TABLE t1 ADD CONSTRAINT k1 UNIQUE (c4)|ALTER TABLE t1 DROP CONSTRAINT k1",
        "CREATE TABLE t3 (id int)|DROP TABLE t3",
        "CREATE TYPE e1 AS ENUM ('a')|DROP TYPE e1"
      })
  void everyChangesetRunsOnANewDatabase(String second, String third) {
    String first = "CREATE TABLE t1 (id int PRIMARY KEY, c4 int NOT NULL)";
    Path file =
        Changelogs.write(
            dir,
            "fresh.sql",
            "--liquibase formatted sql\n"
                + "--changeset test:1 runInTransaction:false\n"
                + first
                + ";\n--changeset test:2\n"
                + second
                + ";\n--changeset test:3 runInTransaction:false\n"
                + third
                + ";\n");
    TestDb byPsql = new TestDb("fresh_outside_psql");
    byPsql.execute(first, second, third);

    TestDb db = new TestDb("fresh_outside");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertFalse(run.out().contains("skipped  sql"), run.out());
    assertEquals(byPsql.schemaFingerprint(), db.schemaFingerprint(), run.out());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertEquals(byPsql.schemaFingerprint(), db.schemaFingerprint(), again.out());
    assertEquals(3, db.revisions().size());
  }
}
