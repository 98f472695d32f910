package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * addLookupTable, in Liquibase's four steps on PostgreSQL: the new table made from the distinct
 * non-null values of the existing column ({@code CREATE TABLE … AS SELECT DISTINCT}), its column
 * made NOT NULL, its primary key, and the foreign key from the existing column to it. Where the new
 * table is there, the last three are asked as addNotNullConstraint, addPrimaryKey and
 * addForeignKeyConstraint ask them, so one cut short is finished and one done is skipped.
 */
final class LookupGuards extends Family {
  private Families families;
  // The family whose addNotNullConstraint writes the NOT NULL statement, for the table made here.
  private final ColumnPropertyGuards columns;

  LookupGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.columns = new ColumnPropertyGuards(catalog, ddl);
  }

  @Override
  void register(Families families) {
    this.families = families;
    families.on(
        Change.AddLookupTable.class, (c, after, excuse) -> lookup(c, after, excuse), this::script);
  }

  private Decision lookup(Change.AddLookupTable c, LaterChanges after, Decision.Excuse excuse) {
    String schema = ddl.schema(c.newTableSchemaName());
    TableInfo made = catalog.table(schema, c.newTableName());
    String table = name(c.newTableSchemaName(), c.newTableName());
    if (made == null) {
      Decision renamed = renamedLater("table", c.newTableSchemaName(), c.newTableName(), after);
      return renamed != null ? renamed : make(c, after);
    }
    if (!made.isTable()) {
      return Guards.drift(
          "table " + table,
          List.of(
              "it is not a table (relkind "
                  + made.kind()
                  + "); the changelog makes a lookup table"));
    }
    if (made.column(c.newColumnName()) == null) {
      Decision gone =
          Guards.columnsGoneLater(
              catalog,
              schema,
              c.newTableName(),
              List.of(c.newColumnName()),
              after,
              "lookup table " + table);
      return gone != null
          ? gone
          : Guards.drift(
              "table " + table,
              List.of(
                  "column "
                      + c.newColumnName()
                      + " is absent; the changelog makes it a lookup table"));
    }
    // The rest is asked as the change types that make each part ask it.
    List<String> sql = new ArrayList<>();
    List<String> done = new ArrayList<>();
    List<Change> acted = new ArrayList<>();
    for (Change part : List.of(c.notNull(), c.primaryKey(), c.foreignKey())) {
      Decision d = families.decide(part, after, excuse);
      if (d instanceof Decision.Drift) {
        return d;
      }
      if (d instanceof Decision.Act a) {
        sql.addAll(a.sql());
        done.add(a.summary());
        acted.add(part);
      }
    }
    if (sql.isEmpty()) {
      return new Decision.Skip(
          "lookup table " + table + " of " + source(c) + " is there with its keys");
    }
    String summary =
        "finished lookup table " + table + " of " + source(c) + ": " + String.join("; ", done);
    // Only the foreign key, on a table this run made: nothing that was there is changed.
    boolean onNewTable =
        acted.size() == 1
            && acted.get(0) instanceof Change.AddForeignKeyConstraint
            && catalog.lacks(
                ddl.schema(c.existingTableSchemaName()),
                c.existingTableName(),
                List.of(c.foreignKey().constraintName()));
    return onNewTable ? new Decision.Act(sql, summary) : Decision.adjust(sql, summary);
  }

  // The new table absent: the existing column must be there to read, unless a later change
  // drops or renames it (a rerun after lost history).
  private Decision make(Change.AddLookupTable c, LaterChanges after) {
    String schema = ddl.schema(c.existingTableSchemaName());
    TableInfo from = catalog.table(schema, c.existingTableName());
    if (from == null) {
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
          "table "
              + name(c.existingTableSchemaName(), c.existingTableName())
              + " does not exist, so lookup table "
              + c.newTableName()
              + " cannot be made from it");
    }
    if (from.column(c.existingColumnName()) == null) {
      Decision gone =
          Guards.columnsGoneLater(
              catalog,
              schema,
              c.existingTableName(),
              List.of(c.existingColumnName()),
              after,
              "lookup table " + c.newTableName());
      return gone != null
          ? gone
          : Guards.drift(
              "table " + name(c.existingTableSchemaName(), c.existingTableName()),
              List.of(
                  "column "
                      + c.existingColumnName()
                      + " is absent, so lookup table "
                      + c.newTableName()
                      + " cannot be made from it"));
    }
    return new Decision.Act(
        statements(c),
        "made lookup table " + name(c.newTableSchemaName(), c.newTableName()) + " of " + source(c));
  }

  // The script makes the table where upgrade would, then asks of the rest what upgrade asks.
  private List<String> script(Change.AddLookupTable c, LaterChanges after) {
    List<String> lines = new ArrayList<>();
    lines.addAll(
        when(absent(c.newTableSchemaName(), c.newTableName(), after), List.of(createAs(c))));
    for (Change part : List.of(c.notNull(), c.primaryKey(), c.foreignKey())) {
      lines.addAll(families.script(part, after));
    }
    return lines;
  }

  /** The four statements, as Liquibase writes them for PostgreSQL. */
  private List<String> statements(Change.AddLookupTable c) {
    Change.AddPrimaryKey key = c.primaryKey();
    List<String> sql = new ArrayList<>();
    sql.add(createAs(c));
    sql.addAll(columns.addNotNull(c.notNull()));
    sql.add(ddl.addPrimaryKey(key.schemaName(), key.tableName(), key.columnNames(), null, null));
    sql.add(ForeignKeyGuards.addForeignKey(ddl, c.foreignKey()));
    return sql;
  }

  private String createAs(Change.AddLookupTable c) {
    String column = quote(c.existingColumnName());
    return "CREATE TABLE "
        + name(c.newTableSchemaName(), c.newTableName())
        + " AS SELECT DISTINCT "
        + column
        + " AS "
        + quote(c.newColumnName())
        + " FROM "
        + name(c.existingTableSchemaName(), c.existingTableName())
        + " WHERE "
        + column
        + " IS NOT NULL";
  }

  private String source(Change.AddLookupTable c) {
    return name(c.existingTableSchemaName(), c.existingTableName()) + "." + c.existingColumnName();
  }
}
