package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.util.function.Supplier;

/**
 * Whether statements the catalog cannot follow (rows written, raw SQL of no form it reads) left it
 * as it was, asked of the server instead of assumed. PostgreSQL counts, in each backend, the rows
 * written to each table, its own catalog's included, until it reports them, which it does only
 * between transactions; and a statement that makes, alters or drops a type, relation, column,
 * default, index, constraint or schema writes rows of the catalogs that hold them, even where a
 * savepoint undoes it. So the count of those catalogs' rows is kept in the transaction, in a
 * setting of its own, right before such statements run ({@link #writing}), and compared with the
 * count again before a snapshot answers ({@link #verify}), or in the round trip that commits
 * ({@link #commitAfter}): the same, the snapshot stays, and a changelog that inserts rows between
 * its tables no longer sends every later question to the server.
 *
 * <p>The answer is "changed" unless counting is on ({@code track_counts}), the setting is there (a
 * raw COMMIT ends the transaction it was set in, and a rollback to a savepoint taken before it
 * undoes it), and the search path is the one the session began with: a trigger or a function may
 * move it, and with it what a name is.
 */
final class CatalogUntouched {
  private CatalogUntouched() {}

  // The rows written to the catalogs a snapshot reads (SchemaObjects), as counted so far.
  private static final String CATALOG_ROWS =
      """
      (SELECT pg_catalog.sum(pg_catalog.pg_stat_get_xact_tuples_inserted(c)
              + pg_catalog.pg_stat_get_xact_tuples_updated(c)
              + pg_catalog.pg_stat_get_xact_tuples_deleted(c))
         FROM pg_catalog.unnest('{pg_catalog.pg_namespace, pg_catalog.pg_type,
           pg_catalog.pg_enum, pg_catalog.pg_class, pg_catalog.pg_attribute,
           pg_catalog.pg_attrdef, pg_catalog.pg_index,
           pg_catalog.pg_constraint}'::pg_catalog.regclass[]) AS c)::text""";

  /**
   * The session's search path where its role may read the counts, else null: where it may not (a
   * server that revoked them from PUBLIC), such statements are taken as changes, as they were.
   */
  static final String SEARCH_PATH =
      "CASE WHEN pg_catalog.has_function_privilege("
          + "'pg_catalog.pg_stat_get_xact_tuples_inserted(oid)', 'EXECUTE')"
          + " AND pg_catalog.has_function_privilege("
          + "'pg_catalog.pg_stat_get_xact_tuples_updated(oid)', 'EXECUTE')"
          + " AND pg_catalog.has_function_privilege("
          + "'pg_catalog.pg_stat_get_xact_tuples_deleted(oid)', 'EXECUTE')"
          + " THEN pg_catalog.current_setting('search_path') END";

  private static final String MARK =
      "SELECT pg_catalog.set_config('migrate.catalog_rows', " + CATALOG_ROWS + ", true)";

  static final String QUESTION =
      """
      SELECT CASE WHEN pg_catalog.current_setting('track_counts')::boolean
          AND pg_catalog.current_setting('search_path') = ?
          AND pg_catalog.current_setting('migrate.catalog_rows', true) = %s
        THEN 'untouched' ELSE 'changed' END"""
          .formatted(CATALOG_ROWS);

  /**
   * Runs {@code statements} so that whether they changed the catalog is asked of the server rather
   * than taken as a change, where a transaction is open and the session's search path is known;
   * else as any statement.
   */
  static <T> T writing(Jdbc jdbc, Supplier<T> statements) {
    Writes writes = jdbc.writes;
    if (jdbc.searchPath == null || writes.rows || !jdbc.inTransaction()) {
      return statements.get();
    }
    // Counted anew where the catalog changed since (a change it follows): rows written before it,
    // if any, were looked at before that change ran, as a snapshot asks before it answers.
    if (!writes.unverified && writes.markedAt != writes.catalog) {
      jdbc.recordHeld(MARK); // which changes no catalog
      writes.markedAt = writes.catalog;
    }
    writes.rows = true;
    try {
      return statements.get();
    } finally {
      writes.rows = false;
    }
  }

  /** Asks the server whether the statements left the catalog as it was; a change if not. */
  static void verify(Jdbc jdbc) {
    Writes writes = jdbc.writes;
    writes.unverified = false;
    String answer = null;
    try {
      if (jdbc.inTransaction()) {
        answer = jdbc.queryFirst(QUESTION, rs -> rs.getString(1), jdbc.searchPath);
      }
    } catch (MigrateException e) {
      // A transaction a statement failed in, or a connection gone: the failure is its statement's
      // to report, and nothing can be said of the catalog.
    }
    settle(writes, answer);
  }

  /**
   * Commits as {@link Jdbc#commitAfter} does, the question asked in the same round trip; false when
   * they could not go together, the question then asked alone (the caller commits).
   */
  static boolean commitAfter(Jdbc jdbc, String sql, Object... params) {
    Writes writes = jdbc.writes;
    writes.unverified = false;
    Object[] all = new Object[params.length + 1];
    all[0] = jdbc.searchPath;
    System.arraycopy(params, 0, all, 1, params.length);
    String answer;
    try {
      answer =
          jdbc.pipeline.sendReading(
              QUESTION + ";\n" + (sql == null ? "COMMIT" : sql + ";\nCOMMIT"), all);
    } catch (RuntimeException e) {
      settle(writes, null);
      throw e;
    }
    if (answer == null) {
      verify(jdbc);
      return false;
    }
    settle(writes, answer);
    return true;
  }

  private static void settle(Writes writes, String answer) {
    if (!"untouched".equals(answer)) {
      writes.catalog++;
    }
  }
}
