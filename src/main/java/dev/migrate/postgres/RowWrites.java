package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements that write rows, as a rerun that may repeat an earlier run's rows looks at them: the
 * table they write, the rows' fingerprint before and after, and the words that stop a rerun. {@code
 * upgrade} ({@link Replay}) and the script ({@link ScriptReplay}) ask the same.
 */
public final class RowWrites {
  /** Why a write is skipped when an earlier step of its changeset found its effect in place. */
  public static final String RAN_BEFORE =
      "earlier steps of this changeset found their effect in place, so it ran before, and the"
          + " rows it writes were written then";

  private RowWrites() {}

  /**
   * The table a statement writes rows into (INSERT, UPDATE, DELETE, MERGE, TRUNCATE), in a rerun
   * that may repeat an earlier run's rows; null for another statement, or an INSERT that checks for
   * its own rows (ON CONFLICT DO NOTHING, WHERE NOT EXISTS).
   */
  static SqlName table(String code, PgDdl ddl) {
    Matcher m = WRITES.matcher(code);
    if (!m.matches() || (SELF_GUARDED.matcher(code).find() && !NULL_GUARD.matcher(code).find())) {
      return null;
    }
    return SqlName.of(m.group(1), ddl.sqlSchema());
  }

  /** Why a statement that writes rows into {@code table} stops a rerun: it may have run before. */
  static String mayHaveRun(SqlName table, String sql) {
    return mayHaveRun(table.toString(), sql);
  }

  /** The same, of a table as SQL names it. */
  static String mayHaveRun(String table, String sql) {
    return "it would write rows in "
        + table
        + " again: earlier steps of this run found their objects in place (the revision rows"
        + " were lost, a run was cut short, or another tool made them), and "
        + table
        + " has rows, so this statement may have run before:\n  "
        + firstLine(sql)
        + "\nIf this changeset ran before, record it without running it (migrate stamp);"
        + " if not, run the statement by hand and stamp it.";
  }

  /** The notice of a write skipped because its changeset ran before. */
  static String skippedAsRan(String sql) {
    return firstLine(sql) + " skipped: " + RAN_BEFORE;
  }

  // The statement's first line of code, as a message quotes it.
  private static String firstLine(String sql) {
    return SqlName.withoutLeadingComments(sql).strip().lines().findFirst().orElse("");
  }

  /**
   * A query for the count of a table's rows and the sum of a hash of each ({@code row}, an
   * expression of {@code r}), which does not depend on their order.
   */
  static String fingerprint(SqlName table, String row) {
    return fingerprint(table.toString(), row);
  }

  /** The same, of a table as SQL names it. */
  static String fingerprint(String table, String row) {
    return "SELECT count(*) || ':' || coalesce(sum(hashtextextended("
        + row
        + ", 0)), 0) FROM "
        + table
        + " AS r";
  }

  /**
   * For an UPDATE or DELETE on a rerun over a database ahead of its revision rows: why it is
   * skipped when its table holds no rows, or null. It has none to change; run against a schema that
   * later changes have moved on, it could only fail (a column's type changed since). Null for a
   * statement with a WITH, whose parts may write elsewhere.
   */
  static String nothingToChange(String sql, PgCatalog catalog, PgDdl ddl) {
    String code = SqlName.withoutLeadingComments(sql).strip();
    SqlName table = table(code, ddl);
    return table != null
            && changesRowsInPlace(code)
            && catalog.relationExists(table.schema(), table.name())
            && !catalog.test("EXISTS (SELECT 1 FROM " + table + ")")
        ? table + " holds no rows: the statement has none to change"
        : null;
  }

  // A value the column's type cannot read, or an operator or assignment between types that do not
  // meet: what a statement written for a column's earlier type meets over its later one.
  private static final java.util.Set<String> MISTYPED =
      java.util.Set.of("22P02", "22007", "42804", "42883");

