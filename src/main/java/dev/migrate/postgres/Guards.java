package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Verb;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides, for each structured step, whether the database already has what it wants (skip), lacks
 * it (act), or has something different of the same name (drift). {@link PgCatalog} asks, this class
 * decides, {@link PgDdl} writes the SQL.
 */
public final class Guards {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final SqlStatementGuards statements;
  private final Families families;
  private final StatementExcuses excuses;
  private final RemadeInPlace remakes;
  private final Replay replay;
  private final Superseded superseded;
  private final LaterRemoval removal;
  private final Checks checks;

  public Guards(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.statements = new SqlStatementGuards(catalog, ddl, this);
    this.families = new Families(catalog, ddl);
    this.excuses = new StatementExcuses(catalog, ddl);
    this.remakes = new RemadeInPlace(catalog, ddl);
    this.replay = new Replay(catalog, ddl, excuses);
    this.superseded = new Superseded(catalog, ddl);
    this.removal = new LaterRemoval(catalog, ddl);
    this.checks = new Checks(catalog, ddl, this, statements);
  }

  /** What {@code check} asks of each step and statement. */
  public Checks checks() {
    return checks;
  }

  /**
   * After a statement ran: when it built an index concurrently and left it INVALID (IF NOT EXISTS
   * met an unfinished build, or the build was cut short), what is wrong; else null. The changeset
   * must then not be recorded.
   */
  public String invalidAfter(String statement) {
    return SqlStatementGuards.buildsConcurrently(statement)
        ? statements.invalidIndex(statement)
        : null;
  }

  /**
   * The guard of one raw-SQL statement, asked right before that statement runs, so that what an
   * earlier statement of the same step dropped or created is what this guard sees.
   */
  public Decision decideStatement(String statement, List<Change> later, Kept kept) {
    Decision decision = statements.decide(statement, later, kept);
    return decision instanceof Decision.Act act
        ? new Decision.Act(
            act.sql(), act.summary(), excuse(new LaterChanges(later, ddl)), act.effect())
        : decision;
  }

  /**
   * The last statement at or after {@code from} that makes again an object statement {@code drop}
   * drops (see {@link SqlRemakes}); -1 when none does.
   */
  public int remadeAt(List<String> statements, int drop, int from) {
    return SqlRemakes.remadeAt(statements, drop, from, ddl.sqlSchema(), true);
  }

  /**
   * The statements from {@code drop} on that need not run because the tables they drop and make
   * again are in place as they would make them (see {@link SqlRemakes#alreadyRemade}), with why;
   * null when they run. {@code later} are the changes after the step.
   */
  public Map.Entry<List<Integer>, String> alreadyRemade(
      List<String> statements, int drop, List<Change> later) {
    RemadeInPlace.Done done = remakes.alreadyRemade(statements, drop, later);
    return done == null ? null : Map.entry(done.statements(), done.reason());
  }

  /** The schema a search path set earlier in the changeset names ({@link SearchPath}), or null. */
  public String searchPath() {
    return ddl.searchPath();
  }

  /** Raw SQL from here on finds its unqualified names in {@code schema}; null: the default one. */
  public void searchPath(String schema) {
    ddl.searchPath(schema);
  }

  /** The schema a change without one works in. */
  public String schema(String schemaName) {
    return ddl.schema(schemaName);
  }

  /**
   * Whether no guard knows what a raw statement makes or changes (a GRANT, a DO block, a CREATE OR
   * REPLACE of a kind not followed…): it runs as written every time, and a failure on a rerun says
   * so. Row writes are not counted: a rerun treats them apart.
   */
  public boolean unguarded(String statement) {
    String code = SqlName.withoutLeadingComments(statement).strip();
    return SqlRemakes.made(statement, ddl.sqlSchema()) == null
        && !SqlForms.known(code)
        && !AlterActions.anyKnown(code)
        && !SqlStatementGuards.createsEnum(statement)
        && !RowWrites.writes(code);
  }

  /** What a rerun over a database ahead of its revision rows must not do again. */
  public Replay replay() {
    return replay;
  }

  /** {@code excuse} (null: a later change removing what it needs), then a later retyping's. */
  public Decision.Excuse onRerun(Decision.Excuse excuse, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    Decision.Excuse first = excuse != null ? excuse : excuse(after);
    return (sql, state, message) -> {
      String why = first.explain(sql, state, message);
      return why != null ? why : RowWrites.retypedLater(sql, state, after, catalog, ddl);
    };
  }

  /** What such a rerun must leave alone because a later change superseded it. */
  public Superseded superseded() {
    return superseded;
  }

  /** Whether a statement makes again an object that one of {@code drops} drops. */
  public boolean remakes(String statement, List<String> drops) {
    String made = SqlRemakes.created(statement, ddl.sqlSchema());
    return made != null
        && drops.stream().anyMatch(d -> SqlRemakes.dropped(d, ddl.sqlSchema()).contains(made));
  }

  /**
   * Starts indexing the names of the changelog's changes ({@code all}, every step's view of them)
   * on a thread of its own, while the command does its other work before its first question.
   */
  public static void indexAhead(List<Change> all) {
    LaterNames.indexAhead(all);
  }

