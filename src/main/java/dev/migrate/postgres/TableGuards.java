package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** Tables: createTable (its columns compared by {@link TableShape}), dropTable, renameTable. */
final class TableGuards extends Family {
  private final ConstraintGuards constraints;

  TableGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.constraints = new ConstraintGuards(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(Change.CreateTable.class, this::createTable, this::createTableScript);
    families.on(
        Change.DropTable.class,
        (c, after, excuse) -> dropTable(c),
        (c, after) ->
            when(relationExists(c.schemaName(), c.tableName()), List.of(ddl.dropTable(c))));
    families.on(
        Change.RenameTable.class,
        (c, after, excuse) ->
            rename(
                "table", c.schemaName(), c.oldTableName(), c.newTableName(), alter.renameTable(c)),
        (c, after) ->
            when(
                relationExists(c.schemaName(), c.oldTableName())
                    + " AND NOT "
                    + relationExists(c.schemaName(), c.newTableName()),
                List.of(alter.renameTable(c))));
  }

  private Decision createTable(Change.CreateTable c, LaterChanges after, Decision.Excuse excuse) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      Decision renamed = renamedLater("table", c.schemaName(), c.tableName(), after);
      return renamed != null
          ? renamed
          : new Decision.Act(ddl.createTable(c), "created table " + name, excuse);
    }
    if (!existing.isTable()) {
      return new Decision.Drift(
          name
              + " exists but is not a table (relkind "
              + existing.kind()
              + "); the changelog creates a table");
    }
    List<String> differences = new TableShape(c, after, ddl).differences(existing);
    if (!differences.isEmpty() && after.goneLater(schema, c.tableName())) {
      return new Decision.Skip(
          "table "
              + name
              + " exists with other columns, and a later change drops or renames it,"
              + " so the difference is that change's");
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    return constraints.inlineConstraints(c, schema, name, after);
  }

  private Decision dropTable(Change.DropTable c) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      return new Decision.Skip("table " + name + " does not exist");
    }
    return new Decision.Act(List.of(ddl.dropTable(c)), "dropped table " + name);
  }

  // As upgrade decides: create the table, or stop on a relation that is not a table, or on columns
  // that differ; a later change that drops or renames the table makes the difference its own.
  private List<String> createTableScript(Change.CreateTable x, LaterChanges after) {
    String schema = ddl.schema(x.schemaName());
    String name = PgNames.qualified(schema, x.tableName());
    String kind =
        "(SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = "
            + literal(schema)
            + " AND c.relname = "
            + literal(x.tableName())
            + ")";
    List<String> lines = new ArrayList<>();
    lines.add("IF " + kind + " IS NULL THEN");
    ddl.createTable(x).forEach(sql -> lines.add("  " + execute(sql)));
    lines.add("ELSIF " + kind + " NOT IN ('r', 'p') THEN");
    lines.add(
        "  RAISE EXCEPTION '%', "
            + literal(name + " exists but is not a table (relkind ")
            + " || "
            + kind
            + " || "
            + literal("); the changelog creates a table")
            + ";");
    if (!after.goneLater(schema, x.tableName())) {
      String differences = new TableShape(x, after, ddl).differencesSql();
      lines.add("ELSIF " + differences + " IS NOT NULL THEN");
      lines.add(
          "  RAISE EXCEPTION '%', "
              + literal("table " + name + " differs from the changelog:\n    - ")
              + " || "
              + differences
              + ";");
    }
    lines.add("END IF;");
    return lines;
  }
}
