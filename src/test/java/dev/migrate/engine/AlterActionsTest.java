package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ALTER TABLE that lists several actions, rerun over a database that has all of them, or all but
 * one (undone by hand): every ordered pair of eleven kinds of action, each pair on a table of its
 * own. The rerun leaves the schema exactly as the first run made it, by {@code upgrade} and by the
 * {@code --sql} script run through psql.
 */
class AlterActionsTest {
  @TempDir Path dir;

  /** A kind of action, with the statement that undoes it on table {@code %1$s}. */
  private record Kind(String action, String undo, boolean named) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ADD COLUMN x1 int", "DROP COLUMN x1", true),
          new Kind("ADD COLUMN x2 text DEFAULT 'x'", "DROP COLUMN x2", true),
          new Kind("ADD CONSTRAINT %1$s_b_pos CHECK (b > 0)", "DROP CONSTRAINT %1$s_b_pos", true),
          new Kind("ALTER COLUMN a TYPE varchar(20)", "ALTER COLUMN a TYPE text", true),
          new Kind("ALTER COLUMN b SET DEFAULT 5", "ALTER COLUMN b DROP DEFAULT", true),
          new Kind("ALTER COLUMN c DROP DEFAULT", "ALTER COLUMN c SET DEFAULT 1", true),
          new Kind("ALTER COLUMN f SET NOT NULL", "ALTER COLUMN f DROP NOT NULL", true),
          new Kind("ALTER COLUMN e DROP NOT NULL", "ALTER COLUMN e SET NOT NULL", true),
          new Kind("DROP COLUMN d2", "ADD COLUMN d2 int", true),
          new Kind(
              "DROP CONSTRAINT %1$s_d_check", "ADD CONSTRAINT %1$s_d_check CHECK (d > 0)", true),
          // Without a name: PostgreSQL would make a second one under the next free name.
          new Kind("ADD UNIQUE (c)", "DROP CONSTRAINT %1$s_c_key", false));

  private record Pair(String table, Kind first, Kind second) {
    String statement() {
      return "ALTER TABLE "
          + table
          + " "
          + first.action().formatted(table)
          + ",\n  "
          + second.action().formatted(table)
          + ";";
    }
  }

  private static List<Pair> pairs(List<Kind> kinds) {
    List<Pair> pairs = new ArrayList<>();
    for (Kind first : kinds) {
      for (Kind second : kinds) {
        if (first != second) {
          pairs.add(new Pair("t" + pairs.size(), first, second));
        }
      }
    }
    return pairs;
  }

  private Path changelog(List<Pair> pairs) {
    StringBuilder sql = new StringBuilder("--liquibase formatted sql\n");
    for (Pair p : pairs) {
      sql.append("--changeset a:base-")
          .append(p.table())
          .append("\nCREATE TABLE ")
          .append(p.table())
          .append(" (id int PRIMARY KEY, a text, b int, c int DEFAULT 1, d int CHECK (d > 0),")
          .append(" d2 int, e int NOT NULL DEFAULT 0, f int);\n");
    }
    for (Pair p : pairs) {
      sql.append("--changeset a:pair-").append(p.table()).append('\n').append(p.statement());
      sql.append('\n');
    }
    return Changelogs.write(dir, "changelog.sql", sql.toString());
  }

  // A formatted SQL changelog of two changesets: a table, then a statement that alters it.
  private Path tableAndAlter(String create, String alter) {
    return Changelogs.write(
        dir,
        "changelog.sql",
        "--liquibase formatted sql\n--changeset a:1\n"
            + create
            + "\n--changeset a:2\n"
            + alter
            + "\n");
  }

  // The schema's lines, each without a trailing comma, sorted: a column added again by hand goes
  // last, which is PostgreSQL's doing, not the rerun's.
  private static List<String> schema(TestDb db) {
    return SchemaDump.schemaOnly(db).lines().map(l -> l.replaceAll(",$", "")).sorted().toList();
  }

  // The upgrade script, made against the database and run there by psql, which must succeed.
  private void scriptThroughPsql(TestDb db, Path file) {
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
  }

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "-v", "--changelog", file.toString());
  }

  // Undoes by hand the first or second action of each pair the filter takes, and loses the history.
  private static void undo(TestDb db, List<Pair> pairs, boolean first, Predicate<Pair> which) {
    List<String> sql = new ArrayList<>();
    for (Pair p : pairs) {
      if (which.test(p)) {
        Kind kind = first ? p.first() : p.second();
        sql.add("ALTER TABLE " + p.table() + " " + kind.undo().formatted(p.table()));
      }
    }
    sql.add("DELETE FROM migrate_revisions");
    db.execute(sql.toArray(String[]::new));
  }

  @Test
  void aRerunFindingEveryActionOrAllButOneLeavesTheSchemaAsTheFirstRunMadeIt() {
    List<Pair> pairs = pairs(KINDS);
    Path file = changelog(pairs);
    TestDb db = new TestDb("alter_actions");
    Cli.Result fresh = upgrade(db, file);
    assertEquals(0, fresh.code(), fresh.toString());
    List<String> made = schema(db);

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result all = upgrade(db, file);
    assertEquals(0, all.code(), all.toString());
    assertEquals(made, schema(db));

    for (boolean first : new boolean[] {true, false}) {
      undo(db, pairs, first, p -> true);
      Cli.Result rerun = upgrade(db, file);
      assertEquals(0, rerun.code(), rerun.toString());
      assertEquals(made, schema(db), "undone: " + (first ? "first" : "second"));
      assertTrue(rerun.out().contains("ran 1 of 2 actions of ALTER TABLE t0,"), rerun.out());
    }
  }

  @Test
  void theScriptRunsWhatIsMissingOfEachStatementAsUpgradeDoes() {
    // An action without a name has no question the script can ask: a statement holding one runs
    // as written (the guide says so), so those kinds are left out here.
    List<Pair> pairs = pairs(KINDS.stream().filter(Kind::named).toList());
    Path file = changelog(pairs);
    TestDb db = new TestDb("alter_actions_script");
    assertEquals(0, upgrade(db, file).code());
    List<String> made = schema(db);
    for (int undone : new int[] {0, 1, 2}) {
      // Nothing undone, then the first action of each pair, then the second.
      undo(db, pairs, undone == 1, p -> undone > 0);
      scriptThroughPsql(db, file);
      assertEquals(made, schema(db), "script, undone: " + undone);
    }
  }

  @Test
  void aColumnALaterChangeDropsIsNotAddedAgainWithTheOthers() {
    // On a rerun after lost history the later drop has run: the columns there are done, and the
    // dropped one is that change's; the statement as written would stop on "already exists".
    Path file =
        tableAndAlter(
            "CREATE TABLE pay (id int);",
            "ALTER TABLE pay\n  ADD COLUMN net BIGINT,\n  ADD COLUMN settled TIMESTAMP WITH TIME"
                + " ZONE,\n  ADD COLUMN refund_submitted BIGINT;\n"
                + "--changeset a:3\nALTER TABLE pay DROP COLUMN refund_submitted;");
    TestDb db = new TestDb("alter_actions_dropped_later");
    assertEquals(0, upgrade(db, file).code());
    String made = SchemaDump.schemaOnly(db);
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(made, SchemaDump.schemaOnly(db));

    db.execute("DELETE FROM migrate_revisions");
    scriptThroughPsql(db, file);
    assertEquals(made, SchemaDump.schemaOnly(db));
  }

  @Test
  void actionsOnOneColumnRunTogetherWhenTheFirstOfThemRuns() {
    // Found with note's default dropped by hand, code's first action (DROP DEFAULT) runs, as its
    // default is there; the two after it on the same column run with it: alone, each would be
    // skipped (code is int with DEFAULT 0 already), and code would be left without a default.
    Path file =
        tableAndAlter(
            "CREATE TABLE item (id int, code text DEFAULT '7', note text);",
            "ALTER TABLE item ALTER COLUMN code DROP DEFAULT, ALTER COLUMN code TYPE int"
                + " USING code::int, ALTER COLUMN code SET DEFAULT 0, ALTER COLUMN note SET"
                + " DEFAULT 'n';");
    TestDb db = new TestDb("alter_actions_same");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions", "ALTER TABLE item ALTER COLUMN note DROP DEFAULT");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals(
        "code integer 0, note text 'n'::text",
        db.one(
            "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' '"
                + " || pg_get_expr(adbin, adrelid), ', ' ORDER BY attnum)"
                + " FROM pg_attribute JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                + " WHERE attrelid = 'item'::regclass"));
    assertFalse(rerun.out().contains("actions of ALTER TABLE item"), rerun.out());
  }

  @Test
  void aColumnFoundWithAnotherTypeStopsTheRunAndCheckNamesWhatIsMissing() {
    Path file =
        tableAndAlter(
            "CREATE TABLE feed (id int PRIMARY KEY, tz varchar(10));",
            "ALTER TABLE feed ALTER COLUMN tz SET DATA TYPE varchar(64),\n"
                + "  ADD COLUMN agency_timezone varchar(255);");
    TestDb db = new TestDb("alter_actions_drift");
    assertEquals(0, upgrade(db, file).code());

    db.execute("ALTER TABLE feed DROP COLUMN agency_timezone");
    Cli.Result check =
        new Cli().run("check", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(3, check.code(), check.toString());
    assertTrue(
        check
            .out()
            .contains(
                "sql: the database lacks what its SQL makes (added column agency_timezone to"
                    + " public.feed would run)"),
        check.out());

    db.execute("DELETE FROM migrate_revisions", "ALTER TABLE feed ADD COLUMN agency_timezone text");
    String before = SchemaDump.schemaOnly(db);
    Cli.Result rerun = upgrade(db, file);
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .err()
            .contains(
                "drift: table public.feed differs from the changelog:\n"
                    + "      - column agency_timezone: the changelog wants character varying(255)"
                    + " NULL, the database has text NULL"),
        rerun.err());
    assertEquals(before, SchemaDump.schemaOnly(db));
    assertFalse(db.revisions().contains("2"), db.revisions().toString());
  }
}
