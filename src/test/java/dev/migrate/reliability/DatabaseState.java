package dev.migrate.reliability;

import dev.migrate.support.TestDb;
import java.util.ArrayList;
import java.util.List;

/**
 * What a converged run must leave, taken from the catalog in Java: the schema fingerprint, every
 * index with its definition and validity, every table's rows (count and a digest of the sorted
 * rows, so a row inserted twice shows), and the revision rows.
 */
record DatabaseState(
    List<String> schema, List<String> indexes, List<String> data, List<String> revisions) {

  static DatabaseState of(TestDb db) {
    List<String> indexes =
        db.rows(
            """
        SELECT c.relname || ' ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' ready=' || i.indisready
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrate_revisions%'
        ORDER BY 1
        """);
    List<String> data = new ArrayList<>();
    for (String table :
        db.rows(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname <> 'migrate_revisions' ORDER BY 1")) {
      data.add(
          table
              + " "
              + db.one(
                  "SELECT count(*) || ' ' || coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '-') FROM "
                      + table
                      + " r"));
    }
    List<String> revisions =
        db.tableExists("migrate_revisions")
            ? db.rows(
                "SELECT id || ' ' || string_agg(status, ',') || ' x' || count(*) FROM migrate_revisions GROUP BY id ORDER BY id")
            : List.of();
    return new DatabaseState(db.schemaFingerprint(), indexes, data, revisions);
  }

  /** Indexes PostgreSQL marks INVALID or not ready, anywhere in the database. */
  static List<String> invalidIndexes(TestDb db) {
    return db.rows(
        "SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid OR NOT indisready ORDER BY 1");
  }

  /** The differences from {@code expected}, one line each; empty when the two are equal. */
  List<String> differencesFrom(DatabaseState expected) {
    List<String> problems = new ArrayList<>();
    compare("schema", expected.schema, schema, problems);
    compare("index", expected.indexes, indexes, problems);
    compare("data", expected.data, data, problems);
    compare("revision", expected.revisions, revisions, problems);
    return problems;
  }

  private static void compare(
      String what, List<String> expected, List<String> actual, List<String> problems) {
    for (String line : expected) {
      if (!actual.contains(line)) {
        problems.add(what + " missing: " + line);
      }
    }
    for (String line : actual) {
      if (!expected.contains(line)) {
        problems.add(what + " unexpected: " + line);
      }
    }
  }
}
