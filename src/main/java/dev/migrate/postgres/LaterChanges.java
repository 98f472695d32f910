package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import java.util.List;

/**
 * The changes that come after the step being guarded. A difference they explain is not drift: when
 * the revision rows were lost after a full run, a table already has the column that a later
 * addColumn adds, and that addColumn's own guard checks it when its turn comes.
 */
final class LaterChanges {
  private final List<Change> changes;
  private final PgDdl ddl;

  /** The changes after the step, in changelog order. */
  List<Change> changes() {
    return changes;
  }

  LaterChanges(List<Change> changes, PgDdl ddl) {
    this.changes = changes;
    this.ddl = ddl;
  }

  /**
   * Whether a later change alters, adds, drops or renames this column: its state now is then that
   * change's to check, not this step's.
   */
  boolean touchColumn(String schema, String table, String column) {
    for (Change change : changes) {
      Touch touch = touch(change);
      if (touch != null
          && sameTable(touch.schemaName(), touch.tableName(), schema, table)
          && touch.columns().contains(column)) {
        return true;
      }
      if (change instanceof Change.Sql sql
          && LaterSql.renamesOrDropsColumn(sql.sql(), table, column)) {
        return true;
      }
    }
    return false;
  }

  /** The columns of this table that later structured changes add, alter, drop or rename. */
  List<String> touchedColumns(String schema, String table) {
    List<String> columns = new java.util.ArrayList<>();
    for (Change change : changes) {
      Touch touch = touch(change);
      if (touch != null && sameTable(touch.schemaName(), touch.tableName(), schema, table)) {
        columns.addAll(touch.columns());
      }
    }
    return columns;
  }

  /** The columns of one table a change works on. */
  private record Touch(String schemaName, String tableName, List<String> columns) {}

  private static Touch touch(Change change) {
    if (change instanceof Change.AddColumn c) {
      return new Touch(
          c.schemaName(), c.tableName(), c.columns().stream().map(Column::name).toList());
    } else if (change instanceof Change.DropColumn c) {
      return new Touch(c.schemaName(), c.tableName(), c.columnNames());
    } else if (change instanceof Change.RenameColumn c) {
      return new Touch(
          c.schemaName(), c.tableName(), List.of(c.oldColumnName(), c.newColumnName()));
    } else if (change instanceof Change.ModifyDataType c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.DropNotNullConstraint c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.AddDefaultValue c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.DropDefaultValue c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.AddAutoIncrement c) {
      return new Touch(c.schemaName(), c.tableName(), List.of(c.columnName()));
    } else if (change instanceof Change.AddPrimaryKey c) {
      return new Touch(c.schemaName(), c.tableName(), c.columnNames());
    }
    return null;
  }

  /** The name a later renameTable gives this table, or null. */
  String renamedTo(String schema, String table) {
    String name = table;
    for (Change change : changes) {
      if (change instanceof Change.RenameTable c
          && sameTable(c.schemaName(), c.oldTableName(), schema, name)) {
        name = c.newTableName();
      }
    }
    return name.equals(table) ? null : name;
  }

  /**
   * The name later renames give this relation (table, view or sequence: they share one namespace),
   * or null when none renames it.
   */
  String relationRenamedTo(String schema, String relation) {
    String name = relation;
    for (Change change : changes) {
      String[] rename =
          change instanceof Change.RenameTable c
              ? new String[] {c.schemaName(), c.oldTableName(), c.newTableName()}
              : change instanceof Change.RenameView c
                  ? new String[] {c.schemaName(), c.oldViewName(), c.newViewName()}
                  : change instanceof Change.RenameSequence c
                      ? new String[] {c.schemaName(), c.oldSequenceName(), c.newSequenceName()}
                      : null;
      if (rename != null && sameTable(rename[0], rename[1], schema, name)) {
        name = rename[2];
      }
    }
    return name.equals(relation) ? null : name;
  }

  /**
   * The label later renameEnumValue changes give this label of this type (itself when none does).
   */
  String enumLabelRenamedTo(String schema, String type, String label) {
    String name = label;
    for (Change change : changes) {
      if (change instanceof Change.RenameEnumValue r
          && sameTable(r.schemaName(), r.typeName(), schema, type)
          && r.oldValue().equals(name)) {
        name = r.newValue();
      }
    }
    return name;
  }

  /** Whether a later change drops this index (and so may make it again another way). */
  boolean dropIndex(String schema, String index) {
    return changes.stream()
        .anyMatch(
            c ->
                c instanceof Change.DropIndex d
                    && ddl.schema(d.schemaName()).equals(schema)
                    && d.indexName().equals(index));
  }

  /**
   * Whether later changes rework this table's constraints: they drop one of them, or raw SQL alters
   * the table. Its constraints as they are now are then those changes' to check.
   */
  boolean reworkConstraints(String schema, String table) {
    for (Change change : changes) {
      boolean drops =
          (change instanceof Change.DropPrimaryKey d
                  && sameTable(d.schemaName(), d.tableName(), schema, table))
              || (change instanceof Change.DropUniqueConstraint u
                  && sameTable(u.schemaName(), u.tableName(), schema, table))
              || (change instanceof Change.DropForeignKeyConstraint f
                  && sameTable(f.baseSchemaName(), f.baseTableName(), schema, table));
      if (drops || (change instanceof Change.Sql sql && LaterSql.altersTable(sql.sql(), table))) {
        return true;
      }
    }
    return false;
  }

