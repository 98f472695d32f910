package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.ReferentialAction;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** Tables: createTable (its columns compared by {@link TableShape}), dropTable, renameTable. */
final class TableGuards extends Family {
  TableGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
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
    return inlineConstraints(c, schema, name, after);
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
    }
    lines.add("END IF;");
    return lines;
  }

  // The table is there with the right columns; add any inline constraint it lacks.
  private Decision inlineConstraints(
      Change.CreateTable c, String schema, String name, LaterChanges after) {
    List<String> pk = c.primaryKeyColumns();
    boolean hasInline =
        !pk.isEmpty()
            || c.columns().stream()
                .anyMatch(
                    col -> col.constraints().unique() || col.constraints().foreignKey() != null);
    if (!hasInline) {
      return new Decision.Skip("table " + name + " exists with the same columns");
    }
    if (after.reworkConstraints(schema, c.tableName())) {
      return new Decision.Skip(
          "table "
              + name
              + " exists with the same columns; later changes rework its constraints,"
              + " so they are those changes' to check");
    }
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    TableInfo table = catalog.table(schema, c.tableName());
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    if (pk.stream().anyMatch(col -> table.column(col) == null)) {
      pk = List.of(); // a key column a later change drops or renames: that change's to check
    }
    if (!pk.isEmpty()) {
      String pkName = c.primaryKeyName();
      ConstraintInfo existing =
          have.stream().filter(k -> k.type().equals("p")).findFirst().orElse(null);
      if (existing == null) {
        sql.add(
            ddl.addPrimaryKey(c.schemaName(), c.tableName(), pk, pkName, c.primaryKeyTablespace()));
        added.add("primary key");
      } else if (!existing.columns().equals(pk)
          || (pkName != null && !pkName.equals(existing.name()))) {
        differences.add(
            "primary key: the changelog wants "
                + ConstraintGuards.keyText(pkName, pk)
                + ", the database has "
                + existing.name()
                + " "
                + existing.definition());
      }
    }
    for (Column column : c.columns()) {
      ColumnConstraints k = column.constraints();
      List<String> columns = List.of(column.name());
      if (table.column(column.name()) == null) {
        continue; // dropped or renamed by a later change, which checks it
      }
      // CREATE TABLE makes no UNIQUE constraint over exactly the primary key's columns: PostgreSQL
      // drops it as a duplicate of the key, so the key is what such a unique column has.
      if (k.unique() && !columns.equals(pk)) {
        String difference =
            ConstraintGuards.uniqueDifference(have, columns, k.uniqueConstraintName());
        if (difference == null
            && ConstraintGuards.findUnique(have, columns, k.uniqueConstraintName()) == null) {
          sql.add(ddl.addUnique(c.schemaName(), c.tableName(), columns, k.uniqueConstraintName()));
          added.add("unique (" + column.name() + ")");
        } else if (difference != null) {
          differences.add(difference);
        }
      }
      if (k.foreignKey() != null) {
        ColumnConstraints.ForeignKey fk = k.foreignKey();
        String refSchema = ddl.schema(fk.referencedSchemaName());
        ReferentialAction onDelete = fk.onDelete();
        ConstraintInfo existing =
            have.stream()
                .filter(
                    x ->
                        x.type().equals("f")
                            && (fk.name() != null
                                ? x.name().equals(fk.name())
                                : x.columns().equals(columns)))
                .findFirst()
                .orElse(null);
        if (existing == null) {
          sql.add(ddl.addInlineForeignKey(c.schemaName(), c.tableName(), column.name(), fk));
          added.add("foreign key " + (fk.name() == null ? "(" + column.name() + ")" : fk.name()));
        } else {
          String difference =
              new ForeignKeyShape(
                      columns,
                      refSchema,
                      fk.referencedTableName(),
                      fk.referencedColumnNames(),
                      onDelete,
                      null,
                      fk.deferrable(),
                      fk.initiallyDeferred())
                  .difference(existing);
          if (difference != null) {
            differences.add(difference);
          }
        }
      }
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("table " + name + " exists with the same columns and constraints");
    }
    return Decision.adjust(sql, "table " + name + " existed; added " + String.join(", ", added));
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
