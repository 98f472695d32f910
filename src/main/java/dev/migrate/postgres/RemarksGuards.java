package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The comments of tables, views and columns: setTableRemarks and setColumnRemarks. A comment
 * already as the step wants it is left alone; any other is set, as setting one again changes
 * nothing else. Comments are not compared by {@code check}: a later change, raw SQL included, may
 * set another (docs/guards.md).
 */
final class RemarksGuards extends Family {
  RemarksGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.SetTableRemarks.class,
        (c, after, excuse) -> decide(after, c.schemaName(), c.tableName(), null, c.remarks()),
        (c, after) -> plain(List.of(comment(c.schemaName(), c.tableName(), null, c.remarks()))));
    families.on(
        Change.SetColumnRemarks.class,
        (c, after, excuse) ->
            decide(after, c.schemaName(), c.tableName(), c.columnName(), c.remarks()),
        (c, after) ->
            plain(List.of(comment(c.schemaName(), c.tableName(), c.columnName(), c.remarks()))));
  }

  // The comment of the relation, or of its column where one is named.
  private Decision decide(
      LaterChanges after, String schema, String table, String column, String given) {
    String remarks = written(given);
    PgCatalog.TableInfo info = catalog.table(ddl.schema(schema), table);
    boolean absent = info == null || column != null && info.column(column) == null;
    String relation = (info != null && !info.isTable() ? "view " : "table ") + name(schema, table);
    String what =
        info == null || column == null ? relation : "column " + column + " of " + relation;
    if (absent) {
      // A rerun after lost history: what a later change removes or renames is not there to
      // comment on, and that change's own step says so.
      if (after.goneLater(ddl.schema(schema), table)
          || column != null && after.columns().touchColumn(ddl.schema(schema), table, column)) {
        return skip("%s is absent, and a later change drops or renames it", what);
      }
      return new Decision.Drift(what + " does not exist");
    }
    SqlName named = new SqlName(ddl.schema(schema), table);
    if (catalog.holds(CatalogQuestion.comment(named, column, remarks))) {
      return remarks == null || remarks.isEmpty()
          ? skip("%s has no comment", what)
          : skip("%s already has this comment", what);
    }
    return act(
        comment(schema, table, column, remarks),
        (remarks == null || remarks.isEmpty() ? "removed the comment of " : "set the comment of ")
            + what);
  }

  /**
   * COMMENT ON TABLE, or ON COLUMN, as Liquibase writes it: absent remarks are an empty comment,
   * which PostgreSQL takes as none.
   */
  String comment(String schema, String table, String column, String remarks) {
    String text = literal(remarks == null ? "" : written(remarks));
    return column == null
        ? "COMMENT ON TABLE " + name(schema, table) + " IS " + text
        : "COMMENT ON COLUMN " + name(schema, table) + "." + quote(column) + " IS " + text;
  }

  /**
   * Remarks as Liquibase writes them into a comment: without the spaces and line ends around them
   * (a YAML block scalar ends with one).
   */
  static String written(String remarks) {
    return remarks == null ? null : remarks.trim();
  }

  /** The COMMENT ON statements for a table's (qualified) and its columns' remarks. */
  static List<String> comments(String table, String tableRemarks, List<Column> columns) {
    List<String> sql = new ArrayList<>();
    if (tableRemarks != null) {
      sql.add("COMMENT ON TABLE " + table + " IS " + literal(written(tableRemarks)));
    }
    for (Column column : columns) {
      if (column.remarks() != null) {
        sql.add(
            "COMMENT ON COLUMN "
                + table
                + "."
                + quote(column.name())
                + " IS "
                + literal(written(column.remarks())));
      }
    }
    return sql;
  }
}
