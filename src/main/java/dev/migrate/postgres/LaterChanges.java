package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import java.util.List;

/**
 * The changes that come after the step being guarded. A difference they explain is not drift:
 * when the revision rows were lost after a full run, a table already has the column that a later
 * addColumn adds, and that addColumn's own guard checks it when its turn comes.
 */
final class LaterChanges {
  private final List<Change> changes;
  private final PgDdl ddl;

  LaterChanges(List<Change> changes, PgDdl ddl) {
    this.changes = changes;
    this.ddl = ddl;
  }

  boolean addColumn(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.AddColumn add
          && sameTable(add.schemaName(), add.tableName(), schema, table)
          && add.columns().stream().map(Column::name).anyMatch(column::equals)) {
        return true;
      }
    }
    return false;
  }

  boolean addPrimaryKeyOver(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.AddPrimaryKey pk
          && sameTable(pk.schemaName(), pk.tableName(), schema, table)
          && pk.columnNames().contains(column)) {
        return true;
      }
    }
    return false;
  }

  boolean addEnumLabel(String schema, String type, String label) {
    for (Change change : changes) {
      if (change instanceof Change.AddEnumValue add
          && ddl.schema(add.schemaName()).equals(schema)
          && add.typeName().equals(type)
          && add.value().equals(label)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameTable(String otherSchema, String otherTable, String schema, String table) {
    return ddl.schema(otherSchema).equals(schema) && otherTable.equals(table);
  }
}