  /**
   * For an UPDATE or DELETE that failed on a rerun over a database ahead of its revision rows: why
   * it needs not succeed, when it failed on a value or operator its column's type now refuses and a
   * later change sets the type of a column of its table that it names (the statements after it in
   * its step count). The database has that later type already, whose values the statement, as
   * written for the type before, cannot name: the rows it would change were converted by that
   * change. Null otherwise.
   */
  static String retypedLater(
      String sql, String sqlState, LaterChanges after, PgCatalog catalog, PgDdl ddl) {
    String code = SqlName.withoutLeadingComments(sql).strip();
    SqlName table = table(code, ddl);
    if (!MISTYPED.contains(sqlState) || table == null || !changesRowsInPlace(code)) {
      return null;
    }
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    for (PgCatalog.ColumnInfo column : info.columns()) {
      if (LaterSql.names(code, column.name())
          && !LaterTypes.typesSetLater(after, table.schema(), table.name(), column.name())
              .isEmpty()) {
        return "a later change sets the type of "
            + column.name()
            + " of "
            + table
            + ", and the values it names are of the type before: the rows it would change were"
            + " converted by that change";
      }
    }
    return null;
  }

  // An UPDATE or DELETE: it changes rows in place rather than adding them.
  static boolean changesRowsInPlace(String code) {
    return code.regionMatches(true, 0, "UPDATE", 0, 6)
        || code.regionMatches(true, 0, "DELETE", 0, 6);
  }

  /** Whether a statement writes rows: INSERT, UPDATE, DELETE, MERGE, TRUNCATE. */
  public static boolean writes(String sql) {
    return WRITES.matcher(SqlName.withoutLeadingComments(sql).strip()).matches();
  }

  /** Whether a statement is an INSERT (not one inside a WITH). */
  public static boolean inserts(String sql) {
    return SqlName.withoutLeadingComments(sql).regionMatches(true, 0, "INSERT", 0, 6);
  }

  /** Whether a statement is a TRUNCATE, which reports no rows for the rows it removes. */
  public static boolean truncates(String sql) {
    return SqlName.withoutLeadingComments(sql).regionMatches(true, 0, "TRUNCATE", 0, 8);
  }

  private static final Pattern SELF_GUARDED =
      Pattern.compile(
          "^INSERT\\s.*\\b(ON\\s+CONFLICT\\b.*\\bDO\\s+NOTHING|WHERE\\s+NOT\\s+EXISTS)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // A NOT EXISTS that only asks for NULLs (loadUpdateData's key the file does not load) finds no
  // row the statement wrote: it checks nothing of its own rows.
  private static final Pattern NULL_GUARD =
      Pattern.compile(
          "\\bWHERE\\s+NOT\\s+EXISTS\\s*\\(\\s*SELECT\\s+FROM\\s+"
              + SqlName.PATTERN
              + "\\s+WHERE\\s+(?:\"[^\"]+\"|\\w+)\\s+IS\\s+NULL"
              + "(?:\\s+AND\\s+(?:\"[^\"]+\"|\\w+)\\s+IS\\s+NULL)*\\s*\\)\\s*$",
          Pattern.CASE_INSENSITIVE);
  static final Pattern WRITES =
      Pattern.compile(
          "(?:WITH\\s.*?\\)\\s*)?(?:UPDATE\\s+(?:ONLY\\s+)?|DELETE\\s+FROM\\s+(?:ONLY\\s+)?|INSERT\\s+INTO\\s+"
              + "|MERGE\\s+INTO\\s+(?:ONLY\\s+)?|TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?)"
              + SqlName.PATTERN
              + "([\\s(;].*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The DELETE statements later changes run on the table a write names (delete changes, and raw
   * DELETE FROM): whether they remove again the rows the write adds decides whether running it
   * again changes anything.
   */
  static List<String> laterDeletes(String sql, List<Change> later, PgDdl ddl) {
    Matcher m = WRITES.matcher(SqlName.withoutLeadingComments(sql));
    if (!m.matches()) {
      return List.of();
    }
    SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
    PgRows rows = new PgRows(ddl);
    List<String> deletes = new java.util.ArrayList<>();
    for (Change change : later) {
      if (change instanceof Change.Delete d
          && ddl.schema(d.schemaName()).equals(table.schema())
          && d.tableName().equals(table.name())) {
        deletes.add(rows.delete(d));
      }
      for (String statement :
          dev.migrate.model.SqlSplitter.split(LaterSql.text(change), ";", false)) {
        Matcher delete = DELETE.matcher(SqlName.withoutLeadingComments(statement));
        if (delete.matches() && SqlName.of(delete.group(1), ddl.sqlSchema()).equals(table)) {
          deletes.add(statement);
        }
      }
    }
    return deletes;
  }

  private static final Pattern DELETE =
      Pattern.compile(
          "DELETE\\s+FROM\\s+(?:ONLY\\s+)?" + SqlName.PATTERN + "([\\s;].*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
}
