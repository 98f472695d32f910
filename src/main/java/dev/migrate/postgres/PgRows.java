package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.columnList;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of the row changes: insert, update, delete, loadData, loadUpdateData. */
public final class PgRows {
  // A large CSV becomes several INSERTs of this many rows, so no one statement grows unbounded.
  private static final int ROWS_PER_INSERT = 500;

  private final PgDdl ddl;

  public PgRows(PgDdl ddl) {
    this.ddl = ddl;
  }

  private String table(String schema, String name) {
    return qualified(ddl.schema(schema), name);
  }

  public String insert(Change.Insert c) {
    return "INSERT INTO "
        + table(c.schemaName(), c.tableName())
        + " ("
        + columnList(c.columns().stream().map(Change.ColumnValue::name).toList())
        + ") VALUES ("
        + c.columns().stream().map(v -> ddl.expression(v.value())).collect(Collectors.joining(", "))
        + ")";
  }

  public String update(Change.Update c) {
    return "UPDATE "
        + table(c.schemaName(), c.tableName())
        + " SET "
        + c.columns().stream()
            .map(v -> quote(v.name()) + " = " + ddl.expression(v.value()))
            .collect(Collectors.joining(", "))
        + (c.where() == null ? "" : " WHERE " + c.where());
  }

  public String delete(Change.Delete c) {
    return "DELETE FROM "
        + table(c.schemaName(), c.tableName())
        + (c.where() == null ? "" : " WHERE " + c.where());
  }

  /** Multi-row INSERTs of at most 500 rows each. */
  public List<String> loadData(Change.LoadData c) {
    List<String> sql = new ArrayList<>();
    String head =
        "INSERT INTO "
            + table(c.schemaName(), c.tableName())
            + " ("
            + columnList(c.columns())
            + ") VALUES ";
    for (int from = 0; from < c.rows().size(); from += ROWS_PER_INSERT) {
      List<List<Value>> chunk =
          c.rows().subList(from, Math.min(c.rows().size(), from + ROWS_PER_INSERT));
      sql.add(
          head
              + chunk.stream()
                  .map(
                      row ->
                          "("
                              + row.stream().map(ddl::expression).collect(Collectors.joining(", "))
                              + ")")
                  .collect(Collectors.joining(", ")));
    }
    return sql;
  }

  /**
   * For each row, an UPDATE of the row whose key columns hold the row's values and, unless {@code
   * onlyUpdate}, an INSERT of the row where no such row is, as Liquibase updates, then inserts
   * where nothing was found. A key column without a value matches a NULL. A file whose every column
   * is key has nothing to update: its rows are inserted where absent, or, with onlyUpdate, left.
   */
  public List<String> loadUpdateData(Change.LoadUpdateData c) {
    String table = table(c.schemaName(), c.tableName());
    List<String> sql = new ArrayList<>();
    List<List<Value>> keys = c.keys();
    for (int r = 0; r < c.rows().size(); r++) {
      List<Value> row = c.rows().get(r);
      String where = " WHERE " + matching(c.primaryKey(), keys.get(r));
      List<String> set = new ArrayList<>();
      for (int i = 0; i < c.columns().size(); i++) {
        if (!c.primaryKey().contains(c.columns().get(i))) {
          set.add(quote(c.columns().get(i)) + " = " + ddl.expression(row.get(i)));
        }
      }
      if (!set.isEmpty()) {
        sql.add("UPDATE " + table + " SET " + String.join(", ", set) + where);
      }
      if (!c.onlyUpdate()) {
        sql.add(
            "INSERT INTO "
                + table
                + " ("
                + columnList(c.columns())
                + ") SELECT "
                + row.stream().map(ddl::expression).collect(Collectors.joining(", "))
                + " WHERE NOT EXISTS (SELECT FROM "
                + table
                + where
                + ")");
      }
    }
    return sql;
  }

  /** A DELETE a row, by its key columns' values. */
  public List<String> deleteRows(Change.DeleteRows c) {
    String table = table(c.schemaName(), c.tableName());
    return c.keys().stream()
        .map(key -> "DELETE FROM " + table + " WHERE " + matching(c.keyColumns(), key))
        .toList();
  }

  // col = value AND …, with IS NULL where the value is NULL.
  private String matching(List<String> columns, List<Value> values) {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Value value = values.get(i);
      terms.add(
          quote(columns.get(i))
              + (value.kind() == Value.Kind.NULL ? " IS NULL" : " = " + ddl.expression(value)));
    }
    return String.join(" AND ", terms);
  }

  // Sequence settings are whole numbers; anything else would be SQL, so it is refused.
}
