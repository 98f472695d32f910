package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.SqlSplitter;
import dev.migrate.plan.RestOfStep;
import java.util.ArrayList;
import java.util.List;
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
  // Statements that write only what no guard reads: comments and privileges.
  private static final Pattern UNREAD =
      Pattern.compile("(?:COMMENT\\s+ON|GRANT|REVOKE)\\s.*", FLAGS);
  private static final Pattern ENUM =
      Pattern.compile("CREATE\\s+TYPE\\s+" + NAME + "\\s+AS\\s+ENUM\\s*\\((.*)\\)\\s*", FLAGS);
  // Any CREATE INDEX, IF NOT EXISTS included: an index's schema is its table's.
  private static final Pattern ANY_INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + SqlForms.MADE_NAME
              + "\\s+ON\\s+(?:ONLY\\s+)?"
              + NAME
              + "[\\s(].*",
          FLAGS);
  private static final Pattern ADD_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+"
              + NAME
              + "\\s+ADD\\s+VALUE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?'((?:[^']++|'')*)'.*",
          FLAGS);
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
    return decide(statement, later, (s, l) -> null);
  }

  /** The same, a statement {@code kept} gives a reason for skipped first (see {@link Kept}). */
  Decision decide(String statement, List<Change> later, Kept kept) {
    String why = kept.reason(statement, later);
    if (why != null) {
      return new Decision.Skip(why);
    }
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
    for (LostHistory.Skip skip : LostHistory.of(code, after, ddl)) {
      if (catalog.holds(skip.when())) {
        return new Decision.Skip(skip.reason());
      }
    }
    AlterActions actions = AlterActions.of(code);
    if (actions != null) {
      // Several actions, ADD COLUMNs among them: found in part, only the missing ones can run.
      return byAction(actions, statement, later, kept);
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
   * An ALTER TABLE of several actions, each decided as the statement of that action alone, the
   * actions after it counting as later changes: skipped when every action is done, run as written
   * when none is, and otherwise run with only the actions that are not (see {@link AlterActions}).
   */
  private Decision byAction(AlterActions actions, String statement, List<Change> later, Kept kept) {
    List<String> alone = actions.alone();
    boolean[] runs = new boolean[alone.size()];
    List<String> done = new ArrayList<>();
    for (int i = 0; i < alone.size(); i++) {
      if (actions.followsRunning(i, runs)) {
        runs[i] = true;
        continue;
      }
      Decision decision = decide(alone.get(i), new RestOfStep(alone, i, later), kept);
      if (decision instanceof Decision.Drift) {
        return decision;
      }
      runs[i] = decision instanceof Decision.Act;
      if (decision instanceof Decision.Skip skip) {
        done.add(skip.reason());
      }
    }
    if (done.isEmpty()) {
      return new Decision.Act(List.of(statement), "ran");
    }
    if (done.size() == alone.size()) {
      return new Decision.Skip(String.join("; ", done));
    }
    return Decision.adjust(
        List.of(actions.only(runs)),
        "ran "
            + (alone.size() - done.size())
            + " of "
            + alone.size()
            + " actions of "
            + actions.head()
            + ", the rest done: "
            + String.join("; ", done));
  }

  /** What a followed raw statement may change: the names it writes, and the table it makes. */
  record Followed(java.util.Set<String> names, SqlName made) {}

  /**
   * For raw statements each of a form whose every effect is on objects it names, or that PostgreSQL
   * names after them (a key's index, a column's sequence, a type's array type): a CREATE TYPE … AS
   * ENUM, a CREATE TABLE with its column list ({@link SqlTableColumns}), a CREATE INDEX with its
   * name, ALTER TABLE … ADD COLUMN, or ADD CONSTRAINT alone; or that writes only what no guard
   * reads (COMMENT ON, GRANT, REVOKE), which changes none of its names: what they may change. (A
   * CASCADE in these is a key's action, run on rows later.) Null when any is another statement, or
   * a text of more than one: the catalog cannot follow it.
   */
  Followed followed(List<String> statements) {
    java.util.Set<String> names = new java.util.HashSet<>();
    SqlName made = null;
    for (String statement : statements) {
      Followed one = followed(statement);
      if (one == null) {
        return null;
      }
      names.addAll(one.names());
      made = one.made() != null ? one.made() : made;
    }
    return new Followed(names, made);
  }

  private Followed followed(String statement) {
    String code = SqlName.withoutLeadingComments(statement).strip();
    if (SqlSplitter.serverStatements(code).size() != 1) {
      return null;
    }
    if (UNREAD.matcher(code).matches()) {
      return new Followed(java.util.Set.of(), null); // what it writes, no question reads
    }
    Change.CreateTable table = SqlTableColumns.of(code, ddl.sqlSchema());
    Matcher index = ANY_INDEX.matcher(code);
    boolean followed =
        table != null
            || enumType(code, ddl) != null
            || (index.matches() && index.group(1) == null)
            || SqlTableColumns.added(code, ddl.sqlSchema()) != null
            || (SqlForms.oneAction(code) && SqlForms.ADD_CONSTRAINT.matcher(code).matches());
    return followed
        ? new Followed(
            LaterNames.words(code),
            table == null ? null : new SqlName(ddl.schema(table.schemaName()), table.tableName()))
        : null;
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
    Change.CreateTable wanted = SqlTableColumns.of(statement, ddl.sqlSchema());
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
}
