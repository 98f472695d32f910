package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guards for raw SQL: a statement that creates or adds a named object is skipped when the object is
 * already there, so a rerun does not die on "already exists". An ENUM type is compared label by
 * label, like createEnumType; other objects are checked by name only, and the report says so. Every
 * other statement (data changes, grants, functions with OR REPLACE) runs as written.
 */
final class SqlStatementGuards {
  private static final String NAME = SqlName.PATTERN;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern ENUM =
      Pattern.compile("CREATE\\s+TYPE\\s+" + NAME + "\\s+AS\\s+ENUM\\s*\\((.*)\\)\\s*", FLAGS);
  // Any CREATE INDEX, IF NOT EXISTS included: an index's schema is its table's.
  private static final Pattern ANY_INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + "\\s+ON\\s+(?:ONLY\\s+)?"
              + NAME
              + "[\\s(].*",
          FLAGS);
  private static final Pattern ALTER_ON_TABLE =
      Pattern.compile(
          "ALTER\\s+(TRIGGER|POLICY)\\s+" + NAME + "\\s+ON\\s+" + NAME + "\\s.*", FLAGS);
  private static final Pattern ADD_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+"
              + NAME
              + "\\s+ADD\\s+VALUE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?'((?:[^']|'')*)'.*",
          FLAGS);
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?!CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s)"
              + NAME
              + "\\s.*",
          FLAGS);
  private static final Pattern UPDATE =
      Pattern.compile(
          "UPDATE\\s+(?:ONLY\\s+)?" + NAME + "\\s+(?:AS\\s+[\\w$]+\\s+)?SET\\s+(.*)", FLAGS);

  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Guards guards;

  private final SqlObjects objects;
  private final SqlChanges changes;

  SqlStatementGuards(PgCatalog catalog, PgDdl ddl, Guards guards) {
    this.objects = new SqlObjects(catalog, ddl);
    this.changes = new SqlChanges(ddl);
    this.catalog = catalog;
    this.ddl = ddl;
    this.guards = guards;
  }

  /**
   * The decision for one statement, taken right before it runs: skip it (its object is there), run
   * it (possibly after dropping an INVALID index it would take for done), or drift.
   */
  Decision decide(String statement, List<Change> later) {
    String code = SqlName.withoutLeadingComments(statement);
    Change.CreateEnumType labels = enumType(code, ddl);
    if (labels != null) {
      return guards.decide(labels, later);
    }
    Matcher m;
    if ((m = ADD_VALUE.matcher(code)).matches()) {
      // Guarded as addEnumValue is; the statement runs as written (BEFORE or AFTER kept).
      SqlName type = ddl.sqlName(m.group(1));
      Decision decision =
          guards.decide(
              new Change.AddEnumValue(
                  type.schema(), type.name(), m.group(2).replace("''", "'"), null, null),
              later);
      return decision instanceof Decision.Act
          ? new Decision.Act(List.of(statement), "ran")
          : decision;
    }
    String rebuild = invalidIndex(code);
    if (rebuild != null) {
      // A CREATE INDEX CONCURRENTLY that did not finish left an INVALID index, which IF NOT
      // EXISTS would take for done: it is dropped and built again.
      Matcher index = ANY_INDEX.matcher(code);
      index.matches();
      SqlName name = index(index, ddl);
      String drop =
          index.group(1) != null
              ? ddl.dropIndexConcurrently(name.schema(), name.name())
              : ddl.dropIndex(name.schema(), name.name());
      return Decision.rebuild(List.of(drop, statement), rebuild + " dropped and built again");
    }
    LaterChanges after = new LaterChanges(later, ddl);
    String gone = updatesColumnGoneLater(code, after);
    if (gone == null) {
      gone = altersObjectGoneLater(code, after);
    }
    if (gone == null) {
      gone = addsColumnRenamedLater(code, after);
    }
    if (gone != null) {
      return new Decision.Skip(gone);
    }
    // A statement that amounts to a structured change is guarded as that change is (a rename
    // followed through later renames, a default compared by value), and a CREATE TABLE as
    // createTable is; the statement itself runs as written.
    Change structured = changes.asChange(code);
    Decision decision =
        structured != null ? guards.decide(structured, later) : table(statement, later);
    if (decision != null) {
      return decision instanceof Decision.Act
          ? new Decision.Act(List.of(statement), "ran")
          : decision;
    }
    String exists = objects.existing(code);
    return exists == null ? new Decision.Act(List.of(statement), "ran") : new Decision.Skip(exists);
  }

  /**
   * The structured change a raw statement amounts to (see {@link SqlChanges#asChange}), or null.
   */
  Change asChange(String statement) {
    return changes.asChange(SqlName.withoutLeadingComments(statement));
  }

  /**
   * For a CREATE TABLE with a column list: guarded as the createTable of those columns is (the
   * table compared column by column, later changes' columns left to them), the statement run as
   * written when the table is absent; null for another statement.
   */
  Decision table(String statement, List<Change> later) {
    Change.CreateTable wanted = SqlTableColumns.of(statement, ddl.schema(null));
    if (wanted == null) {
      return null;
    }
    Decision decision = guards.decide(wanted, later);
    return decision instanceof Decision.Act
        ? new Decision.Act(List.of(statement), "ran")
        : decision;
  }

  /**
   * For a CREATE INDEX whose index exists but is INVALID (a concurrent build that did not finish),
   * what it is; null when the statement creates no index or the index is absent or valid.
   */
  String invalidIndex(String statement) {
    Matcher m = ANY_INDEX.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    SqlName name = index(m, ddl);
    PgCatalog.IndexInfo info = catalog.index(name.schema(), name.name());
    return info != null && info.kind().equals("i") && !info.valid()
        ? "invalid index " + name
        : null;
  }

  /**
   * The script's side of {@link #invalidIndex}: the DROP, run where an INVALID index of the name a
   * CREATE INDEX gives is there, so the statement builds it again; null for another statement.
   */
  static SqlScript.Part dropInvalid(String code, PgDdl ddl) {
    Matcher m = ANY_INDEX.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName name = index(m, ddl);
    String drop =
        m.group(1) != null
            ? ddl.dropIndexConcurrently(name.schema(), name.name())
            : ddl.dropIndex(name.schema(), name.name());
    return new SqlScript.Part(drop, null, CatalogQuestion.invalidIndex(name).negated());
  }

  /** The createEnumType a CREATE TYPE … AS ENUM amounts to, or null for another statement. */
  static Change.CreateEnumType enumType(String code, PgDdl ddl) {
    Matcher m = ENUM.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName type = ddl.sqlName(m.group(1));
    return new Change.CreateEnumType(type.schema(), type.name(), SqlName.labels(m.group(2)));
  }

  /** Whether a statement is a CREATE TYPE … AS ENUM, whose labels are compared. */
  static boolean createsEnum(String statement) {
    return ENUM.matcher(SqlName.withoutLeadingComments(statement)).matches();
  }

  /** Whether a statement builds an index concurrently, which can leave it INVALID. */
  static boolean buildsConcurrently(String statement) {
    Matcher m = ANY_INDEX.matcher(SqlName.withoutLeadingComments(statement));
    return m.matches() && m.group(1) != null;
  }

  private static SqlName index(Matcher anyIndex, PgDdl ddl) {
    return new SqlName(
        ddl.sqlName(anyIndex.group(3)).schema(), ddl.sqlName(anyIndex.group(2)).name());
  }

  /**
   * An UPDATE that sets a column the table lacks, where a later change renames or drops that
   * column: the rows it filled have moved on with that change (a rerun after lost history), so the
   * statement is that change's to account for. Null otherwise.
   */
  private String updatesColumnGoneLater(String code, LaterChanges after) {
    Matcher m = UPDATE.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    for (String assignment :
        SqlForms.topLevel(m.group(2).replaceFirst("(?is)\\s(FROM|WHERE|RETURNING)\\s.*$", ""))) {
      int eq = assignment.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String column = ddl.sqlName(assignment.substring(0, eq).strip()).name();
      if (info.column(column) == null
          && after.columns().touchColumn(table.schema(), table.name(), column)) {
        return "column "
            + column
            + " of "
            + table
            + " that it sets is renamed or dropped by a later change";
      }
    }
    return null;
  }

  /**
   * An ALTER TABLE … ADD COLUMN of a column the table lacks under that name but has under the name
   * a later change renames it to: a rerun after lost history, where adding it would make a second
   * column that the rename then meets. Null otherwise.
   */
  private String addsColumnRenamedLater(String code, LaterChanges after) {
    Matcher m = ADD_COLUMN.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    String column = ddl.sqlName(m.group(2)).name();
    TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null || info.column(column) != null) {
      return null;
    }
    String renamed = after.columns().columnRenamedTo(table.schema(), table.name(), column);
    // A column of the new name that a later change drops or renames away may be the old one,
    // still to go: then the name in place proves nothing, and the column is added.
    return renamed != null
            && info.column(renamed) != null
            && !after.columns().renamesOrDropsColumn(table.schema(), table.name(), renamed)
        ? "column " + column + " of " + table + " is there as " + renamed + ", renamed later"
        : null;
  }

  // ALTER TRIGGER / POLICY of one that is absent, where later raw SQL drops or remakes it: the
  // history was lost and the later change has run already.
  private String altersObjectGoneLater(String code, LaterChanges after) {
    Matcher m = ALTER_ON_TABLE.matcher(code);
    if (!m.matches()) {
      return null;
    }
    String kind = m.group(1).toLowerCase(Locale.ROOT);
    String object = ddl.sqlName(m.group(2)).name();
    SqlName table = ddl.sqlName(m.group(3));
    // The later changes first: they are in memory, the catalog is a round trip.
    return after.redefinedBySql(kind, object)
            && !catalog.holds(CatalogQuestion.onTable(kind, object, table))
        ? kind
            + " "
            + object
            + " on "
            + table
            + " is absent, and a later change drops or makes it again"
        : null;
  }
}