  /** Whether later raw SQL alters this table (ALTER TABLE naming it). */
  boolean alterBySql(String table) {
    return changes.stream()
        .anyMatch(c -> (c instanceof Change.Sql sql && LaterSql.altersTable(sql.sql(), table)));
  }

  /** The name a later renameColumn gives this column, or null. */
  String columnRenamedTo(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.RenameColumn r
          && sameTable(r.schemaName(), r.tableName(), schema, table)
          && r.oldColumnName().equals(column)) {
        return r.newColumnName();
      }
    }
    return null;
  }

  /** The column a later renameColumn renames onto this name, or null. */
  String renamedOnto(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.RenameColumn r
          && sameTable(r.schemaName(), r.tableName(), schema, table)
          && r.newColumnName().equals(column)) {
        return r.oldColumnName();
      }
    }
    return null;
  }

  /** Whether a later change redefines, drops or renames this view (raw SQL included). */
  boolean redefineView(String schema, String view) {
    for (Change change : changes) {
      if ((change instanceof Change.CreateView c
              && sameTable(c.schemaName(), c.viewName(), schema, view))
          || (change instanceof Change.DropView d
              && sameTable(d.schemaName(), d.viewName(), schema, view))
          || (change instanceof Change.RenameView r
              && sameTable(r.schemaName(), r.oldViewName(), schema, view))
          || (change instanceof Change.Sql sql && LaterSql.redefinesView(sql.sql(), view))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a later change drops or renames this table. */
  boolean goneLater(String schema, String table) {
    return dropTable(schema, table) || renamedTo(schema, table) != null;
  }

  /** Whether a later change drops this table, raw SQL included. */
  boolean dropTable(String schema, String table) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.DropTable d
                        && sameTable(d.schemaName(), d.tableName(), schema, table))
                    || (c instanceof Change.Sql sql
                        && LaterSql.dropsOrRenames(sql.sql(), "TABLE", table)));
  }

  /**
   * Whether later raw SQL drops, alters or makes again (OR REPLACE, or CREATE after a DROP) a
   * function, procedure, trigger or policy of this name.
   */
  boolean redefinedBySql(String kind, String name) {
    return changes.stream()
        .anyMatch(c -> c instanceof Change.Sql sql && LaterSql.redefines(sql.sql(), kind, name));
  }

  /** The column a later addColumn adds to this table under this name, or null. */
  Column addedLater(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.AddColumn add
          && sameTable(add.schemaName(), add.tableName(), schema, table)) {
        for (Column c : add.columns()) {
          if (c.name().equals(column)) {
            return c;
          }
        }
      }
    }
    return null;
  }

  /** The later createTable that makes a table of this name again, or null. */
  Change.CreateTable createdLater(String schema, String table) {
    for (Change change : changes) {
      if (change instanceof Change.CreateTable create
          && sameTable(create.schemaName(), create.tableName(), schema, table)) {
        return create;
      }
    }
    return null;
  }

  /** Whether a later change drops or renames this enum type, raw SQL included. */
  boolean enumTypeGoneLater(String schema, String type) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.DropEnumType d
                        && sameTable(d.schemaName(), d.typeName(), schema, type))
                    || (c instanceof Change.Sql sql
                        && LaterSql.dropsOrRenames(sql.sql(), "TYPE", type)));
  }

  /** Whether later raw SQL drops or renames this schema or extension ({@code kind}). */
  boolean droppedBySql(String kind, String name) {
    return changes.stream()
        .anyMatch(
            c -> c instanceof Change.Sql sql && LaterSql.dropsOrRenames(sql.sql(), kind, name));
  }

  /** Whether a later change drops or renames this sequence, raw SQL included. */
  boolean sequenceGoneLater(String schema, String sequence) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.DropSequence d
                        && sameTable(d.schemaName(), d.sequenceName(), schema, sequence))
                    || (c instanceof Change.RenameSequence r
                        && sameTable(r.schemaName(), r.oldSequenceName(), schema, sequence))
                    || (c instanceof Change.Sql sql
                        && LaterSql.dropsOrRenames(sql.sql(), "SEQUENCE", sequence)));
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

  /**
   * The labels later changes add to this enum type: addEnumValue, or ALTER TYPE … ADD VALUE in raw
   * SQL.
   */
  List<String> enumLabelsAdded(String schema, String type) {
    List<String> labels = new java.util.ArrayList<>();
    for (Change change : changes) {
      if (change instanceof Change.Sql sql) {
        labels.addAll(LaterSql.enumLabelsAdded(sql.sql(), type));
      }
      if (change instanceof Change.AddEnumValue add
          && ddl.schema(add.schemaName()).equals(schema)
          && add.typeName().equals(type)) {
        labels.add(add.value());
      }
    }
    return labels;
  }

  boolean sameTable(String otherSchema, String otherTable, String schema, String table) {
    return ddl.schema(otherSchema).equals(schema) && otherTable.equals(table);
  }
}
