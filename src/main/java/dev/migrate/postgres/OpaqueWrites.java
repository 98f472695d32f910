package dev.migrate.postgres;

import java.util.regex.Pattern;

/**
 * Statements whose writes their text does not show: a {@code DO} block, a {@code CALL}, a {@code
 * SELECT} that calls a function, a {@code WITH} whose writing part is not its head, a {@code COPY …
 * FROM}. Run again on a rerun over a database ahead of its revision rows, such a statement may
 * write its rows a second time, as an INSERT may; what it writes is read from the server's own
 * count of the rows each table had inserted, updated or deleted in the transaction ({@code
 * pg_stat_xact_user_tables}), before and after it runs in a savepoint.
 */
public final class OpaqueWrites {
  private static final Pattern OPAQUE =
      Pattern.compile(
          "(?:DO\\s|CALL\\s|SELECT\\s.*\\(|WITH\\s|COPY\\s.*\\sFROM\\s).*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * Each table's state (by oid): the rows the transaction has inserted, updated or deleted in it so
   * far, and its file, which a TRUNCATE (that counts no rows) or a rewrite replaces. The counts
   * stay with a savepoint rolled back, so a table whose state differs after a statement was
   * written. Temporary tables are the session's own, and left out.
   */
  public static final String STATES =
      "SELECT c.oid::bigint, coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0) || '/' ||"
          + " c.relfilenode FROM pg_catalog.pg_class c LEFT JOIN"
          + " pg_catalog.pg_stat_xact_user_tables s ON s.relid = c.oid WHERE c.relkind IN ('r', 'p')"
          + " AND c.relpersistence <> 't' AND c.relnamespace NOT IN"
          + " ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)";

  private OpaqueWrites() {}

  /** Whether a statement may write rows that its text does not name (see the class). */
  public static boolean opaque(String sql) {
    String code = SqlName.withoutLeadingComments(sql).strip();
    return OPAQUE.matcher(code).matches() && !RowWrites.writes(code);
  }

  /**
   * The tables of these oids that exist, each as schema and name; the query's text. A temporary
   * table is the session's own: no earlier run wrote it.
   */
  public static String named(java.util.Collection<Long> oids) {
    return "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't'"
        + " AND c.oid IN ("
        + String.join(", ", oids.stream().map(String::valueOf).toList())
        + ")";
  }

  /** The key a table has in a run's set of tables it wrote whole ({@code written}). */
  public static String key(String schema, String table) {
    return new SqlName(schema, table).toString();
  }

  /** Whether the table has rows. */
  public static String hasRows(String schema, String table) {
    return "SELECT EXISTS (SELECT 1 FROM " + new SqlName(schema, table) + ")";
  }

  /** A fingerprint of the table's rows (see {@link RowWrites#fingerprint}). */
  public static String fingerprint(String schema, String table) {
    return RowWrites.fingerprint(new SqlName(schema, table), "r::text");
  }

  /** The message that stops a changeset whose statement may have written rows before. */
  public static String mayHaveRun(String schema, String table, String sql) {
    return RowWrites.mayHaveRun(new SqlName(schema, table), sql);
  }
}
