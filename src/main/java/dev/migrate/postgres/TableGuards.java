package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** Tables: createTable (its columns compared by {@link TableShape}), dropTable, renameTable. */
final class TableGuards extends Family {
  private final InlineKeys keys;

  TableGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.keys = new InlineKeys(this);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateTable.class,
        this::createTable,
        (c, after) -> createTableScript(c, after, ddl.createTable(c)));
    families.on(
        Change.DropTable.class,
        (c, after, excuse) -> dropTable(c, after),
        (c, after) -> when(relationExists(c.schemaName(), c.tableName()), List.of(dropTable(c))));
    families.on(
        Change.RenameTable.class,
        (c, after, excuse) ->
            rename(
                "table", c.schemaName(), c.oldTableName(), c.newTableName(), renameTable(c), after),
        (c, after) ->
            renameScript(
                "table",
                c.schemaName(),
                c.oldTableName(),
                c.newTableName(),
                renameTable(c),
                after));
  }

  private Decision createTable(Change.CreateTable c, LaterChanges after, Decision.Excuse excuse) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      Decision renamed = renamedLater("table", c.schemaName(), c.tableName(), after);
      return renamed != null
          ? renamed
          : new Decision.Act(
              ddl.createTable(c),
              "created table " + name,
              LaterRemoval.anyCanExplain(after.changes()) ? excuse : null);
    }
    if (!existing.isTable()) {
      return new Decision.Drift(
          name
              + " exists but is not a table (relkind "
              + existing.kind()
              + "); the changelog creates a table");
    }
    List<String> differences =
        new ArrayList<>(new TableShape(c, after, ddl, catalog).differences(existing));
    if (existing.unlogged() != c.unlogged()) {
      differences.add(persistence(c.unlogged(), existing.unlogged()));
    }
    String space =
        Tablespaces.difference(catalog, regclass(c.schemaName(), c.tableName()), c.tablespace());
    if (space != null) {
      differences.add(space);
    }
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
    return keys.decide(c, schema, name, after);
  }

  private static String persistence(boolean wanted, boolean found) {
    return "the changelog wants "
        + (wanted ? "an UNLOGGED" : "a logged")
        + " table, the database has "
        + (found ? "an UNLOGGED" : "a logged")
        + " one";
  }

  private Decision dropTable(Change.DropTable c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      return new Decision.Skip("table " + name + " does not exist");
    }
    // A later createTable makes a table of this name again, and the one here has its columns:
    // history was lost after the whole changelog ran, and dropping it would lose its rows.
    Change.CreateTable again = after.createdLater(schema, c.tableName());
    if (again != null
        && existing.isTable()
        && new TableShape(again, after, ddl, catalog).differences(existing).isEmpty()) {
      return new Decision.Skip(
          "table " + name + " is kept: it has the columns a later createTable gives it");
    }
    return new Decision.Act(List.of(dropTable(c)), "dropped table " + name);
  }

  // As upgrade decides: create the table (with `create`), or stop on a relation that is not a
  // table, or on columns that differ; a later change that drops or renames the table makes the
  // difference its own.
  List<String> createTableScript(Change.CreateTable x, LaterChanges after, List<String> create) {
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
    lines.add("IF " + absent(x.schemaName(), x.tableName(), after) + " THEN");
    create.forEach(sql -> lines.add("  " + execute(sql)));
    lines.add(
        "ELSIF "
            + kind.replace("c.relkind::text", "c.relpersistence::text")
            + (x.unlogged() ? " <> 'u'" : " = 'u'")
            + " AND "
            + kind
            + " IN ('r', 'p') THEN");
    lines.add(
        "  RAISE EXCEPTION '%', "
            + literal(
                "table "
                    + name
                    + " differs from the changelog: "
                    + persistence(x.unlogged(), !x.unlogged()))
            + ";");
    lines.add("ELSIF " + kind + " NOT IN ('r', 'p') THEN");
    lines.add(
        "  RAISE EXCEPTION '%', "
            + literal(name + " exists but is not a table (relkind ")
            + " || "
            + kind
            + " || "
            + literal("); the changelog creates a table")
            + ";");
    // A table that later changes rename or drop is theirs to check, as online.
    if (!after.goneLater(schema, x.tableName())) {
      String space =
          Tablespaces.scriptBranch(
              regclass(x.schemaName(), x.tableName()),
              x.tablespace(),
              "table " + name + " differs from the changelog: ");
      if (!space.isEmpty()) {
        lines.add(space.strip());
      }
      TableShape shape = new TableShape(x, after, ddl, null);
      String differences = shape.differencesSql();
      lines.add("ELSIF " + differences + " IS NOT NULL THEN");
      lines.add(shape.raise(differences));
      lines.addAll(keys.scriptBranches(x, after, null));
    } else {
      // Online, columns that differ are then the later change's; the keys are compared only
      // where they are the same.
      String same = new TableShape(x, after, ddl, null).differencesSql() + " IS NULL";
      lines.addAll(keys.scriptBranches(x, after, same));
    }
    lines.add("END IF;");
    return lines;
  }

  // ---- the DDL

  String dropTable(Change.DropTable c) {
    return "DROP TABLE "
        + name(c.schemaName(), c.tableName())
        + (c.cascadeConstraints() ? " CASCADE" : "");
  }

  String renameTable(Change.RenameTable c) {
    return "ALTER TABLE "
        + name(c.schemaName(), c.oldTableName())
        + " RENAME TO "
        + quote(c.newTableName());
  }
}
