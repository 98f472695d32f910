package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** The guards of tables and their columns: createTable, addColumn, dropTable. */
final class TableGuards {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final ConstraintGuards constraints;
  private final Guards guards;

  TableGuards(PgCatalog catalog, PgDdl ddl, ConstraintGuards constraints, Guards guards) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.constraints = constraints;
    this.guards = guards;
  }

  Decision createTable(Change.CreateTable c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      String renamed = after.renamedTo(schema, c.tableName());
      if (renamed != null && catalog.table(schema, renamed) != null) {
        return new Decision.Skip("table " + name + " is renamed to " + renamed + " by a later change, and " + renamed + " exists");
      }
      return new Decision.Act(ddl.createTable(c), "created table " + name, guards.excuse(after));
    }
    if (!existing.isTable()) {
      return new Decision.Drift(name + " exists but is not a table (relkind " + existing.kind() + "); the changelog creates a table");
    }
    List<String> differences = new TableShape(c, after, ddl).differences(existing);
    if (!differences.isEmpty() && after.goneLater(schema, c.tableName())) {
      return new Decision.Skip("table " + name + " exists with other columns, and a later change drops or renames it,"
          + " so the difference is that change's");
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    return constraints.inlineConstraints(c, schema, name, after);
  }

  Decision addColumn(Change.AddColumn c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null || !existing.isTable()) {
      return Guards.missingTable(schema, c.tableName(), after, "table " + name + " does not exist, so columns cannot be added to it");
    }
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (Column column : c.columns()) {
      ColumnInfo have = existing.column(column.name());
      String renamed = have == null ? after.columnRenamedTo(schema, c.tableName(), column.name()) : null;
      ColumnInfo target = renamed == null ? null : existing.column(renamed);
      // A later change renames it, and the new name is there: that change checks it. Unless a
      // column of the new name is dropped before that rename: then only a column that looks like
      // this one is taken for it renamed; another is the old column, still to be dropped.
      if (target != null && (!after.renameTargetFreedFirst(schema, c.tableName(), column.name())
          || TableShape.difference(column, target, false, ddl) == null)) {
        continue;
      }
      if (have == null) {
        sql.addAll(ddl.addColumnStatements(c.schemaName(), c.tableName(), column));
        added.add(column.name());
      } else if (!after.touchColumn(schema, c.tableName(), column.name())) {
        String difference = TableShape.difference(column, have, false, ddl);
        if (difference != null) {
          differences.add(difference);
        }
      }
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("table " + name + " already has column" + (c.columns().size() == 1 ? " " : "s ") + String.join(", ", c.columns().stream().map(Column::name).toList()));
    }
    return new Decision.Act(sql, "added column" + (added.size() == 1 ? " " : "s ") + String.join(", ", added) + " to " + name);
  }

  Decision dropTable(Change.DropTable c) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      return new Decision.Skip("table " + name + " does not exist");
    }
    return new Decision.Act(List.of(ddl.dropTable(c)), "dropped table " + name);
  }

}
