package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: options, help, exit codes, messages, and the password rule.
 */
class CommandLineTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final String SECRET = "Tr0ub4dor-and-3";

  @TempDir Path dir;

  @Test
  void optionsWorkBeforeAndAfterTheCommand() {
    TestDb db = new TestDb("cli_order");
    Cli.Result before =
        new Cli()
            .run(
                "--url",
                db.libpqUrl(),
                "--changelog",
                EXAMPLE,
                "upgrade",
                "0001_create_import_tables");
    assertEquals(0, before.code(), before.toString());
    Cli.Result after = new Cli().run("current", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals("0001_create_import_tables (1 pending)\n", after.out());
    Cli.Result mixed =
        new Cli()
            .run(
                "--url",
                db.jdbcUrl(),
                "current",
                "--changelog",
                EXAMPLE,
                "--username",
                db.server.user());
    assertEquals("0001_create_import_tables (1 pending)\n", mixed.out());
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsMigrateYaml() throws Exception {
    TestDb db = new TestDb("cli_sources");
    Files.writeString(
        dir.resolve("migrate.yaml"),
        "url: postgresql://nobody@127.0.0.1:1/none\nchangelog: " + EXAMPLE + "\n");
    Cli.Result fromEnv = new Cli().in(dir).env("MIGRATE_URL", db.libpqUrl()).run("current");
    assertEquals(0, fromEnv.code(), fromEnv.toString());
    assertEquals("base (nothing recorded; 2 pending)\n", fromEnv.out());
    Cli.Result flag =
        new Cli()
            .in(dir)
            .env("MIGRATE_URL", "postgresql://nobody@127.0.0.1:1/none")
            .run("current", "--url", db.libpqUrl());
    assertEquals(0, flag.code(), flag.toString());
    Cli.Result fileOnly = new Cli().in(dir).run("current");
    assertEquals(1, fileOnly.code());
    assertTrue(
        fileOnly
            .err()
            .startsWith("error: cannot connect to postgresql://127.0.0.1:1/none as nobody: "),
        fileOnly.err());
  }

  @Test
  void thePasswordIsNeverPrintedWhenTheConnectionFails() {
    List<Cli.Result> results =
        List.of(
            new Cli()
                .run(
                    "upgrade",
                    "--url",
                    "postgresql://app:" + SECRET + "@127.0.0.1:1/app",
                    "--changelog",
                    EXAMPLE),
            new Cli()
                .run(
                    "upgrade",
                    "-v",
                    "--url",
                    "postgresql://app@127.0.0.1:1/app",
                    "--password",
                    SECRET,
                    "--changelog",
                    EXAMPLE),
            new Cli()
                .env("MIGRATE_PASSWORD", SECRET)
                .run(
                    "current",
                    "--url",
                    "jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + SECRET,
                    "--changelog",
                    EXAMPLE),
            new Cli()
                .env("MIGRATE_PASSWORD", SECRET)
                .run(
                    "-v",
                    "stamp",
                    "head",
                    "--url",
                    "postgresql://app@127.0.0.1:1/app",
                    "--changelog",
                    EXAMPLE));
    for (Cli.Result result : results) {
      assertEquals(1, result.code(), result.toString());
      assertTrue(
          result.err().startsWith("error: cannot connect to postgresql://127.0.0.1:1/app"),
          result.err());
      assertFalse(
          result.out().contains(SECRET) || result.err().contains(SECRET), result.toString());
    }
  }

  @Test
  void thePasswordIsNeverPrintedWhenAStatementFails() {
    TestDb db = new TestDb("cli_secret");
    Path file =
        Changelogs.write(
            dir,
            "fail.yaml",
            Changelogs.changeset("boom", "- sql: SELECT no_such_column FROM pg_class"));
    String url = db.libpqUrl(db.server.user(), SECRET);
    Cli.Result result =
        new Cli().run("upgrade", "-v", "--url", url, "--changelog", file.toString());
    assertEquals(1, result.code(), result.toString());
    assertTrue(result.err().contains("column \"no_such_column\" does not exist"), result.err());
    assertTrue(result.err().contains("SQLSTATE 42703"), result.err());
    assertFalse(result.out().contains(SECRET) || result.err().contains(SECRET), result.toString());
  }

  @Test
  void helpOnEveryCommandAndVersion() {
    for (String command : List.of("upgrade", "stamp", "current", "history")) {
      Cli.Result help = new Cli().run(command, "--help");
      assertEquals(0, help.code());
      assertTrue(help.out().startsWith("Usage: migrate " + command), help.out());
      assertTrue(help.out().contains("--url=URL"), help.out());
    }
    Cli.Result top = new Cli().run("--help");
    assertTrue(top.out().contains("Exit codes: 0 success, 1 failure while running"), top.out());
    Cli.Result version = new Cli().run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("migrate \\d+\\.\\d+\\.\\d+.*\\nJava .*\\n"), version.out());
  }

  @Test
  void badUsageExitsTwo() {
    Cli.Result noCommand = new Cli().run();
    assertEquals(2, noCommand.code());
    assertTrue(noCommand.err().startsWith("Usage: migrate"), noCommand.err());
    Cli.Result unknownOption = new Cli().run("upgrade", "--frobnicate");
    assertEquals(2, unknownOption.code());
    assertEquals(
        "error: Unknown option: '--frobnicate'\nSee: migrate upgrade --help\n",
        unknownOption.err());
    Cli.Result typo = new Cli().run("statu");
    assertEquals(2, typo.code());
    assertEquals(
        "error: Unmatched argument at index 0: 'statu'\nDid you mean: migrate stamp or migrate history?\n"
            + "See: migrate --help\n",
        typo.err());
    Cli.Result noChangelog = new Cli().run("upgrade", "--url", "postgresql://x@localhost/y");
    assertEquals(2, noChangelog.code());
    assertEquals(
        "error: no changelog given: pass --changelog FILE, or set MIGRATE_CHANGELOG\n",
        noChangelog.err());
    Cli.Result noUrl = new Cli().run("upgrade", "--changelog", EXAMPLE);
    assertEquals(2, noUrl.code());
    assertEquals(
        "error: no database given: pass --url, or set MIGRATE_URL (e.g. postgresql://user@localhost:5432/app), or PGHOST, PGPORT, PGDATABASE as for psql\n",
        noUrl.err());
  }

  // A run that names its command is read by a model of that command alone; where the name was
  // something else (an option's value) or the words do not parse, the whole model reads them and
  // says what it always said.
  @Test
  void aCommandReadAloneParsesAndFailsAsTheWholeModel() {
    Cli.Result valueFirst = new Cli().run("--changelog", "current", "upgrade", "--sql");
    assertEquals(2, valueFirst.code());
    assertEquals(
        "error: Expected parameter for option '--changelog' but found 'current'\n"
            + "See: migrate --help\n",
        valueFirst.err());
    Cli.Result sibling = new Cli().run("upgrade", "current");
    assertEquals(2, sibling.code(), sibling.toString());
    Cli.Result alias = new Cli().run("new", "--help");
    assertEquals(0, alias.code(), alias.toString());
    assertTrue(alias.out().startsWith("Usage: migrate revision"), alias.out());
    Cli.Result offline = new Cli().run("--changelog", EXAMPLE, "upgrade", "--sql");
    assertEquals(0, offline.code(), offline.toString());
  }

  @Test
  void unknownAndAmbiguousRevisionsAreErrorsBeforeConnecting() {
    Path file =
        Changelogs.write(
            dir,
            "two.yaml",
            """
        databaseChangeLog:
          - changeSet: {id: same, author: alice, changes: [{sql: SELECT 1}]}
          - changeSet: {id: same, author: bob, changes: [{sql: SELECT 2}]}
        """);
    String unreachable = "postgresql://x@127.0.0.1:1/none";
    Cli.Result unknown =
        new Cli().run("stamp", "sme", "--url", unreachable, "--changelog", file.toString());
    assertEquals(2, unknown.code());
    assertEquals(
        "error: unknown revision 'sme': no changeset has that id or tag. Use head, base, an id, id::author, path::id::author or a tag"
            + " (similar ids: same)\n",
        unknown.err());
    Cli.Result ambiguous =
        new Cli().run("upgrade", "same", "--url", unreachable, "--changelog", file.toString());
    assertEquals(2, ambiguous.code());
    assertEquals(
        "error: revision 'same' is ambiguous; say which with path::id::author:\n  "
            + file
            + "::same::alice\n  "
            + file
            + "::same::bob\n",
        ambiguous.err());
  }

  @Test
  void theStartOfAnIdThatNoOtherIdSharesStandsForIt() {
    Path file =
        Changelogs.write(
            dir,
            "prefixes.yaml",
            """
        databaseChangeLog:
          - changeSet: {id: 0001_users, author: a, changes: [{sql: SELECT 'one'}]}
          - changeSet: {id: 0002_orders, author: a, changes: [{sql: SELECT 'two'}]}
        """);
    Cli.Result first = new Cli().run("upgrade", "--sql", "0001", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    assertTrue(first.out().contains("::0001_users::a"), first.out());
    assertFalse(first.out().contains("0002_orders"), first.out());
    Cli.Result shared = new Cli().run("upgrade", "--sql", "000", "--changelog", file.toString());
    assertEquals(2, shared.code(), shared.toString());
    assertEquals(
        "error: revision '000' is ambiguous; say which with path::id::author:\n  "
            + file
            + "::0001_users::a\n  "
            + file
            + "::0002_orders::a\n",
        shared.err());
  }

  @Test
  void anEditedAppliedChangesetIsRefusedByName() throws Exception {
    TestDb db = new TestDb("cli_checksum");
    Path file =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                    "t1",
                    "- createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}")
                + Changelogs.changeset(
                        "t2", "- insert: {tableName: t, columns: [{column: {name: id, value: 7}}]}")
                    .replace("databaseChangeLog:\n", ""));
    assertEquals(
        0, new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString()).code());
    Files.writeString(file, Files.readString(file).replace("type: int", "type: bigint"));
    Cli.Result result =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, result.code());
    assertTrue(
        result
            .err()
            .startsWith(
                "error: applied changesets were edited since they ran (checksum differs):\n  "
                    + file
                    + "::t1::test at "
                    + file
                    + ":3:7: recorded m1:"),
        result.err());
    assertTrue(
        result.err().endsWith("accept it with: migrate stamp --accept-edits\n"), result.err());
    Cli.Result current =
        new Cli().run("current", "-v", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertTrue(current.out().contains("CHANGED (recorded m1:"), current.out());

    // The database does not match the edit yet: nothing is accepted.
    Cli.Result early =
        new Cli()
            .run("stamp", "--accept-edits", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, early.code(), early.toString());
    assertTrue(
        early
            .err()
            .startsWith(
                "error: the database does not match the edited changesets:\n  drift     t1 (test) at "),
        early.err());
    // Stamping the edited changeset by its id would forget t2, whose row is in the table: refused.
    db.execute("ALTER TABLE t ALTER COLUMN id TYPE bigint");
    Cli.Result back =
        new Cli().run("stamp", "t1", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, back.code(), back.toString());
    assertEquals(List.of("t1|applied", "t2|applied"), db.revisions());

    Cli.Result accept =
        new Cli()
            .run("stamp", "--accept-edits", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, accept.code(), accept.toString());
    assertTrue(
        accept
            .out()
            .contains("accepted t1 (test): its recorded checksum now matches the edited changeset"),
        accept.out());
    assertEquals(List.of("t1|applied", "t2|applied"), db.revisions(), "no later row is removed");
    Cli.Result after =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, after.code(), after.toString());
    assertTrue(after.out().contains("0 of 2 changesets pending"), after.out());
    assertEquals(List.of("7"), db.rows("SELECT id::text FROM t"), "the insert ran once");
  }

  @Test
  void stampBackRefusesToForgetChangesetsWhoseObjectsAreThere() {
    TestDb db = new TestDb("cli_stamp_back");
    assertEquals(
        0, new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", EXAMPLE).code());
    Cli.Result back =
        new Cli()
            .run(
                "stamp",
                "0001_create_import_tables",
                "--url",
                db.libpqUrl(),
                "--changelog",
                EXAMPLE);
    assertEquals(1, back.code(), back.toString());
    assertTrue(
        back.err()
            .startsWith(
                "error: stamp 0001_create_import_tables would forget applied changesets whose objects are"
                    + " still in the database, and the next upgrade would run them again:\n  present   0002_add_catalog_tables (catalog-team) at "),
        back.err());
    assertTrue(
        back.err()
            .endsWith(
                "Nothing was written. Undo them with downgrade 0001_create_import_tables, or pass --force to"
                    + " forget them anyway.\n"),
        back.err());
    assertEquals(
        List.of("0001_create_import_tables|applied", "0002_add_catalog_tables|applied"),
        db.revisions());
    Cli.Result forced =
        new Cli()
            .run(
                "stamp",
                "0001_create_import_tables",
                "--force",
                "--url",
                db.libpqUrl(),
                "--changelog",
                EXAMPLE);
    assertEquals(0, forced.code(), forced.toString());
    assertTrue(
        forced
            .err()
            .contains(
                "warning: --force: forgotten while its object is there: present   0002_add_catalog_tables"),
        forced.err());
    assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());
  }

  @Test
  void upgradeByCountAndToARevision() {
    TestDb db = new TestDb("cli_targets");
    Cli.Result one = new Cli().run("upgrade", "+1", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, one.code(), one.toString());
    assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());
    Cli.Result rest =
        new Cli()
            .run(
                "upgrade",
                "0002_add_catalog_tables::catalog-team",
                "--url",
                db.libpqUrl(),
                "--changelog",
                EXAMPLE);
    assertEquals(0, rest.code(), rest.toString());
    assertTrue(
        rest.out()
            .endsWith(
                "Done: 1 changeset recorded; current revision 0002_add_catalog_tables (head)\n"),
        rest.out());
    Cli.Result bad = new Cli().run("upgrade", "+0", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(2, bad.code());
  }

  @Test
  void stampMovesTheRecordedSetBothWaysWithoutRunningAnything() {
    TestDb db = new TestDb("cli_stamp");
    Cli.Result refused =
        new Cli().run("stamp", "head", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused
            .err()
            .startsWith(
                "error: stamp head would record changesets whose objects are not in the database:\n"
                    + "  missing   0001_create_import_tables (data-team) at "),
        refused.err());
    assertTrue(
        refused
            .err()
            .endsWith(
                "Nothing was written. Apply them with upgrade, or pass --force to record them anyway.\n"),
        refused.err());
    assertEquals(List.of(), db.revisions());
    Cli.Result head =
        new Cli().run("stamp", "head", "--force", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, head.code(), head.toString());
    assertTrue(
        head.err()
            .contains(
                "warning: --force: recorded without its object: missing   0002_add_catalog_tables"),
        head.err());
    assertEquals(
        List.of("0001_create_import_tables|stamped", "0002_add_catalog_tables|stamped"),
        db.revisions());
    assertEquals(List.of(), db.schemaFingerprint(), "stamp runs no DDL");
    Cli.Result back =
        new Cli()
            .run(
                "stamp",
                "0001_create_import_tables",
                "--url",
                db.libpqUrl(),
                "--changelog",
                EXAMPLE);
    assertTrue(back.out().contains("removed  0002_add_catalog_tables (catalog-team)"), back.out());
    assertEquals(List.of("0001_create_import_tables|stamped"), db.revisions());
    Cli.Result base =
        new Cli().run("stamp", "base", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertTrue(
        base.out()
            .endsWith(
                "Stamped base: 0 rows written, 1 removed; current revision base (nothing recorded; 2 pending)\n"),
        base.out());
    assertEquals(List.of(), db.revisions());
  }

  @Test
  void currentVerboseAndHistoryShowEveryChangeset() {
    TestDb db = new TestDb("cli_current");
    new Cli()
        .run(
            "upgrade", "0001_create_import_tables", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    db.execute(
        "INSERT INTO migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version)"
            + " VALUES ('gone', 'someone', 'old.yaml', 9, 'm1:x', 'applied', 'd', '0')");
    Cli.Result current =
        new Cli().run("current", "-v", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, current.code(), current.toString());
    List<String> lines = current.out().lines().toList();
    assertEquals("Current:   0001_create_import_tables (1 pending)", lines.get(2));
    assertEquals("Lock:      free", lines.get(3));
    assertTrue(
        lines
            .get(6)
            .matches(
                "applied   0001_create_import_tables \\(data-team\\)\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+\\d+ ms  4/4    ok"),
        lines.get(6));
    assertTrue(
        lines
            .get(7)
            .matches("pending   0002_add_catalog_tables \\(catalog-team\\)\\s+-\\s+-\\s+-\\s+-"),
        lines.get(7));
    assertEquals("Recorded but not in the changelog (1):", lines.get(9));
    assertTrue(
        current
            .out()
            .contains(
                "Drift:     none (the objects of applied changesets are as the changelog says)"),
        current.out());
    db.execute("ALTER TABLE import_rows DROP COLUMN payload");
    Cli.Result drifted =
        new Cli().run("current", "-v", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertTrue(
        drifted.out().contains("Drift:\n  drift     0001_create_import_tables (data-team) at "),
        drifted.out());
    assertTrue(
        drifted
            .out()
            .contains(
                "column payload: the changelog wants jsonb NULL, the database has no such column"),
        drifted.out());
    assertTrue(lines.get(10).startsWith("  applied   old.yaml::gone::someone"), lines.get(10));

    Cli.Result history =
        new Cli()
            .run(
                "history",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "changelogs/examples/imports/changelog.yaml");
    assertEquals(
        """
        [x] 0001_create_import_tables (data-team)   changelogs/examples/imports/0001_create_import_tables.yaml (current)
        [ ] 0002_add_catalog_tables (catalog-team)  changelogs/examples/imports/0002_add_catalog_tables.yaml (head)
        """,
        history.out());
    Cli.Result offline =
        new Cli().run("history", "--changelog", "changelogs/examples/imports/changelog.yaml");
    assertEquals(
        """
        0001_create_import_tables (data-team)   changelogs/examples/imports/0001_create_import_tables.yaml
        0002_add_catalog_tables (catalog-team)  changelogs/examples/imports/0002_add_catalog_tables.yaml (head)
        """,
        offline.out());
  }

  @Test
  void aPasswordInTheUserInfoOfAJdbcUrlIsNotPrintedEither() {
    Cli.Result result =
        new Cli()
            .run(
                "current",
                "--url",
                "jdbc:postgresql://app:" + SECRET + "@127.0.0.1:1/app",
                "--changelog",
                EXAMPLE);
    assertEquals(1, result.code());
    assertFalse(result.err().contains(SECRET), result.err());
  }

  @Test
  void theSearchPathDoesNotChangeIdentitiesOfARelativeChangelog() {
    Cli.Result plain =
        new Cli().run("history", "--changelog", "changelogs/examples/imports/changelog.yaml");
    Cli.Result searched =
        new Cli()
            .run(
                "history",
                "--changelog",
                "changelogs/examples/imports/changelog.yaml",
                "--search-path",
                "changelogs/examples");
    assertEquals(plain.out(), searched.out());
    assertTrue(
        plain.out().contains("changelogs/examples/imports/0001_create_import_tables.yaml"),
        plain.out());
  }

  @Test
  void quietHidesWarningsAndAnUnknownSettingInMigrateYamlIsAnError() throws Exception {
    Path file =
        Changelogs.write(
            dir, "warn.yaml", Changelogs.changeset("w", "- sql: {sql: SELECT 1, remarks: legacy}"));
    Cli.Result loud = new Cli().run("history", "--changelog", file.toString());
    assertTrue(loud.err().startsWith("warning: "), loud.err());
    assertTrue(loud.err().contains("unknown attribute 'remarks' on sql is ignored"), loud.err());
    Cli.Result quiet = new Cli().run("history", "-q", "--changelog", file.toString());
    assertEquals("", quiet.err());
    Files.writeString(dir.resolve("migrate.yaml"), "changelog: " + file + "\nrevision_table: x\n");
    Cli.Result typo = new Cli().in(dir).run("history");
    assertEquals(2, typo.code());
    assertEquals(
        "error: migrate.yaml: unknown setting 'revision_table'; known: url, username, password, changelog, schema, revisionTable, contexts, labelFilter\n",
        typo.err());
  }
}
