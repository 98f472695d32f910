package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An UPDATE whose every column a later change sets again: what it wrote there is that change's. */
final class SetAgainLater {
  private static final Pattern UPDATE =
      Pattern.compile(
          "UPDATE\\s+(?:ONLY\\s+)?" + SqlName.PATTERN + "\\s.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private final PgCatalog catalog;
  private final PgDdl ddl;

  SetAgainLater(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * For an {@code UPDATE t SET …} that would change rows on a rerun: why it needs not run, when a
   * later change sets again every column it sets (an update, a loadUpdateData, raw SQL). What it
   * writes there is that change's to write, as an INSERT's values in such columns are not compared
   * ({@link RowsPresent#rowsPresent}); run now, it would only undo what that change, found in
   * place, did. Null otherwise.
   */
  String why(String statement, LaterChanges after) {
    Matcher m = UPDATE.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    List<String> set = new ArrayList<>();
    for (PgCatalog.ColumnInfo column : info.columns()) {
      if (LaterSqlColumns.updatesColumn(statement, table.name(), column.name())) {
        if (!after.columns().updatesColumn(table.schema(), table.name(), column.name())) {
          return null;
        }
        set.add(column.name());
      }
    }
    return set.isEmpty()
        ? null
        : "a later change sets "
            + String.join(", ", set)
            + " of "
            + table
            + " again, and what it wrote is in place";
  }
}
