package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns: addColumn, dropColumn, renameColumn, each looking at the columns it names (see {@link
 * ColumnPropertyGuards} for what a column is).
 */
final class ColumnGuards extends Family {
  ColumnGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.AddColumn.class,
        (c, after, excuse) -> addColumn(c, after),
        (c, after) -> {
          // As upgrade decides: columns that are there are compared first, as createTable
          // compares them, and any difference stops the step; then the missing ones are added.
          List<String> lines = new ArrayList<>();
          lines.add(TableShape.presentColumnsCheck(c, after, ddl));
          SqlName table = new SqlName(ddl.schema(c.schemaName()), c.tableName());
          for (Column column : c.columns()) {
            lines.addAll(
                when(
                    RenamedLater.columnsToAdd(table, List.of(column.name()), after).literal(),
                    ddl.addColumnStatements(c.schemaName(), c.tableName(), column)));
          }
          return lines;
        });
    families.on(
        Change.DropColumn.class,
        (c, after, excuse) -> dropColumn(c, after),
        (c, after) -> {
          List<String> lines = new ArrayList<>();
          for (String column : c.columnNames()) {
            lines.addAll(
                when(
                    columnExists(c.schemaName(), c.tableName(), column),
                    List.of(dropColumn(c.schemaName(), c.tableName(), column))));
          }
          return lines;
        });
    families.on(
        Change.RenameColumn.class,
        (c, after, excuse) -> renameColumn(c, after),
        (c, after) ->
            when(
                columnExists(c.schemaName(), c.tableName(), c.oldColumnName())
                    + " AND NOT "
                    + columnExists(c.schemaName(), c.tableName(), c.newColumnName()),
                List.of(renameColumn(c))));
  }

  private Decision addColumn(Change.AddColumn c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    // Each column's name, and the name a later change renames it to: what is looked for.
    List<String> sought = new ArrayList<>();
    for (Column k : c.columns()) {
      sought.add(k.name());
      sought.add(after.columns().columnRenamedTo(schema, c.tableName(), k.name()));
    }
    sought.removeIf(java.util.Objects::isNull);
    java.util.function.Function<String, ColumnInfo> existing =
        catalog.columns(schema, c.tableName(), sought);
    if (existing == null) {
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
          "table " + name + " does not exist, so columns cannot be added to it");
    }
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (Column column : c.columns()) {
      ColumnInfo have = existing.apply(column.name());
      String renamed =
          have == null
              ? after.columns().columnRenamedTo(schema, c.tableName(), column.name())
              : null;
      ColumnInfo target = renamed == null ? null : existing.apply(renamed);
      // A later change renames it, and the new name is there: that change checks it. Unless a
      // column of the new name is dropped before that rename: then only a column that looks like
      // this one is taken for it renamed; another is the old column, still to be dropped.
      if (target != null
          && (!RenamedLater.freedFirst(after, schema, c.tableName(), column.name())
              || ColumnShape.difference(column, target, false, ddl, catalog) == null)) {
        continue;
      }
      if (have == null) {
        sql.addAll(ddl.addColumnStatements(c.schemaName(), c.tableName(), column));
        added.add(column.name());
      } else {
        // What later changes set of the column is theirs to check; the rest is compared.
        String difference =
            ColumnShape.difference(
                column,
                have,
                false,
                ddl,
                after.columns().touchedAspects(schema, c.tableName(), column.name()),
                catalog);
        if (difference != null) {
          differences.add(difference);
        }
      }
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip(
          "table "
              + name
              + " already has column"
              + (c.columns().size() == 1 ? " " : "s ")
              + String.join(", ", c.columns().stream().map(Column::name).toList()));
    }
    return new Decision.Act(
        sql,
        "added column"
            + (added.size() == 1 ? " " : "s ")
            + String.join(", ", added)
            + " to "
            + name);
  }

  private Decision dropColumn(Change.DropColumn c, LaterChanges after) {
    TableInfo table = catalog.table(ddl.schema(c.schemaName()), c.tableName());
    if (table == null) {
      return skip("table %s does not exist", name(c.schemaName(), c.tableName()));
    }
    List<String> sql = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String column : c.columnNames()) {
      // A later change renames another column onto this name, and that column is gone: the one
      // of this name is it, renamed already (history was lost), and is kept.
      String onto = after.columns().renamedOnto(ddl.schema(c.schemaName()), c.tableName(), column);
      if (onto != null && table.column(onto) == null && table.column(column) != null) {
        kept.add(column + " (it is " + onto + ", renamed by a later change)");
        continue;
      }
      // A later addColumn makes a column of this name again, and the one here is as that change
      // makes it: history was lost after the whole changelog ran, and dropping it would lose its
      // data. (On a first run, the old column is kept only when it is the same as the new one.)
      Column again = after.columns().addedLater(ddl.schema(c.schemaName()), c.tableName(), column);
      ColumnInfo have = table.column(column);
      if (again != null
          && have != null
          && ColumnShape.difference(again, have, false, ddl, catalog) == null) {
        kept.add(column + " (as a later addColumn makes it again)");
        continue;
      }
      if (table.column(column) != null) {
        sql.add(dropColumn(c.schemaName(), c.tableName(), column));
        dropped.add(column);
      }
    }
    if (sql.isEmpty()) {
      return kept.isEmpty()
          ? skip(
              "table %s has no column %s",
              name(c.schemaName(), c.tableName()), String.join(", ", c.columnNames()))
          : skip(
              "table %s keeps column %s",
              name(c.schemaName(), c.tableName()), String.join(", ", kept));
    }
    return new Decision.Act(
        sql,
        "dropped "
            + String.join(", ", dropped)
            + " from "
            + name(c.schemaName(), c.tableName())
            + (kept.isEmpty() ? "" : "; kept " + String.join(", ", kept)));
  }

  private Decision renameColumn(Change.RenameColumn c, LaterChanges after) {
    String table = name(c.schemaName(), c.tableName());
    TableInfo info = catalog.table(ddl.schema(c.schemaName()), c.tableName());
    if (info != null
        && info.column(c.oldColumnName()) == null
        && info.column(c.newColumnName()) == null) {
      // A rerun after lost history: later changes renamed the column again, or dropped it.
      String since =
          after
              .columns()
              .columnRenamedTo(ddl.schema(c.schemaName()), c.tableName(), c.newColumnName());
      if (since != null && info.column(since) != null) {
        return skip(
            "table %s has %s as %s, which later changes rename it to",
            table, c.oldColumnName(), since);
      }
      if (after
          .columns()
          .renamesOrDropsColumn(ddl.schema(c.schemaName()), c.tableName(), c.newColumnName())) {
        return skip(
            "table %s has neither %s nor %s, and a later change drops or renames %s",
            table, c.oldColumnName(), c.newColumnName(), c.newColumnName());
      }
    }
    if (info == null) {
      return new Decision.Drift(
          "table "
              + table
              + " does not exist, so column "
              + c.oldColumnName()
              + " cannot be renamed");
    }
    boolean old = info.column(c.oldColumnName()) != null;
    boolean renamed = info.column(c.newColumnName()) != null;
    if (old && !renamed) {
      return act(
          renameColumn(c),
          "renamed " + c.oldColumnName() + " to " + c.newColumnName() + " in " + table);
    }
    if (renamed && !old) {
      return skip("table %s already has %s and no %s", table, c.newColumnName(), c.oldColumnName());
    }
    if (renamed
        && after
            .columns()
            .touchColumn(ddl.schema(c.schemaName()), c.tableName(), c.oldColumnName())) {
      return skip(
          "table %s already has %s; its %s is a later change's",
          table, c.newColumnName(), c.oldColumnName());
    }
    return new Decision.Drift(
        "table "
            + table
            + " has "
            + (old ? "both columns " : "neither column ")
            + c.oldColumnName()
            + " and "
            + c.newColumnName()
            + "; the changelog renames one to the other");
  }

  // ---- the DDL

  String renameColumn(Change.RenameColumn c) {
    return "ALTER TABLE "
        + name(c.schemaName(), c.tableName())
        + " RENAME COLUMN "
        + quote(c.oldColumnName())
        + " TO "
        + quote(c.newColumnName());
  }
}
