package dev.migrate.postgres;

import java.util.regex.Pattern;

/**
 * What the statements of one connection may have changed, counted as they are sent: whether a write
 * may have been committed, how many statements may have changed the catalog, and how many times
 * what was done was undone. A snapshot of the catalog stays true while they stay the same.
 */
final class Writes {
  // A setting changes no catalog, but the search path changes which object a name is: counted.
  private static final Pattern NO_CATALOG_CHANGE =
      Pattern.compile(
          "(?is)\\s*(SET(?!\\s+(?:LOCAL\\s+|SESSION\\s+)?(?:search_path|schema)\\b)|SAVEPOINT|RELEASE"
              + "|ROLLBACK\\s+TO)\\s.*");

  // Whether a COMMIT ran, or a statement that commits itself (outside a transaction, not a SET).
  boolean committed;
  // Statements that may have changed the catalog (settings but the search path, and savepoints,
  // change none).
  long catalog;
  // Rollbacks, to a savepoint or not, and excused failures: what their statements made is gone.
  long undone;
  // Runs once, right before the next statement that may write.
  Runnable before;
  // While true, a statement that may change the catalog is not counted in `catalog` but leaves the
  // transaction to be looked at: the server says whether its catalog rows changed
  // (CatalogUntouched).
  boolean rows;
  boolean unverified;
  // `catalog` when the transaction's count of catalog rows was last kept; -1: not in it.
  long markedAt = -1;

  /** Notes {@code sql}, about to be sent; first runs what was to run before the next write. */
  void note(String sql, boolean inTransaction) {
    if (before != null) {
      Runnable first = before;
      before = null; // what it writes itself comes after it
      first.run();
    }
    if (!NO_CATALOG_CHANGE.matcher(sql).matches()) {
      if (rows) {
        unverified = true;
      } else {
        catalog++;
      }
    } else if (sql.stripLeading().regionMatches(true, 0, "ROLLBACK TO", 0, 11)) {
      undone++;
    }
    if (!inTransaction && !sql.stripLeading().regionMatches(true, 0, "SET ", 0, 4)) {
      committed = true;
    }
  }
}
