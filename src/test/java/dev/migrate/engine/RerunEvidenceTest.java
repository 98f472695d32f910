package dev.migrate.engine;

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

/**
 * What a rerun takes as evidence that the database went further than its revision rows, and what it
 * then leaves to the later changes: only what they did once they ran.
 */
class RerunEvidenceTest {
  @TempDir Path dir;

  private Path write(String... changesets) {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (int i = 0; i < changesets.length; i++) {
      yaml.append(
          Changelogs.changeset("c" + (i + 1), changesets[i])
              .substring("databaseChangeLog:\n".length()));
    }
    return Changelogs.write(dir, "changelog.yaml", yaml.toString());
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Cli.Result upgrade(TestDb db, Path file) {
    return new Cli()
        .env("MIGRATE_URL", db.libpqUrl())
        .run("upgrade", "-v", "--changelog", file.toString());
  }

  @Test
  void aLookupTableMissingOnlyItsKeyOnATableTheRunMadeIsNotAdjusted() {
    // Before any step finds its effect in place, a table a later change drops is made again (a
    // fresh database looks the same); the lookup table found there then gets its foreign key on
    // that new table, which changes nothing that was there.
    Path file =
        write(
            "- createTable: {tableName: orders, columns: [{column: {name: id, type: int}},"
                + " {column: {name: state, type: text}}]}\n"
                + "- addLookupTable: {existingTableName: orders, existingColumnName: state,"
                + " newTableName: states, newColumnName: name}",
            "- dropTable: {tableName: orders}");
    TestDb db = new TestDb("rerun_lookup_part");
    assertEquals(0, upgrade(db, file).code());
    List<String> before = db.schemaFingerprint();

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertFalse(rerun.out().contains("adjusted"), rerun.out());
    assertTrue(
        rerun
            .out()
            .contains(
                "ran      addLookupTable: finished lookup table public.states of"
                    + " public.orders.state: added foreign key fk_orders_states"),
        rerun.out());
    assertEquals(before, db.schemaFingerprint());
  }

  @Test
  void anUpdateACrashCutOffRunsThoughALaterChangeSetsItsColumnInOtherRows() {
    Path file =
        write(
            "- createTable: {tableName: t, columns: [{column: {name: id, type: int, constraints:"
                + " {primaryKey: true}}},"
                + " {column: {name: day, type: date}}]}\n"
                + "- sql: INSERT INTO t VALUES (1, '2024-03-15')",
            "- insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 2}}, {column:"
                + " {name: day, valueDate: 2024-05-15}}]}\n"
                + "- sql: UPDATE t SET day = NULL WHERE id = 1",
            "- update: {tableName: t, where: id = 2, columns: [{column: {name: day, valueDate:"
                + " 2024-06-01}}]}");
    // The second changeset runs outside a transaction: a run killed after its INSERT leaves it
    // half done.
    String yaml = read(file).replace("id: c2\n", "id: c2\n      runInTransaction: false\n");
    Changelogs.write(dir, "changelog.yaml", yaml);
    TestDb db = new TestDb("rerun_update_cut");
    Cli.Result first =
        new Cli()
            .env("MIGRATE_URL", db.libpqUrl())
            .run("upgrade", "c1", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    db.execute("INSERT INTO t VALUES (2, '2024-05-15')");

    Cli.Result rest = upgrade(db, file);
    assertEquals(0, rest.code(), rest.toString());
    assertEquals(
        "1:, 2:2024-06-01",
        db.one("SELECT string_agg(id || ':' || coalesce(day::text, ''), ', ' ORDER BY id) FROM t"));
  }

  @Test
  void dropAllForeignKeysKeepsTheKeysLaterChangesMake() {
    Path file =
        write(
            "- createTable: {tableName: a, columns: [{column: {name: id, type: int, constraints:"
                + " {primaryKey: true}}}]}\n"
                + "- createTable: {tableName: b, columns: [{column: {name: a_id, type: int}}]}",
            "- dropAllForeignKeyConstraints: {baseTableName: b}",
            "- addForeignKeyConstraint: {baseTableName: b, baseColumnNames: a_id,"
                + " referencedTableName: a, referencedColumnNames: id, constraintName: fk_b_a}");
    TestDb db = new TestDb("rerun_drop_all_kept");
    assertEquals(0, upgrade(db, file).code());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .out()
            .contains(
                "skipped  dropAllForeignKeyConstraints: foreign keys fk_b_a of public.b are there,"
                    + " and later changes make them again"),
        rerun.out());
    assertTrue(
        rerun
            .out()
            .contains("skipped  addForeignKeyConstraint: foreign key fk_b_a on public.b exists"),
        rerun.out());
    assertTrue(rerun.out().contains("Done: 3 changesets recorded"), rerun.out());
  }

  @Test
  void anInsertWithoutAColumnListIsFoundByTheTablesFirstColumns() {
    Path file =
        write(
            "- createTable: {tableName: t, columns: [{column: {name: id, type: int, constraints:"
                + " {primaryKey: true}}}, {column: {name: name, type: text}}]}",
            "- sql: INSERT INTO t VALUES (1, 'one')\n- sql: INSERT INTO t VALUES (2, 'two')",
            "- addColumn: {tableName: t, columns: [{column: {name: note, type: text}}]}");
    String yaml = read(file).replace("id: c2\n", "id: c2\n      runInTransaction: false\n");
    Changelogs.write(dir, "changelog.yaml", yaml);
    String rows = "SELECT string_agg(id || ':' || name, ', ' ORDER BY id) FROM t";

    // A run killed after the first INSERT of the changeset outside a transaction.
    TestDb cut = new TestDb("rerun_insert_cut");
    Cli.Result first =
        new Cli()
            .env("MIGRATE_URL", cut.libpqUrl())
            .run("upgrade", "c1", "--changelog", file.toString());
    assertEquals(0, first.code(), first.toString());
    cut.execute("INSERT INTO t VALUES (1, 'one')");
    Cli.Result rest = upgrade(cut, file);
    assertEquals(0, rest.code(), rest.toString());
    assertTrue(
        rest.out().contains("its rows are in public.t already, value for value"), rest.out());
    assertEquals("1:one, 2:two", cut.one(rows));

    // The revision rows lost after a full run: the table has a column more by now.
    TestDb lost = new TestDb("rerun_insert_lost");
    assertEquals(0, upgrade(lost, file).code());
    lost.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(lost, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertEquals("1:one, 2:two", lost.one(rows));
    assertEquals(3, lost.revisions().size());
  }

  @Test
  void aForeignKeyALaterChangeDropsAndAddsAgainIsThatChangesToCheck() {
    Path file =
        write(
            "- createTable: {tableName: a, columns: [{column: {name: id, type: int, constraints:"
                + " {primaryKey: true}}}]}\n"
                + "- createTable: {tableName: b, columns: [{column: {name: id, type: int}},"
                + " {column: {name: a_id, type: int}}]}",
            "- addForeignKeyConstraint: {baseTableName: b, baseColumnNames: a_id,"
                + " referencedTableName: a, referencedColumnNames: id, constraintName: fk_b_a}",
            "- dropForeignKeyConstraint: {baseTableName: b, constraintName: fk_b_a}\n"
                + "- addForeignKeyConstraint: {baseTableName: b, baseColumnNames: a_id,"
                + " referencedTableName: a, referencedColumnNames: id, constraintName: fk_b_a,"
                + " onDelete: CASCADE}");
    String key = "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'fk_b_a'";
    TestDb db = new TestDb("rerun_fk_again");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .out()
            .contains(
                "foreign key fk_b_a on public.b exists with another definition, and a later change"
                    + " drops it"),
        rerun.out());
    assertEquals("FOREIGN KEY (a_id) REFERENCES a(id) ON DELETE CASCADE", db.one(key));
    assertEquals(3, db.revisions().size());
  }

  @Test
  void aDroppedIdentityIsNotDroppedAgain() {
    Path file =
        write(
            "- sql: CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, n int)",
            "- sql: /* no identity now */ ALTER TABLE t ALTER COLUMN id DROP IDENTITY;\n"
                + "- sql: CREATE SEQUENCE t_id_seq");
    TestDb db = new TestDb("rerun_drop_identity");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun.out().contains("column id of public.t is not an identity column"), rerun.out());
    assertEquals(
        "",
        db.one(
            "SELECT attidentity FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'id'"));

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = dev.migrate.support.Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
  }

