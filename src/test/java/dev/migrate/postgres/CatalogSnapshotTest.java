package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.model.Change;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot answers every question as the server does, object by object, for every kind of
 * object a schema holds; it keeps the moment it read while others change the database behind its
 * back; and once its own connection may have changed the catalog, it answers as the server does
 * now.
 */
class CatalogSnapshotTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      """
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
      CREATE TABLE parent (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE);
      CREATE TABLE "Child" (
        id integer GENERATED ALWAYS AS IDENTITY,
        parent_id bigint REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        feeling mood DEFAULT 'ok',
        seen timestamptz DEFAULT now() NOT NULL,
        amount numeric(10, 2) CHECK (amount >= 0),
        n positive,
        "Mixed Case" varchar(20),
        CONSTRAINT child_pk PRIMARY KEY (id, seen)
      );
      CREATE INDEX child_expr ON "Child" (lower("Mixed Case") DESC, feeling) INCLUDE (amount);
      CREATE UNIQUE INDEX child_partial ON "Child" USING btree (parent_id) WHERE amount > 0;
      CREATE INDEX child_hash ON "Child" USING hash (feeling);
      ALTER TABLE "Child" DROP COLUMN n;
      CREATE UNLOGGED TABLE scratch (x int);
      CREATE TABLE part (k int, v text) PARTITION BY RANGE (k);
      CREATE TABLE part_1 PARTITION OF part FOR VALUES FROM (0) TO (10);
      CREATE SEQUENCE counter START 5;
      CREATE VIEW parents AS SELECT id, code FROM parent;
      CREATE MATERIALIZED VIEW codes AS SELECT code FROM parent;
      CREATE SCHEMA other;
      CREATE TABLE other.parent (id int);
      """;

  // Every relation and type of the schema, and names that are nowhere.
  private static List<String> names(TestDb db) {
    List<String> names =
        new java.util.ArrayList<>(
            db.rows(
                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                    + " UNION SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace"));
    names.addAll(List.of("nowhere", "PARENT", "child"));
    return names;
  }

  private static void assertSame(PgCatalog live, PgCatalog snapshot, List<String> names) {
    for (String schema : List.of("public", "other", "absent")) {
      for (String name : names) {
        String at = schema + "." + name;
        assertEquals(live.type(schema, name), snapshot.type(schema, name), "type " + at);
        assertEquals(live.table(schema, name), snapshot.table(schema, name), "table " + at);
        assertEquals(live.index(schema, name), snapshot.index(schema, name), "index " + at);
        assertEquals(
            live.constraints(schema, name), snapshot.constraints(schema, name), "keys " + at);
      }
    }
  }

  interface Body {
    void run(TestDb db, Jdbc jdbc, PgCatalog live, PgCatalog snapshot) throws Exception;
  }

  // The schema above in a database of its own, a connection to it, and both catalogs over it.
  private static void over(String name, Body body) throws Exception {
    over(name, SCHEMA, body);
  }

  /** {@code schema} in a database of its own, a connection to it, and both catalogs over it. */
  static void over(String name, String schema, Body body) throws Exception {
    TestDb db = new TestDb(name);
    db.execute(schema);
    try (Connection c = db.server.connect(db.name)) {
      Jdbc jdbc = new Jdbc(c);
      body.run(db, jdbc, PgCatalog.live(jdbc), PgCatalog.snapshot(jdbc));
    }
  }

  @Test
  void answersEveryQuestionAsTheServerDoes() throws Exception {
    over(
        "snapshot_same",
        (db, jdbc, live, snapshot) -> {
          List<String> names = names(db);
          assertSame(live, snapshot, names);
          // The comparison can fail: the snapshot read real shapes, not empty ones.
          assertEquals(List.of("sad", "ok", "happy"), snapshot.type("public", "mood").labels());
          assertEquals(6, snapshot.table("public", "Child").columns().size());
          assertEquals(
              List.of("lower(\"Mixed Case\"::text)", "feeling"),
              snapshot.index("public", "child_expr").columns());
          assertEquals(3, snapshot.constraints("public", "Child").size());
        });
  }

  @Test
  void keepsItsMomentWhileOthersChangeTheDatabase() throws Exception {
    over(
        "snapshot_moment",
        (db, jdbc, live, snapshot) -> {
          PgCatalog.TableInfo before = snapshot.table("public", "parent");
          // Behind its back: another session adds a column and makes a table.
          db.execute("ALTER TABLE parent ADD COLUMN extra int", "CREATE TABLE later (x int)");
          assertEquals(before, snapshot.table("public", "parent"));
          assertNull(snapshot.table("public", "later"));
          // A read-only command sees one moment; the server has moved on.
          assertEquals(3, live.table("public", "parent").columns().size());
        });
  }

  @Test
  void answersAsTheServerOnceItsConnectionChangedTheCatalog() throws Exception {
    over(
        "snapshot_own",
        (db, jdbc, live, snapshot) -> {
          assertNull(snapshot.table("public", "made"));

          // A probe runs statements and undoes them: the snapshot stays.
          snapshot.probe(List.of("CREATE TABLE probed (x int)"), "SELECT 1");
          assertNull(snapshot.table("public", "probed"));
          db.execute("CREATE TABLE unseen (x int)");
          assertNull(snapshot.table("public", "unseen"), "still the snapshot");
          // Rows of its own (revision rows) change no catalog: the snapshot stays.
          jdbc.record("INSERT INTO parent (code) VALUES ('x')");
          assertNull(snapshot.table("public", "unseen"), "still the snapshot after a row");

          // A statement of its own connection: from then on the server answers.
          jdbc.execute("CREATE TABLE made (x int)");
          assertNotNull(snapshot.table("public", "made"));
          assertNotNull(snapshot.table("public", "unseen"));
          jdbc.execute("ALTER TYPE mood ADD VALUE 'ecstatic'");
          assertEquals(
              List.of("sad", "ok", "happy", "ecstatic"), snapshot.type("public", "mood").labels());
          assertSame(live, snapshot, names(db));
        });
  }

  // A structured change of one name, as the runner sends it.
  private static void change(PgCatalog snapshot, Jdbc jdbc, String name, String sql) {
    snapshot.changing(
        Set.of(name),
        () -> {
          jdbc.execute(sql);
          return null;
        });
  }

  @Test
  void followsTheNamesItsOwnStructuredChangesTouch() throws Exception {
    over(
        "snapshot_follow",
        (db, jdbc, live, snapshot) -> {
          assertNull(snapshot.table("public", "made"));
          change(
              snapshot,
              jdbc,
              "made",
              "CREATE TABLE made (id serial PRIMARY KEY, code text UNIQUE)");
          // The table, and what PostgreSQL named after it: its keys' indexes, its sequence, its
          // array type.
          assertEquals(live.table("public", "made"), snapshot.table("public", "made"));
          assertNotNull(snapshot.index("public", "made_pkey"));
          assertNotNull(snapshot.index("public", "made_code_key"));
          assertNotNull(snapshot.table("public", "made_id_seq"));
          assertNotNull(snapshot.type("public", "_made"));
          assertEquals(2, snapshot.constraints("public", "made").size());

          // A name no statement of its own touched: still the snapshot's moment.
          db.execute("CREATE TABLE unseen (x int)");
          assertNull(snapshot.table("public", "unseen"));

          // What a change of one table does to objects named otherwise: an index on it, the keys
          // of another table that reference it.
          change(snapshot, jdbc, "parent", "ALTER TABLE parent RENAME COLUMN id TO pid");
          assertEquals(
              List.of("pid"),
              snapshot.constraints("public", "Child").stream()
                  .filter(k -> k.type().equals("f"))
                  .findFirst()
                  .orElseThrow()
                  .referencedColumns());
          change(snapshot, jdbc, "Child", "ALTER TABLE \"Child\" DROP COLUMN feeling");
          assertNull(snapshot.index("public", "child_hash"));
          assertEquals(
              live.constraints("public", "Child"), snapshot.constraints("public", "Child"));
          assertNull(snapshot.table("public", "unseen"), "still the snapshot");

          // A statement it cannot follow: from then on the server answers everything.
          jdbc.execute("CREATE TABLE raw (x int)");
          assertNotNull(snapshot.table("public", "unseen"));
          assertSame(live, snapshot, names(db));
        });
  }

  @Test
  void followsTheNamesAStructuredChangeSendsBeyondItsFacts() throws Exception {
    // A createTable's facts name its table; its statement also names an inline key, whose index
    // PostgreSQL names as told, not after the table.
    Path file =
        Changelogs.write(
            dir,
            "inline.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: inline
                  author: a
                  changes:
                    - createTable:
                        tableName: inline
                        columns:
                          - column:
                              name: email
                              type: text
                              constraints: {unique: true, uniqueConstraintName: email_once}
            """);
    Change.CreateTable create =
        (Change.CreateTable)
            ChangelogParser.parse(file.toString(), List.of(dir), false)
                .changesets()
                .get(0)
                .steps()
                .get(0)
                .change();
    over(
        "snapshot_inline",
        (db, jdbc, live, snapshot) -> {
          assertNull(snapshot.index("public", "email_once"));
          db.execute("CREATE TABLE unseen (x int)");
          PgDdl ddl = new PgDdl("public");
          List<String> statements = ddl.createTable(create);
          new Guards(snapshot, ddl)
              .changing(
                  create,
                  statements,
                  false,
                  () -> {
                    statements.forEach(jdbc::execute);
                    return null;
                  });
          assertNotNull(snapshot.index("public", "email_once"));
          assertEquals(live.index("public", "email_once"), snapshot.index("public", "email_once"));
          assertNull(snapshot.table("public", "unseen"), "what it did not touch: the snapshot");
        });
  }
}
