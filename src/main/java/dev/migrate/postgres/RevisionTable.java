package dev.migrate.postgres;

import java.util.List;

/** The revision table's definition: what makes it, with its schema and its index. */
final class RevisionTable {
  private RevisionTable() {}

  /**
   * The statements that make the schema and the table when missing; safe to run twice. The schema
   * is made only when absent: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when
   * the schema exists, which a role that may only create tables in {@code public} lacks.
   */
  static List<String> createStatements(String schema, String table) {
    String qualified = PgNames.qualified(schema, table);
    return List.of(
        "DO $migrate_schema$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = "
            + PgNames.literal(schema)
            + ") THEN EXECUTE "
            + PgNames.literal("CREATE SCHEMA " + PgNames.quote(schema))
            + "; END IF; END $migrate_schema$",
        """
        CREATE TABLE IF NOT EXISTS %s (
            id text NOT NULL,
            author text NOT NULL,
            filename text NOT NULL,
            seq integer NOT NULL,
            checksum text NOT NULL,
            status text NOT NULL CHECK (status IN ('applied', 'stamped', 'mark_ran')),
            applied_at timestamp with time zone NOT NULL DEFAULT now(),
            duration_ms bigint NOT NULL DEFAULT 0,
            steps_run integer NOT NULL DEFAULT 0,
            steps_skipped integer NOT NULL DEFAULT 0,
            deployment_id text NOT NULL,
            tool_version text NOT NULL,
            description text,
            tag text,
            PRIMARY KEY (id, author, filename)
        )"""
            .formatted(qualified),
        // Each row takes 1 + MAX(seq): read from this index rather than the whole table, so
        // writing N rows costs N log N, not N². Made by the table's owner only: another role that
        // may write rows may not make an index (not even with IF NOT EXISTS, once it exists).
        "DO $migrate_index$ BEGIN IF to_regclass("
            + PgNames.literal(PgNames.qualified(schema, table + "_seq_idx"))
            + ") IS NULL AND pg_catalog.pg_has_role((SELECT relowner FROM pg_catalog.pg_class"
            + " WHERE oid = to_regclass("
            + PgNames.literal(qualified)
            + ")), 'USAGE') THEN EXECUTE "
            + PgNames.literal(
                "CREATE INDEX " + PgNames.quote(table + "_seq_idx") + " ON " + qualified + " (seq)")
            + "; END IF; END $migrate_index$");
  }
}