  @Test
  void anInsertOfAQuerysRowsIsFoundByWhatTheQueryReadsNow() {
    // A changeset of data alone, its history lost: its INSERT … SELECT meets the unique key over
    // the rows it wrote before. Those rows, value for value, make it done; a row that differs
    // stops the run with the server's error.
    Path file =
        write(
            "- createTable: {tableName: offer, columns: [{column: {name: id, type: int}},"
                + " {column: {name: name, type: text}}]}\n"
                + "- createTable: {tableName: label, columns: [{column: {name: offer_id, type:"
                + " int}}, {column: {name: locale, type: text}}, {column: {name: text, type:"
                + " text}}]}\n"
                + "- addUniqueConstraint: {tableName: label, columnNames: 'offer_id, locale'}\n"
                + "- sql: INSERT INTO offer VALUES (1, 'Solo'), (2, 'Duo')",
            "- sql: INSERT INTO label (offer_id, locale, text) SELECT id, 'en', name || '!' FROM"
                + " offer\n"
                + "- sql: INSERT INTO label (offer_id, locale, text) (SELECT id, 'de', 'Solo' FROM"
                + " offer WHERE name = 'Solo');");
    String rows =
        "SELECT string_agg(offer_id || locale || text, ', ' ORDER BY offer_id, locale) FROM label";
    TestDb db = new TestDb("rerun_insert_select");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun
            .out()
            .contains("the rows its query reads are in public.label already, value for value"),
        rerun.out());
    assertEquals("1deSolo, 1enSolo!, 2enDuo!", db.one(rows));

