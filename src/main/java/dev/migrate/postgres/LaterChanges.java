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
    return !touchedAspects(schema, table, column).isEmpty();
  }

  /**
   * Whether a later change names this object (an index or constraint): structured changes by any of
   * their names, raw SQL by a word of its text. Its state now is then that change's to check.
   */
  boolean mention(String name) {
    return changes.stream()
        .anyMatch(
            c ->
                LaterSql.names(LaterSql.text(c), name)
                    || (!(c instanceof Change.Sql) && LaterSql.names(c.toString(), name)));
  }

  /**
   * Whether a later change may drop, rename or make again this object: a structured drop, rename or
   * create naming it, or raw SQL naming it at all. Its state now is then that change's to check.
   */
  boolean reworksObject(String name) {
    return changes.stream()
        .anyMatch(
            c ->
                LaterSql.names(LaterSql.text(c), name)
                    || (c.changeType().matches("(drop|rename|create).*")
                        && !(c instanceof Change.CreateProcedure)
                        && LaterSql.names(c.toString(), name)));
  }

  /**
   * The columns of this table that later changes add, alter, drop or rename (raw SQL by its ALTER
   * TABLE actions, both names of a rename).
   */
  List<String> touchedColumns(String schema, String table) {
    List<String> columns = new java.util.ArrayList<>();
    for (Change change : changes) {
      Touch touch = touch(change);
      if (touch != null && sameTable(touch.schemaName(), touch.tableName(), schema, table)) {
        columns.addAll(touch.columns());
      }
      columns.addAll(LaterSql.columnsNamedOn(LaterSql.text(change), table));
    }
    return columns;
  }

  /** What of a column a later change sets: the guards compare the rest. */
  enum Aspect {
    TYPE,
    NULLABILITY,
    DEFAULT,
    IDENTITY
  }

  private static final java.util.Set<Aspect> ALL = java.util.EnumSet.allOf(Aspect.class);

  /** Whether later changes set every aspect of a column: it is theirs to check, whole. */
  static boolean whole(java.util.Set<Aspect> aspects) {
    return aspects.containsAll(ALL);
  }

  /** The columns of one table a change works on, and what of them it sets. */
  private record Touch(
      String schemaName, String tableName, List<String> columns, java.util.Set<Aspect> aspects) {}

  private static Touch touch(Change change) {
    if (change instanceof Change.AddColumn c) {
      return new Touch(
          c.schemaName(), c.tableName(), c.columns().stream().map(Column::name).toList(), ALL);
    } else if (change instanceof Change.DropColumn c) {
      return new Touch(c.schemaName(), c.tableName(), c.columnNames(), ALL);
    } else if (change instanceof Change.RenameColumn c) {
      return new Touch(
          c.schemaName(), c.tableName(), List.of(c.oldColumnName(), c.newColumnName()), ALL);
    } else if (change instanceof Change.ModifyDataType c) {
      return new Touch(
          c.schemaName(), c.tableName(), List.of(c.columnName()), java.util.Set.of(Aspect.TYPE));
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return new Touch(
          c.schemaName(),
          c.tableName(),
          List.of(c.columnName()),
          java.util.Set.of(Aspect.NULLABILITY));
    } else if (change instanceof Change.DropNotNullConstraint c) {
      return new Touch(
          c.schemaName(),
          c.tableName(),
          List.of(c.columnName()),
          java.util.Set.of(Aspect.NULLABILITY));
    } else if (change instanceof Change.AddDefaultValue c) {
      return new Touch(
          c.schemaName(), c.tableName(), List.of(c.columnName()), java.util.Set.of(Aspect.DEFAULT));
    } else if (change instanceof Change.DropDefaultValue c) {
      return new Touch(
          c.schemaName(), c.tableName(), List.of(c.columnName()), java.util.Set.of(Aspect.DEFAULT));
    } else if (change instanceof Change.AddAutoIncrement c) {
      return new Touch(
          c.schemaName(),
          c.tableName(),
          List.of(c.columnName()),
          java.util.Set.of(Aspect.DEFAULT, Aspect.IDENTITY));
    } else if (change instanceof Change.AddPrimaryKey c) {
      return new Touch(
          c.schemaName(), c.tableName(), c.columnNames(), java.util.Set.of(Aspect.NULLABILITY));
    }
    return null;
  }

  /**
   * What later changes set of this column; every aspect when one adds, drops or renames it, or raw
   * SQL renames, drops, adds or alters it.
   */
  java.util.Set<Aspect> touchedAspects(String schema, String table, String column) {
    java.util.Set<Aspect> aspects = java.util.EnumSet.noneOf(Aspect.class);
    for (Change change : changes) {
      Touch touch = touch(change);
      if (touch != null
          && sameTable(touch.schemaName(), touch.tableName(), schema, table)
          && touch.columns().contains(column)) {
        aspects.addAll(touch.aspects());
      }
      String sql = LaterSql.text(change);
      if (LaterSql.renamesOrDropsColumn(sql, table, column)
          || LaterSql.addsColumn(sql, table, column)
          || LaterSql.altersColumn(sql, table, column)
          || LaterSql.columnsNamedOn(sql, table).contains(column)) {
        return ALL;
      }
      if (LaterSql.keysColumn(sql, table, column)) {
        aspects.add(Aspect.NULLABILITY);
      }
    }
    return aspects;
  }

  /** The name later renames give this table, or null (see {@link #relationRenamedTo}). */
  String renamedTo(String schema, String table) {
    return relationRenamedTo(schema, table);
  }

  /**
   * The name later renames give this relation (table, view or sequence: they share one namespace),
   * followed in order through renameTable, renameView, renameSequence and raw ALTER … RENAME TO;
   * null when none renames it.
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
      } else if (rename == null) {
        String renamed = LaterSql.relationRenamedTo(LaterSql.text(change), name);
        name = renamed == null ? name : renamed;
      }
    }
    return name.equals(relation) ? null : name;
  }

  /**
   * The label later renames give this label of this type (itself when none does): renameEnumValue,
   * or ALTER TYPE … RENAME VALUE in raw SQL.
   */
  String enumLabelRenamedTo(String schema, String type, String label) {
    String name = label;
    for (String[] change : enumLabelChanges(schema, type)) {
      if (change[0] != null && change[0].equals(name)) {
        name = change[1];
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
      if (drops || (LaterSql.altersTable(LaterSql.text(change), table))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name later renames give this column in the end, or null: renameColumn and raw-SQL RENAME
   * COLUMN, followed in order, through renames of its table too.
   */
  String columnRenamedTo(String schema, String table, String column) {
    String[] at = {table, column};
    for (Change change : changes) {
      at = followed(change, schema, at);
    }
    return at[1].equals(column) ? null : at[1];
  }

  /**
   * Whether a later addDefaultValue or dropDefaultValue sets this column's default again, under the
   * names later renames give the table and the column.
   */
  boolean setsDefault(String schema, String table, String column) {
    String[] at = {table, column};
    for (Change change : changes) {
      String[] target =
          change instanceof Change.AddDefaultValue c
              ? new String[] {c.schemaName(), c.tableName(), c.columnName()}
              : change instanceof Change.DropDefaultValue c
                  ? new String[] {c.schemaName(), c.tableName(), c.columnName()}
                  : null;
      if (target != null
          && sameTable(target[0], target[1], schema, at[0])
          && target[2].equals(at[1])) {
        return true;
      }
      at = followed(change, schema, at);
    }
    return false;
  }

  // A column's table and name ({table, column}) after one later change, which may rename either.
  private String[] followed(Change change, String schema, String[] at) {
    if (change instanceof Change.RenameTable r
        && sameTable(r.schemaName(), r.oldTableName(), schema, at[0])) {
      return new String[] {r.newTableName(), at[1]};
    } else if (change instanceof Change.RenameColumn r
        && sameTable(r.schemaName(), r.tableName(), schema, at[0])
        && r.oldColumnName().equals(at[1])) {
      return new String[] {at[0], r.newColumnName()};
    }
    String renamed = LaterSql.columnRenamedTo(LaterSql.text(change), at[0], at[1]);
    return renamed == null ? at : new String[] {at[0], renamed};
  }

  /** Whether a later change (raw SQL included) drops this constraint of this table. */
  boolean dropsConstraint(String schema, String table, String constraint) {
    for (Change change : changes) {
      String[] drop =
          change instanceof Change.DropPrimaryKey d
              ? new String[] {d.schemaName(), d.tableName(), d.constraintName()}
              : change instanceof Change.DropUniqueConstraint d
                  ? new String[] {d.schemaName(), d.tableName(), d.constraintName()}
                  : change instanceof Change.DropForeignKeyConstraint d
                      ? new String[] {d.baseSchemaName(), d.baseTableName(), d.constraintName()}
                      : null;
      if ((drop != null && sameTable(drop[0], drop[1], schema, table) && constraint.equals(drop[2]))
          || LaterSql.dropsConstraint(LaterSql.text(change), table, constraint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a later change gives this name to a column of this table: addColumn, renameColumn onto
   * it, a createTable that makes the table again with it, or raw SQL that adds it or renames a
   * column onto it.
   */
  boolean namesColumn(String schema, String table, String column) {
    Change.CreateTable remade = createdLater(schema, table);
    return addedLater(schema, table, column) != null
        || renamedOnto(schema, table, column) != null
        || (remade != null && remade.columns().stream().anyMatch(c -> c.name().equals(column)))
        || changes.stream()
            .anyMatch(
                c ->
                    LaterSql.addsColumn(LaterSql.text(c), table, column)
                        || LaterSql.renamesColumnOnto(LaterSql.text(c), table, column));
  }

  /** Whether a later update (raw SQL included) sets this column. */
  boolean updatesColumn(String schema, String table, String column) {
    for (Change change : changes) {
      if ((change instanceof Change.Update u
              && sameTable(u.schemaName(), u.tableName(), schema, table)
              && u.columns().stream().anyMatch(c -> c.name().equals(column)))
          || LaterSql.updatesColumn(LaterSql.text(change), table, column)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a later change drops this column (dropColumn, or raw ALTER TABLE … DROP COLUMN). */
  boolean dropsColumn(String schema, String table, String column) {
    for (Change change : changes) {
      if ((change instanceof Change.DropColumn d
              && sameTable(d.schemaName(), d.tableName(), schema, table)
              && d.columnNames().contains(column))
          || LaterSql.dropsColumn(LaterSql.text(change), table, column)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a later change may drop a column of this table, and with it the indexes on that column
   * (a dropColumn of it, or raw SQL that drops one of its columns), or with {@code cascadeOnly} the
   * views on it (raw SQL that alters it with CASCADE: a dropColumn does not cascade).
   */
  boolean dropsAnyColumn(String schema, String table, boolean cascadeOnly) {
    return changes.stream()
        .anyMatch(
            c ->
                (!cascadeOnly
                        && c instanceof Change.DropColumn d
                        && sameTable(d.schemaName(), d.tableName(), schema, table))
                    || (LaterSql.dropsSomeColumn(LaterSql.text(c), table)
                        && (!cascadeOnly || LaterSql.names(LaterSql.text(c), "cascade"))));
  }

  /** Whether a later change (raw SQL included) drops this column or renames it away. */
  boolean renamesOrDropsColumn(String schema, String table, String column) {
    for (Change change : changes) {
      if ((change instanceof Change.DropColumn d
              && sameTable(d.schemaName(), d.tableName(), schema, table)
              && d.columnNames().contains(column))
          || (change instanceof Change.RenameColumn r
              && sameTable(r.schemaName(), r.tableName(), schema, table)
              && r.oldColumnName().equals(column))
          || LaterSql.renamesOrDropsColumn(LaterSql.text(change), table, column)) {
        return true;
      }
    }
    return false;
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
          || (LaterSql.redefinesView(LaterSql.text(change), view))) {
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
                    || (LaterSql.dropsOrRenames(LaterSql.text(c), "TABLE", table)));
  }

  /**
   * Whether later raw SQL drops, alters or makes again (OR REPLACE, or CREATE after a DROP) a
   * function, procedure, trigger or policy of this name.
   */
  boolean redefinedBySql(String kind, String name) {
    return changes.stream().anyMatch(c -> LaterSql.redefines(LaterSql.text(c), kind, name));
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

  /**
   * Whether a later change gives this name to a table: createTable, renameTable onto it, or raw SQL
   * that creates a table of that name or renames a relation onto it.
   */
  boolean makesTable(String schema, String table) {
    return createdLater(schema, table) != null
        || changes.stream()
            .anyMatch(
                c ->
                    (c instanceof Change.RenameTable r
                            && sameTable(r.schemaName(), r.newTableName(), schema, table))
                        || LaterSql.createsTable(LaterSql.text(c), table)
                        || LaterSql.renamesOnto(LaterSql.text(c), table));
  }

  /** Whether a later change makes an index of this name (createIndex, or raw SQL). */
  boolean makesIndex(String schema, String index) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.CreateIndex i
                        && i.indexName().equals(index)
                        && ddl.schema(i.schemaName()).equals(schema))
                    || LaterSql.creates(LaterSql.text(c), "index", index));
  }

  /** Whether a later change makes a sequence of this name (createSequence, or raw SQL). */
  boolean makesSequence(String schema, String sequence) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.CreateSequence q
                        && sameTable(q.schemaName(), q.sequenceName(), schema, sequence))
                    || LaterSql.creates(LaterSql.text(c), "sequence", sequence));
  }

  /** Whether a later change adds a constraint of this name (add… changes, or raw SQL). */
  boolean makesConstraint(String constraint) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.AddUniqueConstraint u && constraint.equals(u.constraintName()))
                    || (c instanceof Change.AddPrimaryKey p
                        && constraint.equals(p.constraintName()))
                    || (c instanceof Change.AddForeignKeyConstraint f
                        && constraint.equals(f.constraintName()))
                    || LaterSql.addsConstraint(LaterSql.text(c), constraint));
  }

  /** Whether a later change makes a type of this name (createEnumType, or raw SQL). */
  boolean makesType(String schema, String type) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.CreateEnumType e
                        && sameTable(e.schemaName(), e.typeName(), schema, type))
                    || LaterSql.createsType(LaterSql.text(c), type));
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
                    || (LaterSql.dropsOrRenames(LaterSql.text(c), "TYPE", type)));
  }

  /** Whether later raw SQL drops or renames this schema or extension ({@code kind}). */
  boolean droppedBySql(String kind, String name) {
    return changes.stream().anyMatch(c -> LaterSql.dropsOrRenames(LaterSql.text(c), kind, name));
  }

  /**
   * Whether a later change drops or renames this sequence, raw SQL included, or drops a table whose
   * serial column owns it (PostgreSQL names such a sequence table_column_seq).
   */
  boolean sequenceGoneLater(String schema, String sequence) {
    if (sequence.endsWith("_seq")
        && changes.stream()
            .anyMatch(
                c ->
                    c instanceof Change.DropTable d
                        && ddl.schema(d.schemaName()).equals(schema)
                        && sequence.startsWith(d.tableName() + "_"))) {
      return true;
    }
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof Change.DropSequence d
                        && sameTable(d.schemaName(), d.sequenceName(), schema, sequence))
                    || (c instanceof Change.RenameSequence r
                        && sameTable(r.schemaName(), r.oldSequenceName(), schema, sequence))
                    || (LaterSql.dropsOrRenames(LaterSql.text(c), "SEQUENCE", sequence)));
  }

  boolean addPrimaryKeyOver(String schema, String table, String column) {
    for (Change change : changes) {
      if (change instanceof Change.AddPrimaryKey pk
          && sameTable(pk.schemaName(), pk.tableName(), schema, table)
          && pk.columnNames().contains(column)) {
        return true;
      }
      if (LaterSql.keysColumn(LaterSql.text(change), table, column)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The labels later changes add to this enum type (addEnumValue, or ALTER TYPE … ADD VALUE in raw
   * SQL), each under the name later renames give it.
   */
  List<String> enumLabelsAdded(String schema, String type) {
    List<String> labels = new java.util.ArrayList<>();
    for (String[] change : enumLabelChanges(schema, type)) {
      if (change[0] == null) {
        labels.add(change[1]);
      } else {
        labels.replaceAll(l -> l.equals(change[0]) ? change[1] : l);
      }
    }
    return labels;
  }

  // What later changes do to this type's labels, in order: [null, label] adds, [old, new] renames.
  private List<String[]> enumLabelChanges(String schema, String type) {
    List<String[]> all = new java.util.ArrayList<>();
    for (Change change : changes) {
      all.addAll(LaterSql.enumLabelChanges(LaterSql.text(change), type));
      if (change instanceof Change.AddEnumValue add
          && sameTable(add.schemaName(), add.typeName(), schema, type)) {
        all.add(new String[] {null, add.value()});
      } else if (change instanceof Change.RenameEnumValue r
          && sameTable(r.schemaName(), r.typeName(), schema, type)) {
        all.add(new String[] {r.oldValue(), r.newValue()});
      }
    }
    return all;
  }

  boolean sameTable(String otherSchema, String otherTable, String schema, String table) {
    return ddl.schema(otherSchema).equals(schema) && otherTable.equals(table);
  }
}
