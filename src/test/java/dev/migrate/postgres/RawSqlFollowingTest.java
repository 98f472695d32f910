package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.TestDb;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A raw statement of a form whose every effect is on objects it names is followed by the snapshot
 * as a structured change is: the snapshot goes on answering for every other name, and answers for
 * the names the statement wrote as the server does. Any other raw statement ends the snapshot. The
 * existence questions raw SQL is guarded by are answered from the snapshot exactly as their SQL
 * answers them on the server.
 */
class RawSqlFollowingTest {
  private static final String SCHEMA =
      """
      CREATE TYPE mood AS ENUM ('sad', 'ok');
      CREATE TABLE parent (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE);
      CREATE TABLE "Child" (
        id int GENERATED ALWAYS AS IDENTITY,
        parent_id bigint CONSTRAINT child_parent REFERENCES parent (id),
        "Mixed Case" text CHECK ("Mixed Case" <> ''),
        gone int,
        CONSTRAINT child_pk PRIMARY KEY (id));
      ALTER TABLE "Child" DROP COLUMN gone;
      CREATE INDEX child_lower ON "Child" (lower("Mixed Case"));
      CREATE SEQUENCE counter;
      CREATE VIEW parents AS SELECT id FROM parent;
      CREATE TABLE other_schema_twin (x int);
      CREATE SCHEMA other;
      CREATE TABLE other.parent (id int CONSTRAINT other_key UNIQUE);
      """;

  // The forms followed, in the order a changelog might run them.
  private static final List<String> FOLLOWED =
      List.of(
          "CREATE TYPE feeling AS ENUM ('calm', 'loud')",
          "CREATE TABLE made (id serial PRIMARY KEY, code text UNIQUE, kind feeling,"
              + " parent_id bigint REFERENCES parent (id))",
          "CREATE UNIQUE INDEX made_code_lower ON made (lower(code))",
          "ALTER TABLE made ADD COLUMN note text, ADD COLUMN seen timestamptz DEFAULT now()",
          "ALTER TABLE made ADD CONSTRAINT made_note_set CHECK (note <> '')",
          "ALTER TABLE made ADD CONSTRAINT made_parent FOREIGN KEY (parent_id)"
              + " REFERENCES parent (id) ON DELETE CASCADE",
          "/* a comment first */ CREATE INDEX IF NOT EXISTS made_seen ON ONLY made (seen)",
          "COMMENT ON COLUMN made.note IS 'why; it is here'",
          "GRANT SELECT, INSERT ON made, parent TO PUBLIC",
          "REVOKE ALL ON SEQUENCE counter FROM PUBLIC");

  // Forms whose effects reach what they do not name, or whose columns come from elsewhere.
  private static final List<String> NOT_FOLLOWED =
      List.of(
          "CREATE TABLE copy (LIKE parent INCLUDING ALL)",
          "CREATE TABLE heir (extra int) INHERITS (parent)",
          "CREATE TABLE IF NOT EXISTS maybe (x int)",
          "CREATE TABLE selected AS SELECT 1 AS x",
          "CREATE TEMP TABLE scratch (x int)",
          "DO $$ BEGIN EXECUTE 'CREATE TABLE hidden (x int)'; END $$",
          "ALTER TABLE parent ADD COLUMN flag int; CREATE TABLE second (x int)",
          "CREATE INDEX parent_code_twice ON parent (code); CREATE TABLE third (x int)",
          "ALTER TABLE \"Child\" DROP CONSTRAINT child_parent CASCADE",
          "CREATE INDEX CONCURRENTLY parent_code ON parent (code)",
          "ALTER TABLE parent RENAME TO elder",
          "SET search_path TO other, public");

  private static void over(String name, CatalogSnapshotTest.Body body) throws Exception {
    CatalogSnapshotTest.over(name, SCHEMA, body);
  }

  // Runs a raw statement as the runner does, through the guards over {@code catalog}.
  static void raw(PgCatalog catalog, Jdbc jdbc, String sql) {
    new Guards(catalog, new PgDdl("public"))
        .changing(
            List.of(sql),
            false,
            () -> {
              jdbc.execute(sql);
              return null;
            });
  }