    db.execute(
        "DELETE FROM migrate_revisions", "UPDATE label SET text = 'changed' WHERE offer_id = 2");
    Cli.Result stopped = upgrade(db, file);
    assertEquals(1, stopped.code(), stopped.toString());
    assertTrue(stopped.err().contains("duplicate key value"), stopped.err());
    assertEquals("1deSolo, 1enSolo!, 2enchanged", db.one(rows));
  }

  @Test
  void aFirstChangesetThatRanAStepAgainStillFindsTheDatabaseAhead() {
    // The first changeset, outside a transaction, finds its tables and writes its upsert again;
    // the one after it was passed over by its precondition, so what it makes being absent tells
    // nothing; the next finds its lookup table there, without the foreign key a later change
    // dropped: the database is ahead, and that key is not added again over rows written since.
    Path file =
        write(
            "- createTable: {tableName: orders, columns: [{column: {name: id, type: int}},"
                + " {column: {name: state, type: text}}]}\n"
                + "- createTable: {tableName: a, columns: [{column: {name: id, type: int, constraints:"
                + " {primaryKey: true}}}]}\n"
                + "- sql: INSERT INTO a VALUES (1) ON CONFLICT (id) DO UPDATE SET id = excluded.id",
            "- createTable: {tableName: never, columns: [{column: {name: id, type: int}}]}",
            "- addLookupTable: {existingTableName: orders, existingColumnName: state,"
                + " newTableName: states, newColumnName: name}",
            "- dropForeignKeyConstraint: {baseTableName: orders, constraintName: fk_orders_states}");
    String yaml =
        read(file)
            .replace("id: c1\n", "id: c1\n      runInTransaction: false\n")
            .replace(
                "id: c2\n",
                "id: c2\n      preConditions: [{onFail: MARK_RAN}, {tableExists: {tableName:"
                    + " never}}]\n");
    Changelogs.write(dir, "changelog.yaml", yaml);
    TestDb db = new TestDb("rerun_first_ran_again");
    assertEquals(0, upgrade(db, file).code());
    db.execute("INSERT INTO orders VALUES (1, 'lost')", "DELETE FROM migrate_revisions");

    Cli.Result rerun = upgrade(db, file);
    assertEquals(0, rerun.code(), rerun.toString());
    assertTrue(
        rerun.out().contains("and a later change drops it: added and dropped since"), rerun.out());
    assertEquals("1:lost", db.one("SELECT string_agg(id || ':' || state, ',') FROM orders"));
    assertEquals(4, db.revisions().size());
  }

  @Test
  void aStopOnAWriteThatMayHaveRunHoldsWhenRunAgain() {
    // A CI job retried after the stop must not find the database as if nothing told it ahead: the
    // changeset found in place (a table with its seed row) is left unrecorded, so the retry stops
    // on the UPDATE again instead of adding 5 twice.
    Path file =
        write(
            "- createTable: {tableName: acct, columns: [{column: {name: id, type: int}},"
                + " {column: {name: bal, type: int}}]}\n"
                + "- insert: {tableName: acct, columns: [{column: {name: id, valueNumeric: 1}},"
                + " {column: {name: bal, valueNumeric: 10}}]}",
            "- sql: UPDATE acct SET bal = bal + 5");
    TestDb db = new TestDb("rerun_sticky");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    for (int run = 1; run <= 2; run++) {
      Cli.Result again = upgrade(db, file);
      assertEquals(1, again.code(), again.toString());
      assertTrue(
          again
              .err()
              .contains(
                  "\n1 changeset that this run found in place is left unrecorded, so that the next"
                      + " run stops here too until it is settled."),
          again.err());
      assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
      assertEquals(List.of(), db.rows("SELECT id FROM migrate_revisions"));
    }
    // Settled by hand: stamped, the next run has nothing to do.
    Cli stamp = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, stamp.run("stamp", "c2", "--changelog", file.toString()).code());
    Cli.Result settled = upgrade(db, file);
    assertEquals(0, settled.code(), settled.toString());
    assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
  }

  @Test
  void aWriteThatMayHaveRunInAChangesetThatMayFailIsPassedOverOnEveryRun() {
    // failOnError: false lets the run go on past it; the next run must pass it over as well, not
    // run it as new because the changesets that told this run the database was ahead are recorded.
    Path file =
        Changelogs.write(
            dir,
            "changelog.yaml",
            "databaseChangeLog:\n"
                + "  - changeSet: {id: c1, author: t, changes: [{createTable: {tableName: acct,"
                + " columns: [{column: {name: id, type: int}}, {column: {name: bal, type: int}}]}},"
                + " {insert: {tableName: acct, columns: [{column: {name: id, valueNumeric: 1}},"
                + " {column: {name: bal, valueNumeric: 10}}]}}]}\n"
                + "  - changeSet: {id: c2, author: t, failOnError: false, changes: [{sql: \"UPDATE"
                + " acct SET bal = bal + 5\"}]}\n");
    TestDb db = new TestDb("rerun_sticky_pass");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions");
    for (int run = 1; run <= 2; run++) {
      Cli.Result again = upgrade(db, file);
      assertEquals(0, again.code(), again.toString());
      assertTrue(
          again.err().contains("so that the next run passes this one over too until it is settled"),
          again.err());
      assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
    }
  }

  @Test
  void aChangesetFoundInPartIsLeftUnrecordedWithTheOthers() {
    // Its table found in place, its column (dropped by hand) added again: on the retry it is found
    // whole, and tells that the database is ahead, where recorded it would tell nothing and the
    // seed row would be inserted again and the balance raised twice.
    Path file =
        write(
            "- createTable: {tableName: acct, columns: [{column: {name: id, type: int}},"
                + " {column: {name: bal, type: int}}]}\n"
                + "- addColumn: {tableName: acct, columns: [{column: {name: note, type: text}}]}",
            "- insert: {tableName: acct, columns: [{column: {name: id, valueNumeric: 1}},"
                + " {column: {name: bal, valueNumeric: 10}}]}",
            "- sql: UPDATE acct SET bal = bal + 5");
    TestDb db = new TestDb("rerun_sticky_part");
    assertEquals(0, upgrade(db, file).code());
    db.execute("DELETE FROM migrate_revisions", "ALTER TABLE acct DROP COLUMN note");
    for (int run = 1; run <= 2; run++) {
      Cli.Result again = upgrade(db, file);
      assertEquals(1, again.code(), again.toString());
      assertTrue(
          again.err().contains("\n2 changesets that this run found in place are left unrecorded"),
          again.err());
      assertEquals(List.of("1 15"), db.rows("SELECT id || ' ' || bal FROM acct"));
      assertEquals(List.of(), db.rows("SELECT id FROM migrate_revisions"));
    }
  }
}
