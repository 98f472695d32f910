package dev.migrate.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No name in a changelog ever runs as SQL: it creates exactly that name, or the changelog is
 * refused before anything runs. Names longer than PostgreSQL keeps are the truncated object through
 * every command.
 */
class IdentifierTest {
  @TempDir Path dir;

  private Cli.Result migrate(TestDb db, Path changelog, String... command) {
    String[] args = new String[command.length + 4];
    System.arraycopy(command, 0, args, 0, command.length);
    System.arraycopy(
        new String[] {"--url", db.libpqUrl(), "--changelog", changelog.toString()},
        0,
        args,
        command.length,
        4);
    return new Cli().run(args);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x(); DROP TABLE victim; --",
        "x\"; DROP TABLE victim; --",
        "x'); DROP TABLE victim; --",
        "$$; DROP TABLE victim; $$",
        "with space",
        "Ünïcode ✓",
        "semi;colon"
      })
  void aNameCreatesExactlyThatNameAndRunsNothing(String name) {
    TestDb db = new TestDb("ident");
    db.execute("CREATE TABLE victim (id int)");
    String yaml = name.replace("'", "''");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "evil",
                """
        - createTable:
            tableName: '%1$s'
            columns:
              - column: {name: '%1$s', type: int, constraints: {primaryKey: true, primaryKeyName: '%1$s_pk'}}
              - column: {name: other, type: int, constraints: {unique: true, uniqueConstraintName: '%1$s_uq'}}
        - createIndex: {tableName: '%1$s', indexName: '%1$s_ix', columns: [{column: {name: other}}]}
        - createSequence: {sequenceName: '%1$s_seq'}
        - addColumn: {tableName: '%1$s', columns: [{column: {name: '%1$s_next', type: bigint, defaultValueSequenceNext: '%1$s_seq'}}]}
        """
                    .formatted(yaml)));

    Cli.Result first = migrate(db, changelog, "upgrade");
    assertEquals(0, first.code(), first.toString());
    assertTrue(db.tableExists("victim"), "the victim table is still there");
    assertEquals(
        new java.util.TreeSet<>(
            List.of(name, name + "_ix", name + "_pk", name + "_seq", name + "_uq", "victim")),
        new java.util.TreeSet<>(
            db.rows(
                "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE nspname = 'public' AND relname NOT LIKE 'migrate_revisions%'")));

    Cli.Result again = migrate(db, changelog, "upgrade");
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("0 of 1 changesets pending"), again.out());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result lostRows = migrate(db, changelog, "upgrade");
    assertEquals(0, lostRows.code(), lostRows.toString());
    assertTrue(
        lostRows.out().contains("applied  evil (test): 0 steps run, 4 skipped"), lostRows.out());
    assertEquals(0, migrate(db, changelog, "check").code());
    Cli.Result down = migrate(db, changelog, "downgrade", "base");
    assertEquals(0, down.code(), down.toString());
    assertEquals(
        List.of("victim"),
        db.rows(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE nspname = 'public' AND relkind = 'r' AND relname <> 'migrate_revisions'"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- createTable: {tableName: t, columns: [{column: {name: id, type: \"int); DROP TABLE victim; --\"}}]}",
        "- createTable: {tableName: t, columns: [{column: {name: id, type: \"int default 1; DROP TABLE victim\"}}]}",
        "- createIndex: {tableName: victim, indexName: ix, columns: [{column: {name: \"lower(id)); DROP TABLE victim; --\"}}]}",
        "- createIndex: {tableName: victim, indexName: ix, columns: [{column: {name: \"(id) /* x\"}}]}",
        "- modifyDataType: {tableName: victim, columnName: id, newDataType: \"text; DROP TABLE victim\"}"
      })
  void sqlWhereATypeOrAnIndexColumnBelongsIsRefusedBeforeConnecting(String change) {
    TestDb db = new TestDb("ident_bad");
    db.execute("CREATE TABLE victim (id int)");
    Path changelog = Changelogs.write(dir, "c.yaml", Changelogs.changeset("evil", change));
    Cli.Result result = migrate(db, changelog, "upgrade");
    assertEquals(2, result.code(), result.toString());
    assertTrue(result.err().contains("c.yaml:"), result.err());
    assertTrue(db.tableExists("victim"));
    assertFalse(db.tableExists("migrate_revisions"));
  }

  @Test
  void aSequenceSettingThatIsNotANumberNeverRuns() {
    TestDb db = new TestDb("ident_seq");
    db.execute("CREATE TABLE victim (id int)");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "evil",
                "- createSequence: {sequenceName: s, startValue: \"1; DROP TABLE victim\"}"));
    Cli.Result result = migrate(db, changelog, "upgrade");
    assertEquals(2, result.code(), result.toString());
    assertTrue(result.err().contains("must be a whole number"), result.err());
    assertTrue(db.tableExists("victim"));
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void anIndexOnAnExpressionStillWorks() {
    TestDb db = new TestDb("ident_expr");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "expr",
                """
        - createTable: {tableName: people, columns: [{column: {name: email, type: text}}]}
        - createIndex: {tableName: people, indexName: ix_people_email, columns: [{column: {name: "lower(email)"}}, {column: {name: "(email || ';')"}}]}
        """));
    Cli.Result result = migrate(db, changelog, "upgrade");
    assertEquals(0, result.code(), result.toString());
    assertEquals(
        "CREATE INDEX ix_people_email ON public.people USING btree (lower(email), ((email || ';'::text)))",
        db.one("SELECT pg_get_indexdef('ix_people_email'::regclass)"));
  }

  @Test
  void upperCaseNamesFoldAndMixedCaseNamesKeepTheirCaseAsLiquibaseWritesThem() {
    TestDb db = new TestDb("ident_case");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "case",
                """
        - createTable: {tableName: USERS, columns: [{column: {name: ID, type: int}}, {column: {name: FullName, type: text}}, {column: {name: ORDER, type: int}}]}
        - createIndex: {tableName: USERS, indexName: IX_USERS_NAME, columns: [{column: {name: FullName}}]}
        - addUniqueConstraint: {tableName: USERS, columnNames: "ID, ORDER", constraintName: UQ_USERS}
        """));
    assertEquals(0, migrate(db, changelog, "upgrade").code());
    assertEquals(
        List.of("id:integer:false", "FullName:text:false", "ORDER:integer:false"),
        db.columns("users"));
    assertEquals(
        "CREATE INDEX ix_users_name ON public.users USING btree (\"FullName\")",
        db.one("SELECT pg_get_indexdef('ix_users_name'::regclass)"));
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate(db, changelog, "upgrade");
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 3 skipped"), rerun.out());
  }

  @Test
  void aNameLongerThanPostgresKeepsIsTheTruncatedObjectEverywhere() {
    TestDb db = new TestDb("ident_long");
    String long64 = "t".repeat(60) + "_abc"; // 64 bytes
    String stored = long64.substring(0, 63);
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "long",
                """
        - createTable: {tableName: %1$s, columns: [{column: {name: id, type: int}}]}
        - createIndex: {tableName: %1$s, indexName: ix_long, columns: [{column: {name: id}}]}
        """
                    .formatted(long64)));

    Cli.Result first = migrate(db, changelog, "upgrade");
    assertEquals(0, first.code(), first.toString());
    assertTrue(
        first.err().contains("c.yaml:6:")
            && first
                .err()
                .contains("is longer than PostgreSQL's 63 bytes; it is stored as '" + stored + "'"),
        first.err());
    assertTrue(db.tableExists(stored));
    assertEquals(0, migrate(db, changelog, "check").code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = migrate(db, changelog, "upgrade");
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(rerun.out().contains("0 steps run, 2 skipped"), rerun.out());
    assertEquals(0, migrate(db, changelog, "stamp", "head").code());
    Cli.Result down = migrate(db, changelog, "downgrade", "base");
    assertEquals(0, down.code(), down.toString());
    assertFalse(db.tableExists(stored));
  }

  @Test
  void twoNamesCutToTheSameStoredNameAreAnErrorAtParseTime() {
    TestDb db = new TestDb("ident_collide");
    String a = "t".repeat(63) + "_a";
    String b = "t".repeat(63) + "_b";
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "collide",
                """
        - createTable: {tableName: %s, columns: [{column: {name: id, type: int}}]}
        - createTable: {tableName: %s, columns: [{column: {name: id, type: int}}]}
        """
                    .formatted(a, b)));
    Cli.Result result = migrate(db, changelog, "upgrade");
    assertEquals(2, result.code(), result.toString());
    assertTrue(
        result.err().contains("c.yaml:7:")
            && result.err().contains("are both cut to '" + "t".repeat(63) + "'"),
        result.err());
    assertFalse(db.tableExists("migrate_revisions"));
  }
}
