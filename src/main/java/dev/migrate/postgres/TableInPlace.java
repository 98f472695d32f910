package dev.migrate.postgres;

import dev.migrate.model.Change;

/**
 * The table a change works on in place: a column, key, index, comment or property of it. On a rerun
 * after lost revision rows, such a change whose table is absent, where a later change drops or
 * renames that table, is passed over: the later change's work is done. One rule for {@code upgrade}
 * ({@link Families#decide}) and the {@code --sql} script ({@link Families#script}).
 */
final class TableInPlace {
  private TableInPlace() {}

  /** The table, its schema resolved; null for a change that makes, drops or renames its table. */
  static SqlName of(Change change, PgDdl ddl) {
    String schema;
    String table;
    if (change instanceof Change.AddForeignKeyConstraint c) {
      schema = c.baseSchemaName();
      table = c.baseTableName();
    } else if (change instanceof Change.AddLookupTable c) {
      schema = c.existingTableSchemaName();
      table = c.existingTableName();
    } else if (change instanceof Change.AddColumn c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.RenameColumn c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.ModifyDataType c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.AddNotNullConstraint c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.DropNotNullConstraint c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.AddDefaultValue c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.DropDefaultValue c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.AddAutoIncrement c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.CreateIndex c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.AddPrimaryKey c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.AddUniqueConstraint c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.MergeColumns c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.SetTableRemarks c) {
      schema = c.schemaName();
      table = c.tableName();
    } else if (change instanceof Change.SetColumnRemarks c) {
      schema = c.schemaName();
      table = c.tableName();
    } else {
      return null;
    }
    return table == null ? null : new SqlName(ddl.schema(schema), table);
  }

  /**
   * The question whose yes passes the change over (its table is absent), where a later change drops
   * or renames that table; null otherwise, and for a change not on a table in place.
   */
  static CatalogQuestion gone(Change change, LaterChanges after, PgDdl ddl) {
    SqlName table = of(change, ddl);
    return table != null && after.goneLater(table.schema(), table.name())
        ? CatalogQuestion.relation(table).negated()
        : null;
  }

  /** Why the change is passed over. */
  static String reason(Change change, PgDdl ddl) {
    return "table " + of(change, ddl) + " is absent, and a later change drops or renames it";
  }
}
