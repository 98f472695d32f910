package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the rows an INSERT writes are in its table already, value for value: a rerun whose INSERT
 * met a unique key over rows an earlier run wrote has nothing left to do.
 */
final class RowsPresent {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  // With its column list, or without one: then the values are for the table's first columns.
  private static final Pattern INSERT =
      Pattern.compile(
          "INSERT\\s+INTO\\s+" + SqlName.PATTERN + "\\s*(?:\\(([^)]*)\\)\\s*)?(VALUES\\s*\\(.*)",
          FLAGS);
  // With its column list and a query for its rows.
  private static final Pattern INSERT_SELECT =
      Pattern.compile(
          "INSERT\\s+INTO\\s+"
              + SqlName.PATTERN
              + "\\s*\\(([^)]*)\\)\\s*(\\(?)\\s*((?:SELECT|WITH)\\b.*)",
          FLAGS);
  private static final Pattern INSERT_COLUMNS =
      Pattern.compile("INSERT\\s+INTO\\s+" + SqlName.PATTERN + "\\s*\\(([^)]*)\\).*", FLAGS);
  static final Pattern VOLATILE =
      Pattern.compile(
          "(?is).*(\\b(nextval|lo_from_bytea)\\s*\\(|\\b(gen_random_uuid|uuid_generate_v[14]|now|clock_timestamp"
              + "|statement_timestamp|transaction_timestamp|random|timeofday)\\s*\\(\\s*\\)"
              + "|current_timestamp|localtimestamp).*");
  private static final Pattern SUBQUERY = Pattern.compile("(?is)\\(\\s*select\\s.*\\)");

  private final PgCatalog catalog;
  private final PgDdl ddl;