  // A statement whose effect reaches objects it does not name.
  private static final java.util.regex.Pattern CASCADE =
      java.util.regex.Pattern.compile("(?i)\\bCASCADE\\b");

  /**
   * Runs the statements of a change's decision: for a structured change that writes no rows, whose
   * statements no modifySql rewrote and none cascades, as a change of the objects it names, in its
   * facts, its fields or the statements themselves ({@link PgCatalog#changing}); for any other, as
   * statements the catalog cannot follow ({@link PgCatalog#writingRows}).
   */
  public <T> T changing(
      Change change, List<String> statements, boolean rewritten, Supplier<T> run) {
    List<Facts.Fact> facts = Facts.of(change);
    if (rewritten
        || facts.isEmpty()
        || !LaterSql.text(change).isEmpty()
        || facts.stream().anyMatch(f -> f.verb() == Verb.WRITES)
        || statements.stream().anyMatch(sql -> CASCADE.matcher(sql).find())) {
      return catalog.writingRows(run);
    }
    // What the statements name, and what the facts name: PostgreSQL makes or changes no object of
    // another name but those it names itself (PgCatalog#changing follows those).
    Set<String> names = LaterNames.named(facts);
    statements.forEach(sql -> names.addAll(LaterNames.words(sql)));
    SqlName made =
        change instanceof Change.CreateTable t
                && statements.stream().anyMatch(sql -> sql.startsWith("CREATE "))
            ? new SqlName(ddl.schema(t.schemaName()), t.tableName())
            : null;
    boolean reworks =
        facts.stream().anyMatch(f -> f.verb() == Verb.DROPS || f.verb() == Verb.RENAMES);
    return catalog.changing(names, made, reworks, run);
  }

  /**
   * Runs the statements decided for one raw statement: as a change of the objects they name where
   * each has a form the catalog can follow ({@link SqlStatementGuards#followed}) and no modifySql
   * rewrote them; else as statements the catalog cannot follow ({@link PgCatalog#writingRows}).
   */
  public <T> T changing(List<String> sql, boolean rewritten, Supplier<T> run) {
    SqlStatementGuards.Followed followed = rewritten ? null : statements.followed(sql);
    return followed == null
        ? catalog.writingRows(run)
        : catalog.changing(followed.names(), followed.made(), false, run);
  }

  /** The decision for {@code change}; {@code later} are the changes after it in the changelog. */
  public Decision decide(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    return families.decide(change, after, excuse(after));
  }

  // A failed data statement is excused when a later change removes what it needs, or when it met
  // a unique key and every row it inserts is in the table already, value for value.
  Decision.Excuse excuse(LaterChanges after) {
    return (sql, state, message) -> {
      String dropped = excuses.constraintDroppedLater(sql, after);
      if (dropped == null) {
        dropped = excuses.viewRedefinedLater(sql, after);
      }
      if (dropped != null) {
        return dropped;
      }
      if ("23505".equals(state)) {
        return excuses.rowsPresent(sql, after);
      }
      if ("42710".equals(state) || "42723".equals(state)) {
        // "already exists": a function, trigger or policy made again the same way is done.
        return excuses.sameDefinition(sql, after);
      }
      Change later = removal.explaining(after, state, message);
      return later != null
          ? "a later "
              + later.changeType()
              + " removes or remakes what it needs, and its effect is in the database already"
          : null;
    };
  }

  /**
   * For a key or index that is absent over columns the table lacks: when a later change (raw SQL
   * included) renames or drops those columns, the object is that change's to check, so the step is
   * skipped rather than failing on a column that is gone. So too when a later change drops the
   * table: the one in place is a later change's, and what this step made went with the dropped one.
   */
  static Decision columnsGoneLater(
      PgCatalog catalog,
      String schema,
      String tableName,
      List<String> columns,
      LaterChanges after,
      String what) {
    boolean tableDropped = after.dropTable(schema, tableName); // in memory, before the catalog
    if (!tableDropped && !touchedLater(schema, tableName, columns, after)) {
      return null;
    }
    TableInfo table = catalog.table(schema, tableName);
    if (table == null) {
      return null;
    }
    List<String> gone =
        columns.stream()
            .filter(
                col ->
                    !PgNames.isExpression(col)
                        && table.column(col) == null
                        && (tableDropped || after.columns().touchColumn(schema, tableName, col)))
            .toList();
    return gone.isEmpty()
        ? null
        : new Decision.Skip(
            what
                + " on "
                + qualified(schema, tableName)
                + " is absent and its column "
                + String.join(", ", gone)
                + (tableDropped
                    ? " is not in the table in place, which a later change drops: it is taken for"
                        + " a later change's"
                    : " is dropped or renamed by a later change"));
  }

  static boolean touchedLater(
      String schema, String table, List<String> columns, LaterChanges after) {
    return columns.stream()
        .anyMatch(
            col -> !PgNames.isExpression(col) && after.columns().touchColumn(schema, table, col));
  }

  static Decision drift(String object, List<String> differences) {
    return new Decision.Drift(
        object + " differs from the changelog:\n    - " + String.join("\n    - ", differences));
  }
}