  // Every existence question raw SQL is guarded by, over every name of the database and some
  // that are nowhere, alone and joined.
  private static List<CatalogQuestion> questions(TestDb db) {
    List<String> relations =
        new ArrayList<>(
            db.rows(
                "SELECT relname FROM pg_class WHERE relnamespace IN"
                    + " ('public'::regnamespace, 'other'::regnamespace)"));
    relations.addAll(List.of("nowhere", "PARENT", "child"));
    List<String> types =
        db.rows("SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace");
    List<String> columns =
        new ArrayList<>(
            db.rows("SELECT DISTINCT attname FROM pg_attribute WHERE attrelid >= 16384"));
    columns.addAll(List.of("nowhere", "ID"));
    List<String> keys = new ArrayList<>(db.rows("SELECT conname FROM pg_constraint"));
    keys.add("nowhere");
    List<CatalogQuestion> questions = new ArrayList<>();
    for (String schema : List.of("public", "other", "absent")) {
      for (String relation : relations) {
        SqlName at = new SqlName(schema, relation);
        questions.add(CatalogQuestion.relation(at));
        columns.forEach(c -> questions.add(CatalogQuestion.column(at, c)));
        keys.forEach(k -> questions.add(CatalogQuestion.constraint(at, k)));
      }
      types.forEach(t -> questions.add(CatalogQuestion.type(new SqlName(schema, t))));
    }
    SqlName parent = new SqlName("public", "parent");
    SqlName elder = new SqlName("public", "elder");
    questions.add(CatalogQuestion.relation(parent).negated().and(CatalogQuestion.relation(elder)));
    questions.add(CatalogQuestion.relation(parent).or(CatalogQuestion.relation(elder)));
    questions.add(
        CatalogQuestion.relation(parent)
            .and(CatalogQuestion.column(parent, "code").negated())
            .negated());
    return questions;
  }

  private static void assertAnswersAsTheServer(TestDb db, PgCatalog live, PgCatalog snapshot) {
    List<CatalogQuestion> questions = questions(db);
    assertTrue(questions.size() > 1000, "questions: " + questions.size());
    for (CatalogQuestion q : questions) {
      assertEquals(live.holds(q), snapshot.holds(q), q.literal());
    }
  }

  @Test
  void answersEveryExistenceQuestionAsItsSqlDoes() throws Exception {
    over(
        "raw_follow_same",
        (db, jdbc, live, snapshot) -> {
          assertAnswersAsTheServer(db, live, snapshot);
          // Answered from what it read: a table made behind its back is not seen.
          db.execute("CREATE TABLE later (x int)");
          assertFalse(snapshot.holds(CatalogQuestion.relation(new SqlName("public", "later"))));
          assertTrue(live.holds(CatalogQuestion.relation(new SqlName("public", "later"))));
        });
  }

  @Test
  void answersWhetherWhatARawStatementMakesIsThereAsItsSqlDoes() throws Exception {
    // What check asks of each raw CREATE: the object by name; an index in any schema.
    List<String> makes = new ArrayList<>();
    for (String name : List.of("parent", "Child", "child_lower", "counter", "parents", "nowhere")) {
      String quoted = PgNames.quote(name);
      makes.add("CREATE TABLE " + quoted + " (x int)");
      makes.add("CREATE INDEX " + quoted + " ON parent (code)");
      makes.add("CREATE VIEW other." + quoted + " AS SELECT 1");
    }
    for (String name : List.of("mood", "_mood", "parent", "nowhere")) {
      makes.add("CREATE TYPE " + name + " AS ENUM ('a')");
      makes.add("CREATE DOMAIN other." + name + " AS int");
    }
    makes.add("CREATE INDEX other_key ON other.parent (id)"); // an index of the name elsewhere
    makes.add("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    over(
        "raw_follow_present",
        (db, jdbc, live, snapshot) -> {
          for (String sql : makes) {
            CatalogQuestion present = SqlRemakes.made(sql, "public").present();
            assertEquals(live.holds(present), snapshot.holds(present), sql);
          }
          // Answered from what it read where it read the object.
          db.execute("DROP VIEW parents");
          CatalogQuestion view =
              SqlRemakes.made("CREATE VIEW parents AS SELECT 1", "public").present();
          assertTrue(snapshot.holds(view));
          assertFalse(live.holds(view));
        });
  }