  RowsPresent(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * For an {@code INSERT INTO t [(columns)] VALUES …} that met a unique key: whether every row it
   * inserts is in the table already with the same values (compared as the columns' types), which
   * makes it done; null when not, or when the statement is not of that simple form.
   */
  String rowsPresent(String statement, LaterChanges after) {
    Matcher m = INSERT.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return selectedPresent(statement, after);
    }
    if (m.group(3).toUpperCase(Locale.ROOT).matches(CONFLICT_OR_RETURNING)) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    String values = m.group(3).strip().replaceAll(";\\s*$", "");
    List<List<String>> rows = ValuesList.rows(values);
    if (rows.isEmpty()) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    for (String part : m.group(2) != null ? m.group(2).split(",") : new String[0]) {
      columns.add(ddl.sqlName(part.strip()).name());
    }
    for (int i = 0; m.group(2) == null && i < rows.get(0).size(); i++) {
      if (i >= info.columns().size()) {
        return null;
      }
      columns.add(info.columns().get(i).name());
    }
    List<String> types = new ArrayList<>();
    for (String column : columns) {
      PgCatalog.ColumnInfo have = info.column(column);
      if (have == null) {
        return null;
      }
      types.add(have.type());
    }
    // A column given a fresh value each time (gen_random_uuid(), now(), nextval) cannot match, nor
    // one changed later (changedLater); a value read by a subquery is compared as it reads now,
    // where it reads something; the others must match.
    List<Boolean> compared = new ArrayList<>();
    columns.forEach(c -> compared.add(true));
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < compared.size(); i++) {
        if (VOLATILE.matcher(row.get(i).strip()).matches()) {
          compared.set(i, false);
        }
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (changedLater(after, table, columns.get(i))) {
        compared.set(i, false);
      }
    }
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!compared.get(i)) {
        skipped.add(columns.get(i));
      }
    }
    // The values not compared are left out of the query, so that what they read (a table a later
    // change dropped, a sequence) cannot make it fail; so is a subquery that reads nothing now.
    List<String> kept = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> items = new ArrayList<>();
      boolean compares = false;
      for (int i = 0; i < columns.size(); i++) {
        String item = i < row.size() && compared.get(i) ? row.get(i).strip() : "NULL";
        if (SUBQUERY.matcher(item).matches() && readsNothing(item)) {
          item = "NULL";
        }
        compares |=
            compared.get(i)
                && (!item.equals("NULL") || row.get(i).strip().equalsIgnoreCase("NULL"));
        items.add(item);
      }
      if (!compares) {
        return null; // nothing of this row can be compared
      }
      kept.add("(" + String.join(", ", items) + ")");
    }
    List<Boolean> lenient = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      int column = i;
      lenient.add(
          rows.stream()
              .anyMatch(
                  r -> column < r.size() && SUBQUERY.matcher(r.get(column).strip()).matches()));
    }
    return allRowsPresent(
            table.schema(),
            table.name(),
            columns,
            types,
            compared,
            lenient,
            "VALUES " + String.join(", ", kept))
        ? "its rows are in "
            + table
            + " already, value for value"
            + (skipped.isEmpty()
                ? ""
                : " (except "
                    + String.join(", ", skipped)
                    + ", generated, or updated or dropped later)")
        : null;
  }

  // A column a later change updates (it holds that change's value now) or drops (what is written
  // there is gone in the end, and a rerun may have just added it empty): not compared.
  private static boolean changedLater(LaterChanges after, SqlName table, String column) {
    return after.columns().updatesColumn(table.schema(), table.name(), column)
        || after.columns().droppedInTheEnd(table.schema(), table.name(), column);
  }

  static final String CONFLICT_OR_RETURNING = "(?s).*\\b(ON\\s+CONFLICT|RETURNING)\\b.*";

  /**
   * The same for an {@code INSERT INTO t (columns) SELECT …} (or {@code WITH …}): whether every row
   * its query reads now is in the table already. A query that calls a function giving a fresh value
   * each time cannot match; a column a later change updates or drops is not compared.
   */
  private String selectedPresent(String statement, LaterChanges after) {
    Matcher m = INSERT_SELECT.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    // Written in parentheses, the query keeps its opening one, which its end closes.
    String query = m.group(3) + m.group(4).strip().replaceAll(";\\s*$", "");
    if (query.toUpperCase(Locale.ROOT).matches(CONFLICT_OR_RETURNING)
        || VOLATILE.matcher(query).matches()) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<Boolean> compared = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String part : m.group(2).split(",")) {
      String column = ddl.sqlName(part.strip()).name();
      PgCatalog.ColumnInfo have = info.column(column);
      if (have == null) {
        return null;
      }
      boolean later = changedLater(after, table, column);
      columns.add(column);
      types.add(have.type());
      compared.add(!later);
      if (later) {
        skipped.add(column);
      }
    }
    if (skipped.size() == columns.size()) {
      return null;
    }
    return allRowsPresent(
            table.schema(),
            table.name(),
            columns,
            types,
            compared,
            columns.stream().map(c -> false).toList(),
            query)
        ? "the rows its query reads are in "
            + table
            + " already, value for value"
            + (skipped.isEmpty()
                ? ""
                : " (except " + String.join(", ", skipped) + ", updated or dropped later)")
        : null;
  }

  /**
   * Whether an {@code INSERT INTO t (columns) …} names a column that the table lacks: it cannot
   * write anything, and its own error (or what excuses it) decides.
   */
  boolean insertsMissingColumn(String statement) {
    Matcher m = INSERT_COLUMNS.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return false;
    }
    SqlName table = ddl.sqlName(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return false;
    }
    for (String part : m.group(2).split(",")) {
      if (info.column(ddl.sqlName(part.strip()).name()) == null) {
        return true;
      }
    }
    return false;
  }

  // Whether a subquery value reads NULL now, or cannot be read (its table is gone).
  private boolean readsNothing(String subquery) {
    try {
      return catalog.probe(List.of(), "SELECT " + subquery + " IS NULL").equals("t");
    } catch (dev.migrate.model.MigrateException e) {
      return true;
    }
  }

  /**
   * Whether every row of a VALUES list is in the table, compared column by column as the table's
   * types (IS NOT DISTINCT FROM, so NULLs match). Any error (a volatile or odd value) means no.
   */
  private boolean allRowsPresent(
      String schema,
      String table,
      List<String> columns,
      List<String> types,
      List<Boolean> compared,
      List<Boolean> lenient,
      String values) {
    StringBuilder match = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (!compared.get(i)) {
        continue;
      }
      String column = PgNames.quote(columns.get(i));
      match
          .append(match.length() == 0 ? "" : " AND ")
          .append(lenient.get(i) ? "(v." + column + " IS NULL OR " : "(")
          .append("t.")
          .append(column)
          .append(" IS NOT DISTINCT FROM v.")
          .append(column)
          .append("::")
          .append(types.get(i))
          .append(")");
    }
    String sql =
        "SELECT count(*) FROM ("
            + values
            + ") AS v("
            + PgNames.columnList(columns)
            + ") WHERE NOT EXISTS (SELECT 1 FROM "
            + PgNames.qualified(schema, table)
            + " AS t WHERE "
            + match
            + ")";
    try {
      return "0".equals(catalog.probe(List.of(), sql));
    } catch (dev.migrate.model.MigrateException e) {
      return false;
    }
  }
}
