package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements the snapshot cannot follow (rows, raw SQL of other forms) run in a transaction as
 * rows: the server's count of the catalog rows written says afterwards whether they changed the
 * catalog. Where they did not, the snapshot goes on answering from what it read, through the
 * commit; where they did (a trigger, a function), or where the count cannot be trusted (the search
 * path moved, the transaction ended under them, counting is off), it ends and the server answers.
 */
class RowsWrittenTest {
  private static final String SCHEMA =
      """
      CREATE TABLE item (id serial PRIMARY KEY, code text UNIQUE);
      CREATE FUNCTION make_table() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN EXECUTE 'CREATE TABLE IF NOT EXISTS made_by_trigger (x int)'; RETURN NEW; END $$;
      CREATE TABLE audited (id int);
      CREATE TRIGGER audited_makes BEFORE INSERT ON audited
        FOR EACH ROW EXECUTE FUNCTION make_table();
      CREATE FUNCTION move_path() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM set_config('search_path', 'pg_catalog', false); RETURN NEW; END $$;
      CREATE TABLE moving (id int);
      CREATE TRIGGER moving_moves BEFORE INSERT ON moving
        FOR EACH ROW EXECUTE FUNCTION move_path();
      CREATE FUNCTION add_column() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN ALTER TABLE item ADD COLUMN extra int; RETURN 1; END $$;
      CREATE FUNCTION count_items() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM item';
      """;

  interface Body {
    void run(TestDb db, Jdbc jdbc, PgCatalog snapshot) throws Exception;
  }

  // The schema in a database of its own, and a session on it as the runner opens one: its search
  // path known, a snapshot read, a transaction open.
  private static void over(String name, Body body) throws Exception {
    TestDb db = new TestDb(name);
    db.execute(SCHEMA);
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      jdbc.searchPath(
          jdbc.queryFirst("SELECT current_setting('search_path')", r -> r.getString(1)));
      PgCatalog snapshot = PgCatalog.snapshot(jdbc);
      assertNotNull(snapshot.table("public", "item")); // read now
      jdbc.begin();
      body.run(db, jdbc, snapshot);
    }
  }

  private static void raw(PgCatalog snapshot, Jdbc jdbc, String sql) {
    RawSqlFollowingTest.raw(snapshot, jdbc, sql);
  }

  // A table made behind the snapshot's back, by another session: seen only when the server
  // answers.
  private static String behindItsBack(TestDb db, String name) {
    db.execute("CREATE TABLE " + name + " (x int)");
    return name;
  }

  @Test
  void rowsThatLeaveTheCatalogAsItWasKeepTheSnapshotThroughTheCommit() throws Exception {
    over(
        "rows_keep",
        (db, jdbc, snapshot) -> {
          String unseen = behindItsBack(db, "unseen");
          raw(snapshot, jdbc, "INSERT INTO item (code) VALUES ('a')");
          raw(snapshot, jdbc, "UPDATE item SET code = 'b' WHERE code = 'a'");
          raw(snapshot, jdbc, "SELECT count_items()");
          // A structured insert, through the guards as a change that writes rows.
          Change insert =
              new Change.Insert(
                  null,
                  "item",
                  List.of(new Change.ColumnValue("code", new Value(Value.Kind.STRING, "c"))));
          new Guards(snapshot, new PgDdl("public"))
              .changing(
                  insert,
                  List.of("INSERT INTO public.item (code) VALUES ('c')"),
                  false,
                  () -> {
                    jdbc.execute("INSERT INTO public.item (code) VALUES ('c')");
                    return null;
                  });
          assertNull(snapshot.table("public", unseen), "asked in the transaction");
          raw(snapshot, jdbc, "DELETE FROM item WHERE code = 'b'");
          jdbc.commitAfter(null);
          assertNull(snapshot.table("public", unseen), "asked after the commit");
          assertEquals(List.of("c"), db.rows("SELECT code FROM item"));
        });
  }

  @Test
  void aTriggerThatMakesATableEndsTheSnapshot() throws Exception {
    over(
        "rows_trigger",
        (db, jdbc, snapshot) -> {
          raw(snapshot, jdbc, "INSERT INTO audited VALUES (1)");
          assertNotNull(snapshot.table("public", "made_by_trigger"));
        });
    over(
        "rows_trigger_commit",
        (db, jdbc, snapshot) -> {
          raw(snapshot, jdbc, "INSERT INTO audited VALUES (1)");
          jdbc.commitAfter(null); // the question goes with the commit
          assertNotNull(snapshot.table("public", "made_by_trigger"));
        });
  }

  @Test
  void aFunctionThatAltersATableEndsTheSnapshot() throws Exception {
    over(
        "rows_function",
        (db, jdbc, snapshot) -> {
          raw(snapshot, jdbc, "INSERT INTO item (code) VALUES ('a')");
          raw(snapshot, jdbc, "SELECT add_column()");
          assertNotNull(snapshot.table("public", "item").column("extra"));
        });
  }

  @Test
  void whatTheCountCannotTellEndsTheSnapshot() throws Exception {
    // The search path moved by a trigger: names may now be other objects.
    endsIt("rows_path", "INSERT INTO public.moving VALUES (1)");
    // The transaction ended under the statements: the count it kept is gone with it.
    endsIt("rows_commit", "INSERT INTO item (code) VALUES ('a')", "COMMIT");
    // Counting off: nothing is counted, so nothing can be said untouched.
    endsIt("rows_counting_off", "SET LOCAL track_counts = off", "INSERT INTO item VALUES (9)");
  }

  // After these raw statements, the server answers: a table made behind its back is seen.
  private static void endsIt(String name, String... statements) throws Exception {
    over(
        name,
        (db, jdbc, snapshot) -> {
          String unseen = behindItsBack(db, "unseen");
          for (String sql : statements) {
            raw(snapshot, jdbc, sql);
          }
          assertNotNull(snapshot.table("public", unseen), String.join("; ", statements));
        });
  }
}
