package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw-SQL side of {@link Superseded}: a statement whose name a later change takes over, or an
 * unnamed index or constraint that is there already, must not run again on a rerun over a database
 * ahead of its revision rows.
 */
final class SupersededSql {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Superseded structured;

  SupersededSql(PgCatalog catalog, PgDdl ddl, Superseded structured) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.structured = structured;
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
  String keptForLater(String statement, List<Change> later) {
    String code = SqlName.withoutLeadingComments(statement);
    LaterChanges after = new LaterChanges(later, ddl);
    Matcher m = RENAME_TABLE.matcher(code);
    if (m.matches()) {
      SqlName from = SqlName.of(m.group(1), ddl.sqlSchema());
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
      SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
      if (after.makesTable(table.schema(), table.name())
          && catalog.table(table.schema(), table.name()) != null) {
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
      Change.AddColumn added = SqlTableColumns.added(code, ddl.sqlSchema());
      return added == null ? null : structured.droppedSince(added, later);
    }
    m = DROP_TYPE.matcher(code);
    if (m.matches()) {
      SqlName type = SqlName.of(m.group(1), ddl.sqlSchema());
      return after.makesType(type.schema(), type.name())
              && catalog.type(type.schema(), type.name()) != null
          ? "type "
              + type
              + " is there, and a later change makes a type of that name: it is taken for that"
              + " change's, and kept"
          : null;
    }
    m = CREATE_TABLE.matcher(code);
    if (m.matches()) {
      SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
      String dropped = structured.droppedSince(table.schema(), table.name(), after);
      if (dropped != null) {
        return dropped;
      }
    }
    // A relation (table, view, sequence, index) absent, and there under the name a later change
    // renames it to: it is there under that name.
    SqlRemakes.Made made = SqlRemakes.made(code, ddl.sqlSchema());
    if (made == null || !made.kind().equals("relation")) {
      return null;
    }
    SqlName relation = made.name();
    String renamed = after.relationRenamedTo(relation.schema(), relation.name());
    return renamed != null
            && !catalog.relationExists(relation.schema(), relation.name())
            && catalog.relationExists(relation.schema(), renamed)
        ? relation + " is there as " + renamed + ", which a later change renames it to"
        : null;
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
    SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
    String column = SqlName.of(m.group(3), "").name();
    // What later changes do is read first, and the catalog asked only when it matters: about a
    // table this run touched, only the server can answer.
    boolean add = m.group(2).regionMatches(true, 0, "ADD", 0, 3);
    String renamed =
        add ? after.columns().columnRenamedTo(table.schema(), table.name(), column) : null;
    if (add
        ? renamed == null
        : !after.columns().namesColumn(table.schema(), table.name(), column)) {
      return null;
    }
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    if (add) {
      return info.column(column) == null && info.column(renamed) != null
          ? "column " + column + " of " + table + " is there as " + renamed + ", renamed later"
          : null;
    }
    return info.column(column) != null
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
   * For an index or constraint made without a name (CREATE INDEX ON t …, ALTER TABLE t ADD UNIQUE
   * …), asked in the same state: why it must not run, when the table already has one of the same
   * definition. PostgreSQL would otherwise make a second one under the next free name (…_key1). The
   * statement is run in a savepoint that is rolled back, and what it adds is compared, as
   * PostgreSQL prints it without its name, with what the table had. A table has one primary key, so
   * PostgreSQL refuses a second: an unnamed primary key is run after the one there is dropped, and
   * is the same when the table's definitions come out as they were. Null otherwise.
   */
  String sameUnnamed(String statement) {
    String code = SqlName.withoutLeadingComments(statement);
    SqlName table = UnnamedObjects.table(code, ddl);
    if (table == null || !catalog.relationExists(table.schema(), table.name())) {
      return null;
    }
    String read = UnnamedObjects.definitions(table);
    List<String> before = lines(catalog.text(read));
    List<String> probe = new java.util.ArrayList<>();
    String key = UnnamedObjects.primaryKey(code) ? primaryKey(table) : null;
    if (key != null) {
      probe.add(
          "ALTER TABLE "
              + PgNames.qualified(table.schema(), table.name())
              + " DROP CONSTRAINT "
              + PgNames.quote(key)
              + " CASCADE");
    }
    probe.add(UnnamedObjects.tried(code));
    List<String> after;
    try {
      after = lines(catalog.probe(probe, read));
    } catch (RuntimeException e) {
      return null; // it cannot be made here: it runs, and its own error stands
    }
    if (key != null) {
      return before.stream().sorted().toList().equals(after.stream().sorted().toList())
          ? "table " + table + " already has a primary key of the same definition"
          : null;
    }
    List<String> added = new java.util.ArrayList<>(after);
    before.forEach(added::remove);
    return !added.isEmpty() && before.containsAll(added)
        ? "table " + table + " already has an index or constraint of the same definition"
        : null;
  }

  // The name of the table's primary key, or null.
  private String primaryKey(SqlName table) {
    List<PgCatalog.ConstraintInfo> have = catalog.constraints(table.schema(), table.name());
    return have == null
        ? null
        : have.stream()
            .filter(k -> k.type().equals("p"))
            .map(PgCatalog.ConstraintInfo::name)
            .findFirst()
            .orElse(null);
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : List.of(text.split("\n"));
  }

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
