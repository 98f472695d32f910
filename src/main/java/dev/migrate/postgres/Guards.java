package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.model.SqlSplitter;
import dev.migrate.plan.Facts;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  private final SqlRemakes remakes;
  private final Replay replay;
  private final Superseded superseded;

  public Guards(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.statements = new SqlStatementGuards(catalog, ddl, this);
    this.families = new Families(catalog, ddl);
    this.excuses = new StatementExcuses(catalog, ddl);
    this.remakes = new SqlRemakes(catalog, ddl);
    this.replay = new Replay(catalog, ddl, excuses);
    this.superseded = new Superseded(catalog, ddl);
  }

  /**
   * Whether a later change drops, renames or changes again what {@code change} makes, so that the
   * database now shows that later state rather than this step's (for {@code check}).
   */
  public boolean reworkedLater(Change change, List<Change> later) {
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.CreateIndex c) {
      return after.dropIndex(ddl.schema(c.schemaName()), c.indexName())
          || after.goneLater(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.CreateTable c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.AddColumn c) {
      // A column some of whose aspects later changes set is still compared on the others.
      String schema = ddl.schema(c.schemaName());
      return after.goneLater(schema, c.tableName())
          || c.columns().stream()
              .anyMatch(
                  col ->
                      LaterChanges.whole(after.touchedAspects(schema, c.tableName(), col.name())));
    } else if (change instanceof Change.ModifyDataType c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName())
          || after
              .touchedAspects(ddl.schema(c.schemaName()), c.tableName(), c.columnName())
              .contains(LaterChanges.Aspect.TYPE);
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName())
          || after
              .touchedAspects(ddl.schema(c.schemaName()), c.tableName(), c.columnName())
              .contains(LaterChanges.Aspect.NULLABILITY);
    } else if (change instanceof Change.AddForeignKeyConstraint c) {
      // The referenced table renamed or dropped later: the key now names what that change made.
      return after.goneLater(ddl.schema(c.baseSchemaName()), c.baseTableName())
          || after.reworkConstraints(ddl.schema(c.baseSchemaName()), c.baseTableName())
          || after.goneLater(ddl.schema(c.referencedSchemaName()), c.referencedTableName());
    } else if (change instanceof Change.AddUniqueConstraint c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName())
          || after.reworkConstraints(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.AddPrimaryKey c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName())
          || after.reworkConstraints(ddl.schema(c.schemaName()), c.tableName());
    } else if (change instanceof Change.CreateView c) {
      return after.redefineView(ddl.schema(c.schemaName()), c.viewName());
    } else if (change instanceof Change.CreateSequence c) {
      return after.sequenceGoneLater(ddl.schema(c.schemaName()), c.sequenceName());
    } else if (change instanceof Change.AddDefaultValue c) {
      return after.goneLater(ddl.schema(c.schemaName()), c.tableName())
          || after
              .touchedAspects(ddl.schema(c.schemaName()), c.tableName(), c.columnName())
              .contains(LaterChanges.Aspect.DEFAULT);
    } else if (change instanceof Change.CreateEnumType c) {
      return after.enumTypeGoneLater(ddl.schema(c.schemaName()), c.typeName());
    } else if (change instanceof Change.AddEnumValue c) {
      return after.enumTypeGoneLater(ddl.schema(c.schemaName()), c.typeName());
    } else if (change instanceof Change.CreateSchema c) {
      return after.droppedBySql("schema", c.schemaName());
    } else if (change instanceof Change.CreateExtension c) {
      return after.droppedBySql("extension", c.extensionName());
    } else if (!Facts.leavesState(change)) {
      return false; // check does not look at what it leaves
    }
    throw new IllegalStateException(
        change.changeType() + " leaves state, but no rule says when a later change reworks it");
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
   * The INVALID indexes that the CREATE INDEX statements of a raw-SQL step left behind (for check).
   */
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
        ? new Decision.Act(
            act.sql(), act.summary(), excuse(new LaterChanges(later, ddl)), act.effect())
        : decision;
  }

  /**
   * For {@code check}: what is wrong with the object a raw statement makes, as the statement's
   * guard would act (the database lacks it) or report drift (an ENUM type's labels differ); null
   * when it is there, when the statement makes no named object (or a temporary one), or when a
   * later change may drop, rename or make it again, or drops or renames a relation it needs (its
   * state is then that change's). A statement that amounts to a structured change (a CREATE TABLE
   * with its columns, ADD COLUMN, SET DEFAULT…) and an ENUM type are compared as upgrade compares
   * them; other objects are looked for by name.
   */
  public Decision madeWrong(String statement, List<Change> later) {
    Change structured = statements.asChange(statement);
    if (structured != null) {
      // A raw column rename is checked too: check's final names follow raw relation renames but
      // leave raw column renames to the statement that makes them.
      if (!(dev.migrate.plan.Facts.leavesState(structured)
              || structured instanceof Change.RenameColumn)
          || reworkedLater(structured, later)) {
        return null;
      }
      Decision decision = decide(structured, later);
      return decision instanceof Decision.Act act
          ? new Decision.Act(
              List.of(statement),
              "the database lacks what its SQL makes (" + act.summary() + " would run)")
          : decision instanceof Decision.Drift ? decision : null;
    }
    SqlRemakes.Made made = SqlRemakes.made(statement, ddl.schema(null));
    if (made == null || made.temporary()) {
      return null;
    }
    LaterChanges after = new LaterChanges(later, ddl);
    if (SqlStatementGuards.createsEnum(statement)) {
      // Compared label by label, as upgrade compares it; labels later changes add are theirs.
      if (after.enumTypeGoneLater(made.name().schema(), made.name().name())) {
        return null;
      }
      Decision decision = statements.decide(statement, later);
      return decision instanceof Decision.Act act
          ? new Decision.Act(
              act.sql(), "the database lacks what its SQL makes (" + act.summary() + " would run)")
          : decision instanceof Decision.Drift ? decision : null;
    }
    // A table compared column by column; one that is absent is looked for as any object is.
    Decision table = statements.table(statement, later);
    if (table instanceof Decision.Drift || table instanceof Decision.Skip) {
      return table instanceof Decision.Drift ? table : null;
    }
    if (after.reworksObject(made.name().name())
        || made.uses().stream()
            .anyMatch(
                r ->
                    after.goneLater(r.schema(), r.name())
                        || after.dropsAnyColumn(r.schema(), r.name(), made.view()))) {
      return null;
    }
    if (catalog.test(made.presentQuery())) {
      return null;
    }
    return new Decision.Act(
        List.of(statement),
        "the database lacks the "
            + made.kind()
            + " "
            + (made.table() == null ? made.name() : made.name().name() + " on " + made.table())
            + " that its SQL makes");
  }

  /**
   * The last statement at or after {@code from} that makes again an object statement {@code drop}
   * drops (see {@link SqlRemakes}); -1 when none does.
   */
  public int remadeAt(List<String> statements, int drop, int from) {
    return SqlRemakes.remadeAt(statements, drop, from, ddl.schema(null), true);
  }

  /**
   * The statements from {@code drop} on that need not run because the tables they drop and make
   * again are in place as they would make them (see {@link SqlRemakes#alreadyRemade}), with why;
   * null when they run. {@code later} are the changes after the step.
   */
  public Map.Entry<List<Integer>, String> alreadyRemade(
      List<String> statements, int drop, List<Change> later) {
    SqlRemakes.Done done = remakes.alreadyRemade(statements, drop, later);
    return done == null ? null : Map.entry(done.statements(), done.reason());
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
    return SqlRemakes.made(statement, ddl.schema(null)) == null
        && !SqlObjects.known(code)
        && !SqlStatementGuards.createsEnum(statement)
        && !Replay.writes(code);
  }

  /** What a rerun over a database ahead of its revision rows must not do again. */
  public Replay replay() {
    return replay;
  }

  /** What such a rerun must leave alone because a later change superseded it. */
  public Superseded superseded() {
    return superseded;
  }

  /** Whether a statement makes again an object that one of {@code drops} drops. */
  public boolean remakes(String statement, List<String> drops) {
    String made = SqlRemakes.created(statement, ddl.schema(null));
    return made != null
        && drops.stream().anyMatch(d -> SqlRemakes.dropped(d, ddl.schema(null)).contains(made));
  }

  /**
   * The statements of a raw-SQL step as they are guarded one by one. With splitStatements false the
   * text is still sent as one string, but inside a transaction PostgreSQL runs its statements one
   * after another exactly as if they were sent apart, so each is guarded on its own; outside one
   * (runInTransaction false) the string stays whole, keeping its all-or-nothing implicit
   * transaction.
   */
  public static List<String> guardedStatements(Change.Sql c, boolean inTransaction) {
    return c.splitStatements() || !inTransaction
        ? sqlStatements(c)
        : sqlStatements(c).stream().flatMap(s -> SqlSplitter.serverStatements(s).stream()).toList();
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
      Change later = explaining(after.changes(), state, message);
      return later != null && alreadyDone(later, after)
          ? "a later "
              + later.changeType()
              + " removes or remakes what it needs, and its effect is in the database already"
          : null;
    };
  }

  // The later change's effect is present: this is a rerun over a database that went further, not
  // a first run with a typo (which must fail).
  private boolean alreadyDone(Change later, LaterChanges after) {
    // A table is looked for under the name the changes after it give it in the end.
    java.util.function.BinaryOperator<String> now =
        (schema, table) -> {
          String renamed = after.relationRenamedTo(ddl.schema(schema), table);
          return renamed == null ? table : renamed;
        };
    if (later instanceof Change.DropColumn d) {
      TableInfo table =
          catalog.table(ddl.schema(d.schemaName()), now.apply(d.schemaName(), d.tableName()));
      return table != null && d.columnNames().stream().anyMatch(c -> table.column(c) == null);
    } else if (later instanceof Change.RenameColumn r) {
      TableInfo table =
          catalog.table(ddl.schema(r.schemaName()), now.apply(r.schemaName(), r.tableName()));
      return table != null && table.column(r.oldColumnName()) == null;
    } else if (later instanceof Change.DropTable d) {
      return catalog.table(ddl.schema(d.schemaName()), d.tableName()) == null;
    } else if (later instanceof Change.RenameTable r) {
      return catalog.table(ddl.schema(r.schemaName()), now.apply(r.schemaName(), r.oldTableName()))
          != null;
    } else if (later instanceof Change.DropView d) {
      return catalog.table(ddl.schema(d.schemaName()), d.viewName()) == null;
    } else if (later instanceof Change.RenameView r) {
      return catalog.table(ddl.schema(r.schemaName()), r.newViewName()) != null;
    } else if (later instanceof Change.DropSequence d) {
      return !catalog.relationExists(ddl.schema(d.schemaName()), d.sequenceName());
    } else if (later instanceof Change.RenameSequence r) {
      return catalog.relationExists(ddl.schema(r.schemaName()), r.newSequenceName());
    } else if (later instanceof Change.Sql) {
      // Only raw SQL that drops or renames the missing column or relation explains a failure (see
      // explaining): the statement failed because it is absent, which is what that SQL leaves.
      return true;
    } else if (later instanceof Change.DropPrimaryKey d) {
      List<ConstraintInfo> have = catalog.constraints(ddl.schema(d.schemaName()), d.tableName());
      return have != null && have.stream().noneMatch(k -> k.type().equals("p"));
    }
    return later instanceof Change.CreateView; // made anew later; nothing here can show it earlier
  }

  /**
   * For a key or index that is absent over columns the table lacks: when a later change (raw SQL
   * included) renames or drops those columns, the object is that change's to check, so the step is
   * skipped rather than failing on a column that is gone. Null when the columns are there.
   */
  static Decision columnsGoneLater(
      PgCatalog catalog,
      String schema,
      String tableName,
      List<String> columns,
      LaterChanges after,
      String what) {
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
                        && after.touchColumn(schema, tableName, col))
            .toList();
    return gone.isEmpty()
        ? null
        : new Decision.Skip(
            what
                + " on "
                + qualified(schema, tableName)
                + " is absent and its column "
                + String.join(", ", gone)
                + " is dropped or renamed by a later change");
  }

  static boolean touchedLater(
      String schema, String table, List<String> columns, LaterChanges after) {
    return columns.stream()
        .anyMatch(col -> !PgNames.isExpression(col) && after.touchColumn(schema, table, col));
  }

  // A missing table that a later change drops or renames anyway (a rerun after the rows were
  // lost) is no difference; any other missing table is.
  static Decision missingTable(String schema, String table, LaterChanges after, String message) {
    if (after.goneLater(schema, table)) {
      return new Decision.Skip(
          "table "
              + qualified(schema, table)
              + " is absent, and a later change drops or renames it");
    }
    return new Decision.Drift(message);
  }

  static Decision drift(String object, List<String> differences) {
    return new Decision.Drift(
        object + " differs from the changelog:\n    - " + String.join("\n    - ", differences));
  }

  /**
   * The later change that would explain a statement failing this way: it removes, renames or makes
   * anew the column, table or key the statement misses. The caller checks that its effect is
   * already in the database before taking it as the explanation. Null when none would.
   */
  private static Change explaining(List<Change> changes, String sqlState, String message) {
    // PostgreSQL names the missing object quoted ("x") or, for a qualified column, as alias.x.
    java.util.regex.Matcher named =
        java.util.regex.Pattern.compile(
                "(?:column|relation|table) \"?(?:[\\w$]+\\.)?([^\"\\s.]+)\"?")
            .matcher(message == null ? "" : message);
    String name = named.find() ? named.group(1) : null;
    if (name == null || sqlState == null) {
      return null;
    }
    // "column "c" of relation "t" does not exist": a later change that drops or renames t (the
    // table in place is then another, made later) explains it too.
    java.util.regex.Matcher relation =
        java.util.regex.Pattern.compile("of relation \"([^\"]+)\"").matcher(message);
    String table = relation.find() ? relation.group(1) : null;
    for (Change c : changes) {
      boolean explains =
          switch (sqlState) {
            case "42703" ->
                (c instanceof Change.DropColumn d && d.columnNames().contains(name))
                    || (c instanceof Change.RenameColumn r && r.oldColumnName().equals(name))
                    || LaterSql.renamesOrDropsColumn(LaterSql.text(c), name)
                    || (table != null
                        && ((c instanceof Change.DropTable d && d.tableName().equals(table))
                            || (c instanceof Change.RenameTable r && r.oldTableName().equals(table))
                            || LaterSql.dropsOrRenames(LaterSql.text(c), "TABLE", table)));
            case "42P01" ->
                (c instanceof Change.DropTable d && d.tableName().equals(name))
                    || (c instanceof Change.RenameTable r && r.oldTableName().equals(name))
                    || (c instanceof Change.CreateView v && v.viewName().equals(name))
                    || (c instanceof Change.DropView v && v.viewName().equals(name))
                    || (c instanceof Change.RenameView v && v.oldViewName().equals(name))
                    || (c instanceof Change.DropSequence d && d.sequenceName().equals(name))
                    || (c instanceof Change.RenameSequence r && r.oldSequenceName().equals(name))
                    || LaterSql.dropsRelation(LaterSql.text(c), name)
                    || LaterSql.relationRenamedTo(LaterSql.text(c), name) != null;
            case "42704", "42830" ->
                c instanceof Change.DropPrimaryKey d && d.tableName().equals(name);
            default -> false;
          };
      if (explains) {
        return c;
      }
    }
    return null;
  }
}