  @Test
  void followsTheRawFormsWhoseEffectsItKnows() throws Exception {
    over(
        "raw_follow_forms",
        (db, jdbc, live, snapshot) -> {
          assertNull(snapshot.table("public", "unseen"));
          db.execute("CREATE TABLE unseen (x int)"); // behind its back
          for (String sql : FOLLOWED) {
            raw(snapshot, jdbc, sql);
            assertNull(snapshot.table("public", "unseen"), "still the snapshot after " + sql);
          }
          // What the statements made, and what PostgreSQL named after it, as the server says.
          for (String name :
              List.of(
                  "made",
                  "made_pkey",
                  "made_code_key",
                  "made_id_seq",
                  "made_code_lower",
                  "made_seen",
                  "feeling",
                  "_feeling",
                  "_made")) {
            assertEquals(live.table("public", name), snapshot.table("public", name), name);
            assertEquals(live.index("public", name), snapshot.index("public", name), name);
            assertEquals(live.type("public", name), snapshot.type("public", name), name);
          }
          assertEquals(live.constraints("public", "made"), snapshot.constraints("public", "made"));
          assertEquals(6, snapshot.table("public", "made").columns().size());
          db.execute("DROP TABLE unseen");
          assertAnswersAsTheServer(db, live, snapshot);
        });
  }

  @Test
  void whatNoQuestionReadsLeavesTheNamesItWritesToTheSnapshot() throws Exception {
    over(
        "raw_follow_unread",
        (db, jdbc, live, snapshot) -> {
          PgCatalog.TableInfo parent = snapshot.table("public", "parent");
          db.execute("ALTER TABLE parent ADD COLUMN sneaky int"); // behind its back
          for (String sql :
              List.of(
                  "COMMENT ON TABLE parent IS 'p'",
                  "COMMENT ON COLUMN parent.code IS 'c'",
                  "GRANT SELECT ON parent TO PUBLIC",
                  "GRANT SELECT (code) ON parent TO PUBLIC",
                  "REVOKE INSERT ON parent FROM PUBLIC")) {
            raw(snapshot, jdbc, sql);
            assertEquals(parent, snapshot.table("public", "parent"), "what it read, after " + sql);
          }
          assertNotNull(live.table("public", "parent").column("sneaky"));
        });
  }

  @Test
  void answersForATableARawStatementMadeFromWhatItsStatementsWrote() throws Exception {
    over(
        "raw_follow_made",
        (db, jdbc, live, snapshot) -> {
          assertNull(snapshot.table("public", "fresh"));
          raw(snapshot, jdbc, "CREATE TABLE fresh (id int CONSTRAINT fresh_id_set CHECK (id > 0))");
          SqlName fresh = new SqlName("public", "fresh");
          // Nobody else sees a table the run made before it commits; here another session
          // changes it, which shows the answers come from what the statement wrote.
          db.execute("ALTER TABLE fresh ADD COLUMN sneaky int CONSTRAINT sneaky_set NOT NULL");
          db.execute("ALTER TABLE fresh ADD CONSTRAINT sneaky_once UNIQUE (sneaky)");
          assertTrue(live.holds(CatalogQuestion.column(fresh, "sneaky")));
          assertFalse(snapshot.holds(CatalogQuestion.column(fresh, "sneaky")));
          assertTrue(live.holds(CatalogQuestion.constraint(fresh, "sneaky_once")));
          assertFalse(snapshot.holds(CatalogQuestion.constraint(fresh, "sneaky_once")));
          assertTrue(snapshot.holds(CatalogQuestion.relation(fresh)));
          // What the statement wrote, or PostgreSQL may have named itself, goes to the server.
          assertTrue(snapshot.holds(CatalogQuestion.column(fresh, "id")));
          assertTrue(snapshot.holds(CatalogQuestion.constraint(fresh, "fresh_id_set")));
          assertTrue(
              snapshot.holds(
                  CatalogQuestion.constraint(fresh, "sneaky_once")
                      .or(CatalogQuestion.constraint(fresh, "fresh_id_set"))));
        });
  }

  @Test
  void aRawStatementItCannotFollowEndsTheSnapshot() throws Exception {
    over(
        "raw_follow_not",
        (db, jdbc, live, first) -> {
          int n = 0;
          for (String sql : NOT_FOLLOWED) {
            PgCatalog snapshot = PgCatalog.snapshot(jdbc);
            String unseen = "unseen_" + n++;
            assertNull(snapshot.table("public", unseen));
            db.execute("CREATE TABLE " + unseen + " (x int)"); // behind its back
            raw(snapshot, jdbc, sql);
            assertNotNull(snapshot.table("public", unseen), "the server answers after " + sql);
          }
          assertAnswersAsTheServer(db, live, PgCatalog.snapshot(jdbc));
        });
  }
}
