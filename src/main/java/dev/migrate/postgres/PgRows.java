package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.columnList;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL of the row changes: insert, update, delete, loadData. */
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

  // Sequence settings are whole numbers; anything else would be SQL, so it is refused.
}
