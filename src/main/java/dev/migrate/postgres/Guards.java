package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.ReferentialAction;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.IndexInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides, for each structured step, whether the database already has what it wants (skip),
 * lacks it (act), or has something different of the same name (drift). {@link PgCatalog} asks,
 * this class decides, {@link PgDdl} writes the SQL.
 */
public final class Guards {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final AlterGuards alterGuards;
  private final PgAlter alter;
  private final SqlStatementGuards statements;

  public Guards(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.alterGuards = new AlterGuards(catalog, ddl);
    this.alter = new PgAlter(ddl);
    this.statements = new SqlStatementGuards(catalog, ddl, this);
  }

  /**
   * Whether a later change drops, renames or changes again what {@code change} makes, so that the
   * database now shows that later state rather than this step's (for {@code check}).
   */
  public boolean reworkedLater(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.CreateIndex c) {
      return after.dropIndex(ddl.schema(c.schemaName()), c.indexName()) || after.goneLater(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.CreateTable c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.AddColumn c) {
      String schema = ddl.schema(c.schemaName());
      return after.goneLater(schema, c.tableName())
          || c.columns().stream().anyMatch(col -> after.touchColumn(schema, c.tableName(), col.name()));
    } else if (change instanceof Change.ModifyDataType c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName()) || after.touchColumn(ddl.schema(c.schemaName()), c.tableName(), c.columnName());
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName()) || after.touchColumn(ddl.schema(c.schemaName()), c.tableName(), c.columnName());
    } else if (change instanceof Change.AddForeignKeyConstraint c) {
      // The referenced table renamed or dropped later: the key now names what that change made.
      return after.goneLater(ddl.schema(c.baseSchemaName()), c.baseTableName()) || after.reworkConstraints(ddl.schema(c.baseSchemaName()), c.baseTableName())
          || after.goneLater(ddl.schema(c.referencedSchemaName()), c.referencedTableName());
    } else if (change instanceof Change.AddUniqueConstraint c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName()) || after.reworkConstraints(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.AddPrimaryKey c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName()) || after.reworkConstraints(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.CreateView c) {
      return after.redefineView(ddl.schema(c.schemaName()), c.viewName());
    } else if (change instanceof Change.CreateSequence c) {
      return after.sequenceGoneLater(ddl.schema(c.schemaName()), c.sequenceName());
    } else if (change instanceof Change.AddDefaultValue c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName()) || after.touchColumn(ddl.schema(c.schemaName()), c.tableName(), c.columnName());
    }
    return false;
  }

  /**
   * After a statement ran: when it built an index concurrently and left it INVALID (IF NOT EXISTS
   * met an unfinished build, or the build was cut short), what is wrong; else null. The changeset
   * must then not be recorded.
   */
  public String invalidAfter(String statement) {
    return SqlStatementGuards.buildsConcurrently(statement) ? statements.invalidIndex(statement) : null;
  }

  /** The INVALID indexes that the CREATE INDEX statements of a raw-SQL step left behind (for check). */
  public List<String> invalidIndexes(Change change) {
    if (!(change instanceof Change.Sql c)) {
      return List.of();
    }
    List<String> invalid = new ArrayList<>();
    for (String statement : sqlStatements(c)) {
      String problem = statements.invalidIndex(statement);
      if (problem != null) {
        invalid.add(problem);
      }
    }
    return invalid;
  }

  /**
   * The guard of one raw-SQL statement, asked right before that statement runs, so that what an
   * earlier statement of the same step dropped or created is what this guard sees.
   */
  public Decision decideStatement(String statement, List<Change> later) {
    Decision decision = statements.decide(statement, later);
    return decision instanceof Decision.Act act
        ? new Decision.Act(act.sql(), act.summary(), excuse(new LaterChanges(later, ddl)), act.effect())
        : decision;
  }

  /** The statements of a raw-SQL step, split as its splitStatements and endDelimiter say. */
  public static List<String> sqlStatements(Change.Sql c) {
    return c.splitStatements()
        ? SqlSplitter.split(c.sql(), c.endDelimiter(), c.stripComments())
        : SqlSplitter.whole(c.sql(), c.stripComments());
  }

  /** The decision for {@code change}; {@code later} are the changes after it in the changelog. */
  public Decision decide(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.CreateEnumType c) {
      return createEnumType(c, after);
    } else if (change instanceof Change.AddEnumValue c) {
      return addEnumValue(c);
    } else if (change instanceof Change.CreateTable c) {
      return createTable(c, after);
    } else if (change instanceof Change.AddColumn c) {
      return addColumn(c, after);
    } else if (change instanceof Change.CreateIndex c) {
      return createIndex(c, after);
    } else if (change instanceof Change.AddForeignKeyConstraint c) {
      return addForeignKey(c, after);
    } else if (change instanceof Change.AddUniqueConstraint c) {
      return addUnique(c, after);
    } else if (change instanceof Change.AddPrimaryKey c) {
      return addPrimaryKey(c, after);
    } else if (change instanceof Change.DropTable c) {
      return dropTable(c);
    } else if (change instanceof Change.CreateSchema c) {
      return createSchema(c);
    } else if (change instanceof Change.Sql c) {
      // Decided statement by statement as the step runs (see decideStatement): here, before any
      // of them runs, the step as a whole is only ever to be run.
      List<String> statements = sqlStatements(c);
      return new Decision.Act(statements, "ran " + statements.size() + " statements", excuse(after));
    } else if (change instanceof Change.CreateProcedure c) {
      return new Decision.Act(List.of(c.procedureText().strip()), "ran the procedure text");
    } else if (change instanceof Change.TagDatabase c) {
      return new Decision.Act(List.of(), "tagged " + c.tag());
    } else if (change instanceof Change.Insert c) {
      return new Decision.Act(List.of(alter.insert(c)), "inserted a row into " + qualified(ddl.schema(c.schemaName()), c.tableName()), excuse(after));
    } else if (change instanceof Change.Update c) {
      return new Decision.Act(List.of(alter.update(c)), "updated " + qualified(ddl.schema(c.schemaName()), c.tableName()), excuse(after));
    } else if (change instanceof Change.Delete c) {
      return new Decision.Act(List.of(alter.delete(c)), "deleted from " + qualified(ddl.schema(c.schemaName()), c.tableName()), excuse(after));
    } else if (change instanceof Change.LoadData c) {
      return new Decision.Act(alter.loadData(c), "loaded " + c.rows().size() + " rows into " + qualified(ddl.schema(c.schemaName()), c.tableName()), excuse(after));
    }
    Decision decision = alterGuards.decide(change, after, excuse(after));
    if (decision != null) {
      return decision;
    }
    throw new IllegalArgumentException("no guard for " + change.changeType());
  }

  // A failed data statement is excused when a later change removes what it needs, or when it met
  // a unique key and every row it inserts is in the table already, value for value.
  Decision.Excuse excuse(LaterChanges after) {
    return (sql, state, message) -> {
      if ("23505".equals(state)) {
        return statements.rowsPresent(sql);
      }
      if ("42710".equals(state) || "42723".equals(state)) {
        // "already exists": a function, trigger or policy made again the same way is done.
        return statements.sameDefinition(sql, after);
      }
      Change later = after.explaining(state, message);
      return later != null && alreadyDone(later)
          ? "a later " + later.changeType() + " removes or remakes what it needs, and its effect is in the database already"
          : null;
    };
  }

  // The later change's effect is present: this is a rerun over a database that went further, not
  // a first run with a typo (which must fail).
  private boolean alreadyDone(Change later) {
    if (later instanceof Change.DropColumn d) {
      TableInfo table = catalog.table(ddl.schema(d.schemaName()), d.tableName());
      return table != null && d.columnNames().stream().anyMatch(c -> table.column(c) == null);
    } else if (later instanceof Change.RenameColumn r) {
      TableInfo table = catalog.table(ddl.schema(r.schemaName()), r.tableName());
      return table != null && table.column(r.newColumnName()) != null;
    } else if (later instanceof Change.DropTable d) {
      return catalog.table(ddl.schema(d.schemaName()), d.tableName()) == null;
    } else if (later instanceof Change.RenameTable r) {
      return catalog.table(ddl.schema(r.schemaName()), r.newTableName()) != null;
    } else if (later instanceof Change.DropView d) {
      return catalog.table(ddl.schema(d.schemaName()), d.viewName()) == null;
    } else if (later instanceof Change.RenameView r) {
      return catalog.table(ddl.schema(r.schemaName()), r.newViewName()) != null;
    } else if (later instanceof Change.DropPrimaryKey d) {
      List<ConstraintInfo> have = catalog.constraints(ddl.schema(d.schemaName()), d.tableName());
      return have != null && have.stream().noneMatch(k -> k.type().equals("p"));
    }
    return later instanceof Change.CreateView; // made anew later; nothing here can show it earlier
  }

  private Decision createEnumType(Change.CreateEnumType c, LaterChanges after) {
    return new EnumShape(c, after, ddl).decide(catalog.type(ddl.schema(c.schemaName()), c.typeName()));
  }

  private Decision addEnumValue(Change.AddEnumValue c) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.typeName());
    TypeInfo existing = catalog.type(schema, c.typeName());
    if (existing == null || !existing.isEnum()) {
      return new Decision.Drift("type " + name + " is not an ENUM type in the database, so label '" + c.value() + "' cannot be added");
    }
    if (existing.labels().contains(c.value())) {
      return new Decision.Skip("type " + name + " already has label '" + c.value() + "'");
    }
    return new Decision.Act(
        List.of(ddl.addEnumValue(c.schemaName(), c.typeName(), c.value(), c.before(), c.after())),
        "added label '" + c.value() + "' to " + name);
  }

  private Decision createTable(Change.CreateTable c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null) {
      String renamed = after.renamedTo(schema, c.tableName());
      if (renamed != null && catalog.table(schema, renamed) != null) {
        return new Decision.Skip("table " + name + " is renamed to " + renamed + " by a later change, and " + renamed + " exists");
      }
      return new Decision.Act(ddl.createTable(c), "created table " + name, excuse(after));
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
      return drift("table " + name, differences);
    }
    return inlineConstraints(c, schema, name, after);
  }

  // The table is there with the right columns; add any inline constraint it lacks.
  private Decision inlineConstraints(Change.CreateTable c, String schema, String name, LaterChanges after) {
    List<String> pk = PgDdl.primaryKeyColumns(c.columns());
    boolean hasInline = !pk.isEmpty() || c.columns().stream().anyMatch(col -> col.constraints().unique() || col.constraints().foreignKey() != null);
    if (!hasInline) {
      return new Decision.Skip("table " + name + " exists with the same columns");
    }
    if (after.reworkConstraints(schema, c.tableName())) {
      return new Decision.Skip("table " + name + " exists with the same columns; later changes rework its constraints,"
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
      String pkName = PgDdl.primaryKeyName(c.columns());
      ConstraintInfo existing = have.stream().filter(k -> k.type().equals("p")).findFirst().orElse(null);
      if (existing == null) {
        sql.add(ddl.addPrimaryKey(c.schemaName(), c.tableName(), pk, pkName));
        added.add("primary key");
      } else if (!existing.columns().equals(pk) || (pkName != null && !pkName.equals(existing.name()))) {
        differences.add("primary key: the changelog wants " + keyText(pkName, pk) + ", the database has " + existing.name() + " " + existing.definition());
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
        String difference = uniqueDifference(have, columns, k.uniqueConstraintName());
        if (difference == null && findUnique(have, columns, k.uniqueConstraintName()) == null) {
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
        ConstraintInfo existing = have.stream()
            .filter(x -> x.type().equals("f") && (fk.name() != null ? x.name().equals(fk.name()) : x.columns().equals(columns)))
            .findFirst().orElse(null);
        if (existing == null) {
          sql.add(ddl.addInlineForeignKey(c.schemaName(), c.tableName(), column.name(), fk));
          added.add("foreign key " + (fk.name() == null ? "(" + column.name() + ")" : fk.name()));
        } else {
          String difference = foreignKeyDifference(existing, columns, refSchema, fk.referencedTableName(), fk.referencedColumnNames(), onDelete, null, false, false);
          if (difference != null) {
            differences.add(difference);
          }
        }
      }
    }
    if (!differences.isEmpty()) {
      return drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("table " + name + " exists with the same columns and constraints");
    }
    return Decision.adjust(sql, "table " + name + " existed; added " + String.join(", ", added));
  }

  private Decision addColumn(Change.AddColumn c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.tableName());
    TableInfo existing = catalog.table(schema, c.tableName());
    if (existing == null || !existing.isTable()) {
      return missingTable(schema, c.tableName(), after, "table " + name + " does not exist, so columns cannot be added to it");
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
      return drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("table " + name + " already has column" + (c.columns().size() == 1 ? " " : "s ") + String.join(", ", c.columns().stream().map(Column::name).toList()));
    }
    return new Decision.Act(sql, "added column" + (added.size() == 1 ? " " : "s ") + String.join(", ", added) + " to " + name);
  }

  private Decision createIndex(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.indexName());
    IndexInfo existing = catalog.index(schema, c.indexName());
    String create = ddl.createIndex(c);
    if (existing == null) {
      TableInfo table = catalog.table(schema, c.tableName());
      if (table == null && after.goneLater(schema, c.tableName())) {
        return new Decision.Skip("table " + qualified(schema, c.tableName()) + " is absent, and a later change drops or renames it");
      }
      Decision gone = columnsGoneLater(schema, c.tableName(), c.columns(), after, "index " + c.indexName());
      if (gone != null) {
        return gone;
      }
      return new Decision.Act(List.of(create), "created index " + name);
    }
    if (!existing.kind().equals("i")) {
      return new Decision.Drift(name + " exists but is not an index (relkind " + existing.kind() + "); the changelog wants: " + create);
    }
    List<String> wantedColumns = c.columns();
    List<String> wantedDescending = c.descending();
    boolean same = c.tableName().equals(existing.table()) && c.unique() == existing.unique() && wantedColumns.equals(existing.columns())
        && wantedDescending.equals(existing.descending());
    if (!same && after.dropIndex(schema, c.indexName())) {
      return new Decision.Skip("index " + name + " exists; a later change drops it and its definition is that change's to check");
    }
    if (!same && touchedLater(schema, c.tableName(), c.columns(), after)) {
      return new Decision.Skip("index " + name + " exists; a later change renames, drops or alters one of its columns, so its definition is that change's to check");
    }
    if (!same) {
      return new Decision.Drift("index " + name + ": the changelog wants " + create + "; the database has " + existing.definition());
    }
    if (!existing.valid()) {
      // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that IF NOT EXISTS would accept.
      String drop = c.concurrently() ? ddl.dropIndexConcurrently(c.schemaName(), c.indexName()) : ddl.dropIndex(c.schemaName(), c.indexName());
      return Decision.rebuild(List.of(drop, create), "invalid index " + name + " dropped and built again");
    }
    return new Decision.Skip("index " + name + " exists with the same definition");
  }

  private Decision addForeignKey(Change.AddForeignKeyConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.baseSchemaName());
    String table = qualified(schema, c.baseTableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.baseTableName());
    if (have == null) {
      return missingTable(schema, c.baseTableName(), after, "table " + table + " does not exist, so foreign key " + c.constraintName() + " cannot be added");
    }
    ConstraintInfo existing = have.stream()
        .filter(k -> k.name().equals(c.constraintName())).findFirst().orElse(null);
    String refSchema = ddl.schema(c.referencedSchemaName());
    if (existing == null && catalog.table(refSchema, c.referencedTableName()) == null && after.goneLater(refSchema, c.referencedTableName())) {
      return new Decision.Skip("foreign key " + c.constraintName() + " on " + table + " is absent, and the table it references, "
          + qualified(refSchema, c.referencedTableName()) + ", is renamed or dropped by a later change");
    }
    if (existing == null) {
      Decision gone = columnsGoneLater(schema, c.baseTableName(), c.baseColumnNames(), after, "foreign key " + c.constraintName());
      return gone != null ? gone : new Decision.Act(List.of(ddl.addForeignKey(c)), "added foreign key " + c.constraintName() + " on " + table);
    }
    String difference = foreignKeyDifference(existing, c.baseColumnNames(), ddl.schema(c.referencedSchemaName()), c.referencedTableName(),
        c.referencedColumnNames(), c.onDelete(), c.onUpdate(), c.deferrable(), c.initiallyDeferred());
    if (difference != null && (after.goneLater(refSchema, c.referencedTableName())
        || touchedLater(schema, c.baseTableName(), c.baseColumnNames(), after))) {
      return new Decision.Skip("foreign key " + c.constraintName() + " on " + table + " exists; a later change renames its table"
          + " or columns, so its definition is that change's to check");
    }
    if (difference != null) {
      return drift("table " + table, List.of(difference));
    }
    return new Decision.Skip("foreign key " + c.constraintName() + " on " + table + " exists with the same definition");
  }

  private Decision addUnique(Change.AddUniqueConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    if (have == null) {
      return missingTable(schema, c.tableName(), after, "table " + table + " does not exist, so a unique constraint cannot be added to it");
    }
    String difference = uniqueDifference(have, c.columnNames(), c.constraintName());
    if (difference != null && touchedLater(schema, c.tableName(), c.columnNames(), after)) {
      return new Decision.Skip("unique constraint " + c.constraintName() + " on " + table
          + " exists; a later change renames, drops or alters one of its columns, so its definition is that change's to check");
    }
    if (difference != null) {
      return drift("table " + table, List.of(difference));
    }
    String label = c.constraintName() == null ? "unique (" + String.join(", ", c.columnNames()) + ")" : "unique constraint " + c.constraintName();
    if (findUnique(have, c.columnNames(), c.constraintName()) != null) {
      return new Decision.Skip(label + " on " + table + " exists with the same columns");
    }
    Decision gone = columnsGoneLater(schema, c.tableName(), c.columnNames(), after, label);
    if (gone != null) {
      return gone;
    }
    return new Decision.Act(List.of(ddl.addUnique(c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())), "added " + label + " on " + table);
  }

  private Decision addPrimaryKey(Change.AddPrimaryKey c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    if (have == null && liquibaseTable(c.tableName())) {
      return new Decision.Skip("table " + table + " is Liquibase's own history table, which migrate does not keep");
    }
    if (have == null) {
      return missingTable(schema, c.tableName(), after, "table " + table + " does not exist, so its primary key cannot be added");
    }
    ConstraintInfo existing = have.stream()
        .filter(k -> k.type().equals("p")).findFirst().orElse(null);
    if (existing == null) {
      Decision gone = columnsGoneLater(schema, c.tableName(), c.columnNames(), after, "primary key");
      return gone != null ? gone
          : new Decision.Act(List.of(ddl.addPrimaryKey(c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())), "added primary key on " + table);
    }
    if (!existing.columns().equals(c.columnNames()) || (c.constraintName() != null && !c.constraintName().equals(existing.name()))) {
      return drift("table " + table, List.of("primary key: the changelog wants " + keyText(c.constraintName(), c.columnNames()) + ", the database has " + existing.name() + " " + existing.definition()));
    }
    return new Decision.Skip("primary key of " + table + " exists with the same columns");
  }

  /**
   * For a key or index that is absent over columns the table lacks: when a later change (raw SQL
   * included) renames or drops those columns, the object is that change's to check, so the step
   * is skipped rather than failing on a column that is gone. Null when the columns are there.
   */
  private Decision columnsGoneLater(String schema, String tableName, List<String> columns, LaterChanges after, String what) {
    TableInfo table = catalog.table(schema, tableName);
    if (table == null) {
      return null;
    }
    List<String> gone = columns.stream()
        .filter(col -> !PgNames.isExpression(col) && table.column(col) == null && after.touchColumn(schema, tableName, col)).toList();
    return gone.isEmpty() ? null : new Decision.Skip(what + " on " + qualified(schema, tableName) + " is absent and its column "
        + String.join(", ", gone) + " is dropped or renamed by a later change");
  }

  private static boolean touchedLater(String schema, String table, List<String> columns, LaterChanges after) {
    return columns.stream().anyMatch(col -> !PgNames.isExpression(col) && after.touchColumn(schema, table, col));
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

  private Decision createSchema(Change.CreateSchema c) {
    if (catalog.schemaExists(c.schemaName())) {
      return new Decision.Skip("schema " + PgNames.quote(c.schemaName()) + " exists");
    }
    return new Decision.Act(List.of(ddl.createSchema(c)), "created schema " + PgNames.quote(c.schemaName()));
  }

  private static ConstraintInfo findUnique(List<ConstraintInfo> have, List<String> columns, String name) {
    return have.stream()
        .filter(k -> k.type().equals("u") && k.columns().equals(columns) && (name == null || name.equals(k.name())))
        .findFirst().orElse(null);
  }

  // A constraint of the wanted name that is not a unique constraint over the wanted columns.
  private static String uniqueDifference(List<ConstraintInfo> have, List<String> columns, String name) {
    if (name == null) {
      return null;
    }
    return have.stream()
        .filter(k -> k.name().equals(name) && !(k.type().equals("u") && k.columns().equals(columns)))
        .findFirst()
        .map(k -> "constraint " + name + ": the changelog wants UNIQUE (" + String.join(", ", columns) + "), the database has " + k.definition())
        .orElse(null);
  }

  private static String foreignKeyDifference(ConstraintInfo k, List<String> columns, String refSchema, String refTable,
      List<String> refColumns, ReferentialAction onDelete, ReferentialAction onUpdate, boolean deferrable, boolean initiallyDeferred) {
    char wantedDelete = (onDelete == null ? ReferentialAction.NO_ACTION : onDelete).catalogCode();
    char wantedUpdate = (onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate).catalogCode();
    boolean same = k.type().equals("f")
        && k.columns().equals(columns)
        && Objects.equals(k.referencedSchema(), refSchema)
        && Objects.equals(k.referencedTable(), refTable)
        && (refColumns.isEmpty() || k.referencedColumns().equals(refColumns))
        && k.onDelete() == wantedDelete
        && k.onUpdate() == wantedUpdate
        && k.deferrable() == deferrable
        && k.initiallyDeferred() == initiallyDeferred;
    if (same) {
      return null;
    }
    String wanted = "FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES " + qualified(refSchema, refTable)
        + "(" + String.join(", ", refColumns) + ")"
        + (onDelete == null ? "" : " ON DELETE " + onDelete.sql())
        + (onUpdate == null ? "" : " ON UPDATE " + onUpdate.sql())
        + (deferrable ? " DEFERRABLE" + (initiallyDeferred ? " INITIALLY DEFERRED" : "") : "");
    return "constraint " + k.name() + ": the changelog wants " + wanted + ", the database has " + k.definition();
  }

  // A missing table that a later change drops or renames anyway (a rerun after the rows were
  // lost) is no difference; any other missing table is.
  private static Decision missingTable(String schema, String table, LaterChanges after, String message) {
    if (after.goneLater(schema, table)) {
      return new Decision.Skip("table " + qualified(schema, table) + " is absent, and a later change drops or renames it");
    }
    return new Decision.Drift(message);
  }

  // Changelogs written for Liquibase sometimes alter its own tables; migrate keeps its own.
  private static boolean liquibaseTable(String table) {
    return table.equalsIgnoreCase("databasechangelog") || table.equalsIgnoreCase("databasechangeloglock");
  }

  private static String keyText(String name, List<String> columns) {
    return (name == null ? "" : name + " ") + "PRIMARY KEY (" + String.join(", ", columns) + ")";
  }

  private static Decision drift(String object, List<String> differences) {
    return new Decision.Drift(object + " differs from the changelog:\n    - " + String.join("\n    - ", differences));
  }
}
