package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rerun over a database ahead of its revision rows (see {@link Replay}) must leave alone
 * because a later change superseded it: a table, column, index, sequence, type or constraint whose
 * name a later change gives to a new object is taken for that later one, and what a later change
 * dropped stays dropped. An index or constraint made without a name is not made a second time.
 */
public final class Superseded {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  Superseded(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * For raw SQL asked when this run has found the database ahead of its revision rows (a rerun
   * after lost history): why the statement must not run, when the name it works on is already taken
   * by what a later change makes. A statement on a table (DROP, ALTER, CREATE INDEX ON, a write)
   * that a later change makes again (CREATE TABLE, or a rename onto its name) was meant for the
   * earlier table of that name, and would drop, move or change the later one and its rows; a CREATE
   * TABLE of a table that a later change drops, or renames to a name that is there, would bring
   * back what is gone; a rename of what is absent under both names has nothing to rename. Null
   * otherwise.
   */
  public String keptForLater(String statement, List<Change> later) {
    String code = SqlName.withoutLeadingComments(statement);
    LaterChanges after = new LaterChanges(later, ddl);
    Matcher m = RENAME_TABLE.matcher(code);
    if (m.matches()) {
      SqlName from = SqlName.of(m.group(1), ddl.schema(null));
      String to = SqlName.of(m.group(2), "").name();
      if (!catalog.relationExists(from.schema(), from.name())
          && !catalog.relationExists(from.schema(), to)) {
        return from
            + " is absent under both its names ("
            + to
            + " being the new one): it was renamed and removed since";
      }
    }
    m = ON_TABLE.matcher(code);
    if (m.matches()) {
      SqlName table = SqlName.of(m.group(1), ddl.schema(null));
      if (catalog.table(table.schema(), table.name()) != null
          && after.makesTable(table.schema(), table.name())) {
        return "table "
            + table
            + " is there, and a later change makes a table of that name: it is taken for that"
            + " change's, and this statement, meant for the earlier table, does not touch it";
      }
      String column = keptColumn(code, after);
      if (column != null) {
        return column;
      }
      // ADD COLUMN of columns that are absent, which a later change drops: as for addColumn.
      Change.AddColumn added = SqlTableColumns.added(code, ddl.schema(null));
      return added == null ? null : droppedSince(added, later);
    }
    m = DROP_TYPE.matcher(code);
    if (m.matches()) {
      SqlName type = SqlName.of(m.group(1), ddl.schema(null));
      return catalog.type(type.schema(), type.name()) != null
              && after.makesType(type.schema(), type.name())
          ? "type "
              + type
              + " is there, and a later change makes a type of that name: it is taken for that"
              + " change's, and kept"
          : null;
    }
    m = CREATE_TABLE.matcher(code);
    if (m.matches()) {
      SqlName table = SqlName.of(m.group(1), ddl.schema(null));
      String dropped = droppedSince(table.schema(), table.name(), after);
      if (dropped != null) {
        return dropped;
      }
      String renamed = after.relationRenamedTo(table.schema(), table.name());
      return catalog.table(table.schema(), table.name()) == null
              && renamed != null
              && catalog.table(table.schema(), renamed) != null
          ? "table " + table + " is there as " + renamed + ", which a later change renames it to"
          : null;
    }
    return null;
  }

  /**
   * The same rule for one column, for an ALTER TABLE of one action: an ADD COLUMN of a column that
   * is absent, which a later change renames to a name that is there (it is there under that name);
   * a DROP COLUMN or ALTER COLUMN … TYPE of a column that is there, whose name a later change gives
   * to a column again (add, or rename onto it): the column in place is that later one.
   */
  private String keptColumn(String code, LaterChanges after) {
    Matcher m = COLUMN_ACTION.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName table = SqlName.of(m.group(1), ddl.schema(null));
    String column = SqlName.of(m.group(3), "").name();
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    if (m.group(2).regionMatches(true, 0, "ADD", 0, 3)) {
      String renamed = after.columnRenamedTo(table.schema(), table.name(), column);
      return info.column(column) == null && renamed != null && info.column(renamed) != null
          ? "column " + column + " of " + table + " is there as " + renamed + ", renamed later"
          : null;
    }
    return info.column(column) != null && after.namesColumn(table.schema(), table.name(), column)
        ? "column "
            + column
            + " of "
            + table
            + " is there, and a later change gives that name to a column again: it is taken for"
            + " that change's, and kept"
        : null;
  }

  private static final Pattern DROP_TYPE =
      Pattern.compile(
          "DROP\\s+(?:TYPE|DOMAIN)\\s+(?:IF\\s+EXISTS\\s+)?"
              + SqlName.PATTERN
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern COLUMN_ACTION =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+(ADD|DROP|ALTER)\\s+(?:COLUMN\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
              + "(?!CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s|EXCLUDE\\s)"
              + SqlName.PATTERN
              + "(?:\\s[^,]*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The same rule for the structured drops: dropTable, dropColumn, dropIndex, dropSequence,
   * dropEnumType and the constraint drops, of an object that is there and whose name a later change
   * gives to an object of its kind again; and for a createTable of a table that is there and that a
   * later change drops. The object in place is that later one. Null otherwise.
   */
  public String keptForLater(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    String object = null;
    if (change instanceof Change.CreateTable c) {
      // The table in place is the one a later change makes after dropping this one, unless it has
      // this one's columns.
      String schema = ddl.schema(c.schemaName());
      PgCatalog.TableInfo info = catalog.table(schema, c.tableName());
      return info != null && after.dropTable(schema, c.tableName()) && !sameNames(info, c.columns())
          ? "table "
              + PgNames.qualified(schema, c.tableName())
              + " is there with other columns, and a later change drops it: the one in place is"
              + " taken for a later change's"
          : null;
    } else if (change instanceof Change.DropTable d) {
      // Where the later createTable is known, the table in place must have its columns.
      String schema = ddl.schema(d.schemaName());
      PgCatalog.TableInfo info = catalog.table(schema, d.tableName());
      Change.CreateTable remade = after.createdLater(schema, d.tableName());
      object =
          info != null
                  && after.makesTable(schema, d.tableName())
                  && (remade == null || sameNames(info, remade.columns()))
              ? "table " + PgNames.qualified(schema, d.tableName())
              : null;
    } else if (change instanceof Change.DropColumn d && d.columnNames().size() == 1) {
      // Where the later addColumn is known, the column in place must be as it makes it.
      String schema = ddl.schema(d.schemaName());
      String column = d.columnNames().get(0);
      PgCatalog.TableInfo info = catalog.table(schema, d.tableName());
      PgCatalog.ColumnInfo have = info == null ? null : info.column(column);
      dev.migrate.model.Column added = after.addedLater(schema, d.tableName(), column);
      object =
          have != null
                  && after.namesColumn(schema, d.tableName(), column)
                  && (added == null
                      || TableShape.difference(added, have, false, ddl, catalog) == null)
              ? "column " + column + " of " + PgNames.qualified(schema, d.tableName())
              : null;
    } else if (change instanceof Change.DropIndex d) {
      String schema = ddl.schema(d.schemaName());
      object =
          catalog.relationExists(schema, d.indexName()) && after.makesIndex(schema, d.indexName())
              ? "index " + PgNames.qualified(schema, d.indexName())
              : null;
    } else if (change instanceof Change.DropSequence d) {
      String schema = ddl.schema(d.schemaName());
      object =
          catalog.relationExists(schema, d.sequenceName())
                  && after.makesSequence(schema, d.sequenceName())
              ? "sequence " + PgNames.qualified(schema, d.sequenceName())
              : null;
    } else if (change instanceof Change.AddDefaultValue d) {
      // The default a later change sets or drops again is that change's to check: setting this
      // one first would only make the later step run, and print the value as the column's type
      // is now rather than as it was.
      String schema = ddl.schema(d.schemaName());
      return after.setsDefault(schema, d.tableName(), d.columnName())
          ? "a later change sets the default of "
              + d.columnName()
              + " of "
              + PgNames.qualified(schema, d.tableName())
              + " again: it is that change's to check"
          : null;
    } else if (change instanceof Change.DropEnumType d) {
      String schema = ddl.schema(d.schemaName());
      object =
          catalog.type(schema, d.typeName()) != null && after.makesType(schema, d.typeName())
              ? "type " + PgNames.qualified(schema, d.typeName())
              : null;
    } else {
      String[] key =
          change instanceof Change.DropUniqueConstraint d
              ? new String[] {d.schemaName(), d.tableName(), d.constraintName()}
              : change instanceof Change.DropForeignKeyConstraint d
                  ? new String[] {d.baseSchemaName(), d.baseTableName(), d.constraintName()}
                  : change instanceof Change.DropPrimaryKey d
                      ? new String[] {d.schemaName(), d.tableName(), d.constraintName()}
                      : null;
      if (key != null && key[2] != null) {
        String table = PgNames.qualified(ddl.schema(key[0]), key[1]);
        boolean there = catalog.constraintExists(table, key[2]);
        object =
            there && after.makesConstraint(key[2]) ? "constraint " + key[2] + " on " + table : null;
      }
    }
    return object == null
        ? null
        : object
            + " is there, and a later change makes it again: it is taken for that change's, and"
            + " kept";
  }

  // Whether the table has exactly the columns of these names.
  private static boolean sameNames(
      PgCatalog.TableInfo info, List<dev.migrate.model.Column> columns) {
    return info.columns().size() == columns.size()
        && columns.stream().allMatch(c -> info.column(c.name()) != null);
  }

  /**
   * For a createTable (or addColumn) asked in the same state: why it must not run, when the table
   * (every column) is absent and a later change drops it. It was made and dropped since; making it
   * again would bring back a table that later steps then fill as if it were new. Null otherwise.
   */
  public String droppedSince(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.AddColumn c) {
      // Every column it adds is absent, and a later change drops it: added and dropped since.
      String schema = ddl.schema(c.schemaName());
      PgCatalog.TableInfo info = catalog.table(schema, c.tableName());
      boolean gone =
          info != null
              && c.columns().stream()
                  .allMatch(
                      col -> {
                        // Under the name later renames give it, if any.
                        String renamed = after.columnRenamedTo(schema, c.tableName(), col.name());
                        String last = renamed == null ? col.name() : renamed;
                        return info.column(col.name()) == null
                            && info.column(last) == null
                            && (after.dropsColumn(schema, c.tableName(), col.name())
                                || after.dropsColumn(schema, c.tableName(), last));
                      });
      return gone
          ? "column"
              + (c.columns().size() == 1 ? " " : "s ")
              + String.join(", ", c.columns().stream().map(dev.migrate.model.Column::name).toList())
              + " of "
              + PgNames.qualified(schema, c.tableName())
              + " absent, and a later change drops "
              + (c.columns().size() == 1 ? "it" : "them")
              + ": added and dropped since"
          : null;
    }
    return change instanceof Change.CreateTable c
        ? droppedSince(ddl.schema(c.schemaName()), c.tableName(), after)
        : null;
  }

  private String droppedSince(String schema, String table, LaterChanges after) {
    return catalog.table(schema, table) == null && after.dropTable(schema, table)
        ? "table "
            + PgNames.qualified(schema, table)
            + " is absent, and a later change drops it: it was made and dropped since"
        : null;
  }

  /**
   * For an index or constraint made without a name (CREATE INDEX ON t …, ALTER TABLE t ADD UNIQUE
   * …), asked in the same state: why it must not run, when the table already has one of the same
   * definition. PostgreSQL would otherwise make a second one under the next free name (…_key1). The
   * statement is run in a savepoint that is rolled back, and what it adds is compared, as
   * PostgreSQL prints it without its name, with what the table had. Null otherwise.
   */
  public String sameUnnamed(String statement) {
    String code = SqlName.withoutLeadingComments(statement);
    Matcher m = UNNAMED_INDEX.matcher(code);
    if (!m.matches()) {
      m = UNNAMED_CONSTRAINT.matcher(code);
      if (!m.matches()) {
        return null;
      }
    }
    SqlName table = SqlName.of(m.group(1), ddl.schema(null));
    if (!catalog.relationExists(table.schema(), table.name())) {
      return null;
    }
    String oid = "to_regclass(" + PgNames.literal(table.toString()) + ")";
    String read =
        "SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
            + "SELECT regexp_replace(pg_catalog.pg_get_indexdef(x.indexrelid),"
            + " '^CREATE (UNIQUE )?INDEX \\S+ ON ', 'CREATE \\1INDEX ON ') AS d"
            + " FROM pg_catalog.pg_index x WHERE x.indrelid = "
            + oid
            + " UNION ALL SELECT c.contype::text || ' ' || pg_catalog.pg_get_constraintdef(c.oid)"
            + " FROM pg_catalog.pg_constraint c WHERE c.contype <> 'n' AND c.conrelid = "
            + oid
            + ") AS defs";
    List<String> before = lines(catalog.text(read));
    List<String> after;
    try {
      after =
          lines(catalog.probe(List.of(code.replaceFirst("(?i)\\s+CONCURRENTLY\\s+", " ")), read));
    } catch (RuntimeException e) {
      return null; // it cannot be made here: it runs, and its own error stands
    }
    List<String> added = new java.util.ArrayList<>(after);
    before.forEach(added::remove);
    return !added.isEmpty() && before.containsAll(added)
        ? "table " + table + " already has an index or constraint of the same definition"
        : null;
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : List.of(text.split("\n"));
  }

  private static final Pattern UNNAMED_INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?ON\\s+(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "[\\s(].*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern UNNAMED_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+ADD\\s+(?:UNIQUE|PRIMARY\\s+KEY|CHECK|FOREIGN\\s+KEY|EXCLUDE)[\\s(].*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern RENAME_TABLE =
      Pattern.compile(
          "ALTER\\s+(?:TABLE|INDEX|SEQUENCE|VIEW|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+EXISTS\\s+)?"
              + SqlName.PATTERN
              + "\\s+RENAME\\s+TO\\s+"
              + SqlName.PATTERN
              + "\\s*;?\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // Statements on one table: DROP TABLE, any ALTER TABLE, CREATE INDEX … ON, and writes.
  private static final Pattern ON_TABLE =
      Pattern.compile(
          "(?:DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?=[^,]*$)"
              + "|ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + "|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?:\\S+\\s+)?ON\\s+(?:ONLY\\s+)?"
              + "|UPDATE\\s+(?:ONLY\\s+)?|DELETE\\s+FROM\\s+(?:ONLY\\s+)?|INSERT\\s+INTO\\s+)"
              + SqlName.PATTERN
              + "([\\s(;].*)?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?!IF\\s)" + SqlName.PATTERN + "[\\s(].*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
}
