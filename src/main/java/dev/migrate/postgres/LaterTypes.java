package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.SqlSplitter;
import java.util.ArrayList;
import java.util.List;

/** What later changes do to a column's type: part of {@link LaterColumns}. */
final class LaterTypes {
  private LaterTypes() {}

  /**
   * The types later changes set this column to (modifyDataType, or raw ALTER COLUMN … TYPE), in
   * changelog order, the renames of its table and its own followed.
   */
  static List<String> typesSetLater(
      LaterChanges later, String schema, String table, String column) {
    LaterColumns columns = later.columns();
    List<String> types = new ArrayList<>();
    String[] at = {table, column};
    for (int i = columns.next(at[0], 0); i >= 0; i = columns.next(at[0], i + 1)) {
      Change change = later.changes().get(i);
      String sql = LaterSql.text(change);
      List<Change> forms =
          sql.isEmpty()
              ? List.of(change)
              : SqlSplitter.serverStatements(sql).stream()
                  .map(later::asChange)
                  .filter(java.util.Objects::nonNull)
                  .toList();
      for (Change form : forms) {
        if (form instanceof Change.ModifyDataType m
            && later.sameTable(m.schemaName(), m.tableName(), schema, at[0])
            && m.columnName().equals(at[1])) {
          types.add(m.newDataType());
        }
      }
      at = columns.followed(change, schema, at);
    }
    return types;
  }
}
