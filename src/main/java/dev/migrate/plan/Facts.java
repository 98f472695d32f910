package dev.migrate.plan;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each change type does to the database, as a fact about the type: whether it makes an object,
 * sets a property of one, otherwise alters, drops or renames one, writes rows, or runs SQL as
 * written. {@code check} and {@code stamp} ask it which steps leave something to look at; {@code
 * FactsTest} fails when a change type of the model has no entry.
 *
 * <p>Finer, {@link #of} says which named objects a change makes, drops, renames, sets a property of
 * or writes rows into ({@link Fact}): the guards ask it whether a later change reworks an object,
 * {@code check} which names an object ends with, and the replay rules which object a step makes.
 */
public final class Facts {
  /** The effects, coarse enough to say what can be looked for in the catalog afterwards. */
  public enum Effect {
    /** Makes an object: it is there afterwards, as the step says. */
    MAKES,
    /**
     * Sets a property of an object that the catalog shows (a type, NOT NULL, a default, a label).
     */
    SETS,
    /** Alters an object in a way not looked for afterwards. */
    ALTERS,
    DROPS,
    RENAMES,
    /** Writes rows: nothing to look for in the catalog. */
    ROWS,
    /** Runs SQL as written: nothing to look for by name. */
    RAW,
    /** Records a tag: nothing in the database. */
    TAG,
    /** Sets a comment: no object and no property that any guard or {@code check} compares. */
    COMMENTS,
    /** Says something (output), or stops the run (stop): nothing in the database. */
    SAYS
  }

  private static final Map<Class<? extends Change>, Effect> EFFECTS =
      Map.ofEntries(
          Map.entry(Change.CreateEnumType.class, Effect.MAKES),
          Map.entry(Change.AddEnumValue.class, Effect.SETS),
          Map.entry(Change.RenameEnumValue.class, Effect.RENAMES),
          Map.entry(Change.DropEnumType.class, Effect.DROPS),
          Map.entry(Change.CreateTable.class, Effect.MAKES),
          Map.entry(Change.DropTable.class, Effect.DROPS),
          Map.entry(Change.RenameTable.class, Effect.RENAMES),
          Map.entry(Change.AddColumn.class, Effect.MAKES),
          Map.entry(Change.DropColumn.class, Effect.DROPS),
          Map.entry(Change.RenameColumn.class, Effect.RENAMES),
          Map.entry(Change.ModifyDataType.class, Effect.SETS),
          Map.entry(Change.AddNotNullConstraint.class, Effect.SETS),
          Map.entry(Change.DropNotNullConstraint.class, Effect.ALTERS),
          Map.entry(Change.AddDefaultValue.class, Effect.SETS),
          Map.entry(Change.DropDefaultValue.class, Effect.ALTERS),
          Map.entry(Change.SetTableRemarks.class, Effect.COMMENTS),
          Map.entry(Change.SetColumnRemarks.class, Effect.COMMENTS),
          Map.entry(Change.AddAutoIncrement.class, Effect.ALTERS),
          Map.entry(Change.CreateIndex.class, Effect.MAKES),
          Map.entry(Change.DropIndex.class, Effect.DROPS),
          Map.entry(Change.AddPrimaryKey.class, Effect.MAKES),
          Map.entry(Change.AddUniqueConstraint.class, Effect.MAKES),
          Map.entry(Change.AddForeignKeyConstraint.class, Effect.MAKES),
          Map.entry(Change.DropPrimaryKey.class, Effect.DROPS),
          Map.entry(Change.DropUniqueConstraint.class, Effect.DROPS),
          Map.entry(Change.DropForeignKeyConstraint.class, Effect.DROPS),
          Map.entry(Change.DropAllForeignKeyConstraints.class, Effect.DROPS),
          Map.entry(Change.MergeColumns.class, Effect.MAKES),
          Map.entry(Change.AddLookupTable.class, Effect.MAKES),
          Map.entry(Change.CreateView.class, Effect.MAKES),
          Map.entry(Change.DropView.class, Effect.DROPS),
          Map.entry(Change.RenameView.class, Effect.RENAMES),
          Map.entry(Change.CreateSequence.class, Effect.MAKES),
          Map.entry(Change.AlterSequence.class, Effect.ALTERS),
          Map.entry(Change.DropSequence.class, Effect.DROPS),
          Map.entry(Change.RenameSequence.class, Effect.RENAMES),
          Map.entry(Change.CreateSchema.class, Effect.MAKES),
          Map.entry(Change.CreateExtension.class, Effect.MAKES),
          Map.entry(Change.Insert.class, Effect.ROWS),
          Map.entry(Change.Update.class, Effect.ROWS),
          Map.entry(Change.Delete.class, Effect.ROWS),
          Map.entry(Change.LoadData.class, Effect.ROWS),
          Map.entry(Change.LoadUpdateData.class, Effect.ROWS),
          Map.entry(Change.DeleteRows.class, Effect.ROWS),
          Map.entry(Change.Sql.class, Effect.RAW),
          Map.entry(Change.CreateProcedure.class, Effect.RAW),
          Map.entry(Change.DropProcedure.class, Effect.DROPS),
          Map.entry(Change.TagDatabase.class, Effect.TAG),
          Map.entry(Change.Output.class, Effect.SAYS),
          Map.entry(Change.Stop.class, Effect.SAYS));

  private Facts() {}

  public static Effect effect(Change change) {
    Effect effect = EFFECTS.get(change.getClass());
    if (effect == null) {
      throw new IllegalStateException(change.changeType() + " has no entry in Facts");
    }
    return effect;
  }

  /**
   * Whether what the step leaves can be looked for in the catalog afterwards: an object it makes or
   * a property it sets. A view given whole and replaced on every run cannot be compared.
   */
  public static boolean leavesState(Change change) {
    Effect effect = effect(change);
    return (effect == Effect.MAKES || effect == Effect.SETS)
        && !(change instanceof Change.CreateView v && v.fullDefinition() && v.replaceIfExists());
  }

  /** Whether what the step did leaves nothing to look for and would be done again on a rerun. */
  public static boolean leavesNoTrace(Change change) {
    Effect effect = effect(change);
    return effect == Effect.ROWS || effect == Effect.RAW;
  }

  static java.util.Set<Class<? extends Change>> types() {
    return EFFECTS.keySet();
  }

  /** What a fact does to its object. */
  public enum Verb {
    MAKES,
    DROPS,
    RENAMES,
    /** Sets a property: of a column, its {@link Fact#aspects}. */
    SETS,
    /** Writes rows (into a table, or into a column of it). */
    WRITES,
    /** Names a table it depends on (a foreign key's referenced table). */
    REFERS
  }

  /** The kinds of named object a change can concern. */
  public enum Kind {
    TABLE,
    VIEW,
    SEQUENCE,
    INDEX,
    COLUMN,
    PRIMARY_KEY,
    UNIQUE,
    FOREIGN_KEY,
    /** An ENUM type. */
    TYPE,
    /** A label of an ENUM type: {@link Fact#table} names the type. */
    LABEL,
    SCHEMA,
    EXTENSION,
    /** A function or procedure. */
    ROUTINE
  }

  /** What of a column a change sets. */
  public enum Aspect {
    TYPE,
    NULLABILITY,
    DEFAULT,
    IDENTITY
  }

  /**
   * One thing a change does to one named object, with the names as the change writes them.
   *
   * @param schema the schema as written (null: the default one)
   * @param table the table of a column, key or index, or the type of a label; null otherwise
   * @param name the object's name (null for a key made or dropped without one)
   * @param to the new name, for {@link Verb#RENAMES}
   * @param aspects what {@link Verb#SETS} sets of a column
   * @param columns the columns a key or index covers
   * @param change the change it is a fact of
   */
  public record Fact(
      Verb verb,
      Kind kind,
      String schema,
      String table,
      String name,
      String to,
      Set<Aspect> aspects,
      List<String> columns,
      Change change) {

    /** Whether it does this to an object of this kind. */
    public boolean is(Verb verb, Kind kind) {
      return this.verb == verb && this.kind == kind;
    }
  }

  /**
   * The facts of a change, the object it is chiefly about first (the table of a createTable, the
   * key of an addPrimaryKey); empty for raw SQL and tags, whose SQL is read elsewhere.
   */
  public static List<Fact> of(Change change) {
    Facts.Builder f = new Facts.Builder(change);
    if (change instanceof Change.CreateEnumType c) {
      f.add(Verb.MAKES, Kind.TYPE, c.schemaName(), null, c.typeName());
    } else if (change instanceof Change.AddEnumValue c) {
      f.add(Verb.MAKES, Kind.LABEL, c.schemaName(), c.typeName(), c.value());
    } else if (change instanceof Change.RenameEnumValue c) {
      f.renames(Kind.LABEL, c.schemaName(), c.typeName(), c.oldValue(), c.newValue());
    } else if (change instanceof Change.DropEnumType c) {
      f.add(Verb.DROPS, Kind.TYPE, c.schemaName(), null, c.typeName());
    } else if (change instanceof Change.CreateTable c) {
      f.add(Verb.MAKES, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (change instanceof Change.DropTable c) {
      f.add(Verb.DROPS, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (change instanceof Change.RenameTable c) {
      f.renames(Kind.TABLE, c.schemaName(), null, c.oldTableName(), c.newTableName());
    } else if (change instanceof Change.AddColumn c) {
      c.columns()
          .forEach(
              col -> f.add(Verb.MAKES, Kind.COLUMN, c.schemaName(), c.tableName(), col.name()));
    } else if (change instanceof Change.DropColumn c) {
      c.columnNames()
          .forEach(col -> f.add(Verb.DROPS, Kind.COLUMN, c.schemaName(), c.tableName(), col));
    } else if (change instanceof Change.RenameColumn c) {
      f.renames(Kind.COLUMN, c.schemaName(), c.tableName(), c.oldColumnName(), c.newColumnName());
    } else if (change instanceof Change.ModifyDataType c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.TYPE);
    } else if (change instanceof Change.AddNotNullConstraint c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.NULLABILITY);
    } else if (change instanceof Change.DropNotNullConstraint c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.NULLABILITY);
    } else if (change instanceof Change.AddDefaultValue c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.DEFAULT);
    } else if (change instanceof Change.DropDefaultValue c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.DEFAULT);
    } else if (change instanceof Change.AddAutoIncrement c) {
      f.sets(c.schemaName(), c.tableName(), c.columnName(), Aspect.DEFAULT, Aspect.IDENTITY);
    } else if (change instanceof Change.CreateIndex c) {
      f.key(Verb.MAKES, Kind.INDEX, c.schemaName(), c.tableName(), c.indexName(), c.columns());
    } else if (change instanceof Change.DropIndex c) {
      f.add(Verb.DROPS, Kind.INDEX, c.schemaName(), null, c.indexName());
    } else if (change instanceof Change.AddPrimaryKey c) {
      // The key first; its columns become NOT NULL.
      f.key(
          Verb.MAKES,
          Kind.PRIMARY_KEY,
          c.schemaName(),
          c.tableName(),
          c.constraintName(),
          c.columnNames());
      c.columnNames()
          .forEach(col -> f.sets(c.schemaName(), c.tableName(), col, Aspect.NULLABILITY));
    } else if (change instanceof Change.AddUniqueConstraint c) {
      f.key(
          Verb.MAKES,
          Kind.UNIQUE,
          c.schemaName(),
          c.tableName(),
          c.constraintName(),
          c.columnNames());
    } else if (change instanceof Change.AddForeignKeyConstraint c) {
      f.key(
          Verb.MAKES,
          Kind.FOREIGN_KEY,
          c.baseSchemaName(),
          c.baseTableName(),
          c.constraintName(),
          c.baseColumnNames());
      f.add(Verb.REFERS, Kind.TABLE, c.referencedSchemaName(), null, c.referencedTableName());
    } else if (change instanceof Change.DropPrimaryKey c) {
      f.add(Verb.DROPS, Kind.PRIMARY_KEY, c.schemaName(), c.tableName(), c.constraintName());
    } else if (change instanceof Change.DropUniqueConstraint c) {
      f.add(Verb.DROPS, Kind.UNIQUE, c.schemaName(), c.tableName(), c.constraintName());
    } else if (change instanceof Change.DropForeignKeyConstraint c) {
      f.add(
          Verb.DROPS, Kind.FOREIGN_KEY, c.baseSchemaName(), c.baseTableName(), c.constraintName());
    } else if (change instanceof Change.MergeColumns c) {
      // The merged column first, then the two it replaces; it writes every row of the new one.
      f.add(Verb.MAKES, Kind.COLUMN, c.schemaName(), c.tableName(), c.finalColumnName());
      f.add(Verb.DROPS, Kind.COLUMN, c.schemaName(), c.tableName(), c.column1Name());
      f.add(Verb.DROPS, Kind.COLUMN, c.schemaName(), c.tableName(), c.column2Name());
    } else if (change instanceof Change.AddLookupTable c) {
      // The new table first, then what its three later steps make; it reads the existing column.
      f.add(Verb.MAKES, Kind.TABLE, c.newTableSchemaName(), null, c.newTableName());
      f.add(Verb.MAKES, Kind.COLUMN, c.newTableSchemaName(), c.newTableName(), c.newColumnName());
      f.addAll(of(c.primaryKey()));
      f.addAll(of(c.foreignKey()));
    } else if (change instanceof Change.DropAllForeignKeyConstraints c) {
      // Which keys it drops, the catalog says when it runs: a key of this table with no name.
      f.add(Verb.DROPS, Kind.FOREIGN_KEY, c.baseSchemaName(), c.baseTableName(), null);
    } else if (change instanceof Change.CreateView c) {
      f.add(Verb.MAKES, Kind.VIEW, c.schemaName(), null, c.viewName());
    } else if (change instanceof Change.DropView c) {
      f.add(Verb.DROPS, Kind.VIEW, c.schemaName(), null, c.viewName());
    } else if (change instanceof Change.RenameView c) {
      f.renames(Kind.VIEW, c.schemaName(), null, c.oldViewName(), c.newViewName());
    } else if (change instanceof Change.CreateSequence c) {
      f.add(Verb.MAKES, Kind.SEQUENCE, c.schemaName(), null, c.sequenceName());
    } else if (change instanceof Change.AlterSequence c) {
      f.add(Verb.SETS, Kind.SEQUENCE, c.schemaName(), null, c.sequenceName());
    } else if (change instanceof Change.DropSequence c) {
      f.add(Verb.DROPS, Kind.SEQUENCE, c.schemaName(), null, c.sequenceName());
    } else if (change instanceof Change.RenameSequence c) {
      f.renames(Kind.SEQUENCE, c.schemaName(), null, c.oldSequenceName(), c.newSequenceName());
    } else if (change instanceof Change.CreateSchema c) {
      f.add(Verb.MAKES, Kind.SCHEMA, null, null, c.schemaName());
    } else if (change instanceof Change.CreateExtension c) {
      f.add(Verb.MAKES, Kind.EXTENSION, c.schemaName(), null, c.extensionName());
    } else if (change instanceof Change.Insert c) {
      f.add(Verb.WRITES, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (change instanceof Change.Update c) {
      c.columns()
          .forEach(
              col -> f.add(Verb.WRITES, Kind.COLUMN, c.schemaName(), c.tableName(), col.name()));
    } else if (change instanceof Change.Delete c) {
      f.add(Verb.WRITES, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (change instanceof Change.LoadData c) {
      f.add(Verb.WRITES, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (change instanceof Change.DropProcedure c) {
      f.add(Verb.DROPS, Kind.ROUTINE, c.schemaName(), null, c.procedureName());
    } else if (change instanceof Change.LoadUpdateData c) {
      // It inserts rows, and updates the columns but its key of rows already there.
      f.add(Verb.WRITES, Kind.TABLE, c.schemaName(), null, c.tableName());
      c.columns().stream()
          .filter(col -> !c.primaryKey().contains(col))
          .forEach(col -> f.add(Verb.WRITES, Kind.COLUMN, c.schemaName(), c.tableName(), col));
    } else if (change instanceof Change.DeleteRows c) {
      f.add(Verb.WRITES, Kind.TABLE, c.schemaName(), null, c.tableName());
    } else if (!(change instanceof Change.Sql
        || change instanceof Change.CreateProcedure
        || change instanceof Change.TagDatabase
        || change instanceof Change.Output
        || change instanceof Change.Stop
        // What a later change does to a comment concerns no other change.
        || change instanceof Change.SetTableRemarks
        || change instanceof Change.SetColumnRemarks)) {
      throw new IllegalStateException(change.changeType() + " has no facts");
    }
    return f.facts;
  }

  /** The columns a createTable or addColumn defines, for a {@link Kind#TABLE} or column fact. */
  public static List<Column> definitions(Fact fact) {
    return fact.change() instanceof Change.CreateTable t
        ? t.columns()
        : fact.change() instanceof Change.AddColumn a
            ? a.columns().stream().filter(c -> c.name().equals(fact.name())).toList()
            : List.of();
  }

  // Collects the facts of one change.
  private static final class Builder {
    private final Change change;
    private final List<Fact> facts = new ArrayList<>();

    Builder(Change change) {
      this.change = change;
    }

    void add(Verb verb, Kind kind, String schema, String table, String name) {
      facts.add(new Fact(verb, kind, schema, table, name, null, Set.of(), List.of(), change));
    }

    // The facts of a change this one does as one of its steps, told as this change's own.
    void addAll(List<Fact> part) {
      part.forEach(
          x ->
              facts.add(
                  new Fact(
                      x.verb(),
                      x.kind(),
                      x.schema(),
                      x.table(),
                      x.name(),
                      x.to(),
                      x.aspects(),
                      x.columns(),
                      change)));
    }

    void renames(Kind kind, String schema, String table, String from, String to) {
      facts.add(new Fact(Verb.RENAMES, kind, schema, table, from, to, Set.of(), List.of(), change));
    }

    void sets(String schema, String table, String column, Aspect... aspects) {
      facts.add(
          new Fact(
              Verb.SETS,
              Kind.COLUMN,
              schema,
              table,
              column,
              null,
              Set.copyOf(EnumSet.of(aspects[0], aspects)),
              List.of(),
              change));
    }

    void key(Verb verb, Kind kind, String schema, String table, String name, List<String> cols) {
      facts.add(
          new Fact(
              verb,
              kind,
              schema,
              table,
              name,
              null,
              Set.of(),
              cols == null ? List.of() : cols,
              change));
    }
  }
}
