package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Verb;
import dev.migrate.plan.RestOfStep;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} asks of the catalog, step by step: whether a later change reworks what a step
 * makes (its state now is then that change's), and what is wrong with what a raw statement makes.
 * It asks the same guards {@code upgrade} asks, so the two can never disagree.
 */
public final class Checks {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Guards guards;
  private final SqlStatementGuards statements;

  Checks(PgCatalog catalog, PgDdl ddl, Guards guards, SqlStatementGuards statements) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.guards = guards;
    this.statements = statements;
  }

  /**
   * Whether a later change drops, renames or changes again what {@code change} makes, so that the
   * database now shows that later state rather than this step's (for {@code check}).
   */
  public boolean reworkedLater(Change change, List<Change> later) {
    if (!Facts.leavesState(change)) {
      return false; // check does not look at what it leaves
    }
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.AddLookupTable c) {
      // Four steps in one: what a later change reworks of any of them is that change's.
      return after.goneLater(ddl.schema(c.newTableSchemaName()), c.newTableName())
          || List.of(c.notNull(), c.primaryKey(), c.foreignKey()).stream()
              .anyMatch(part -> reworkedLater(part, later));
    }
    List<Fact> facts = Facts.of(change);
    if (facts.isEmpty()) {
      return false; // an addColumn without columns
    }
    Fact f = facts.get(0);
    String schema = ddl.schema(f.schema());
    return switch (f.kind()) {
      case INDEX -> after.dropIndex(schema, f.name()) || after.goneLater(schema, f.table());
      case TABLE -> after.goneLater(schema, f.name());
      case COLUMN ->
          after.goneLater(schema, f.table())
              || facts.stream()
                  .anyMatch(
                      c -> {
                        // A column some of whose aspects later changes set is still compared on
                        // the others.
                        var touched = after.columns().touchedAspects(schema, c.table(), c.name());
                        return c.verb() == Verb.SETS
                            ? touched.containsAll(c.aspects())
                            : LaterColumns.whole(touched);
                      });
      case PRIMARY_KEY, UNIQUE, FOREIGN_KEY ->
          after.goneLater(schema, f.table())
              || after.reworkConstraints(schema, f.table())
              // The referenced table renamed or dropped later: the key now names what that
              // change made.
              || facts.stream()
                  .anyMatch(
                      r ->
                          r.verb() == Verb.REFERS
                              && after.goneLater(ddl.schema(r.schema()), r.name()));
      case VIEW -> after.redefineView(schema, f.name());
      case SEQUENCE -> LaterRelations.sequenceGone(after, schema, f.name());
      case TYPE -> after.typeGoneLater(schema, f.name());
      case LABEL -> after.typeGoneLater(schema, f.table());
      case SCHEMA -> after.droppedBySql("schema", f.name());
      case EXTENSION -> after.droppedBySql("extension", f.name());
      case ROUTINE -> false; // no step makes one: only raw SQL, which check does not compare
    };
  }

  /**
   * The INVALID indexes that the CREATE INDEX statements of a raw-SQL step left behind (for check).
   */
  public List<String> invalidIndexes(Change change) {
    if (!(change instanceof Change.Sql c)) {
      return List.of();
    }
    List<String> invalid = new ArrayList<>();
    for (String statement : c.statements()) {
      String problem = statements.invalidIndex(statement);
      if (problem != null) {
        invalid.add(problem);
      }
    }
    return invalid;
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
    AlterActions actions = AlterActions.of(SqlName.withoutLeadingComments(statement));
    if (actions != null && statements.asChange(statement) == null) {
      // Each action as the statement of it alone, the actions after it as later changes.
      List<String> alone = actions.alone();
      for (int i = 0; i < alone.size(); i++) {
        Decision wrong = madeWrong(alone.get(i), new RestOfStep(alone, i, later));
        if (wrong != null) {
          return wrong;
        }
      }
      return null;
    }
    Change structured = statements.asChange(statement);
    if (structured != null) {
      // A raw column rename is checked too: check's final names follow raw relation renames but
      // leave raw column renames to the statement that makes them.
      if (!(dev.migrate.plan.Facts.leavesState(structured)
              || structured instanceof Change.RenameColumn)
          || reworkedLater(structured, later)) {
        return null;
      }
      Decision decision = guards.decide(structured, later);
      return decision instanceof Decision.Act act
          ? new Decision.Act(
              List.of(statement),
              "the database lacks what its SQL makes (" + act.summary() + " would run)")
          : decision instanceof Decision.Drift ? decision : null;
    }
    SqlRemakes.Made made = SqlRemakes.made(statement, ddl.sqlSchema());
    if (made == null || made.temporary()) {
      return null;
    }
    LaterChanges after = new LaterChanges(later, ddl);
    if (SqlStatementGuards.createsEnum(statement)) {
      // Compared label by label, as upgrade compares it; labels later changes add are theirs.
      if (after.typeGoneLater(made.name().schema(), made.name().name())) {
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
    // An index goes with a column it is made over; over an expression, with any column.
    List<String> keys = SqlForms.indexColumns(statement);
    if (after.reworksObject(made.name().name())
        || made.uses().stream()
            .anyMatch(
                r ->
                    after.goneLater(r.schema(), r.name())
                        // a materialized view dropped later takes its indexes with it
                        || after.sql(r.name(), t -> LaterSql.dropsRelation(t, r.name()))
                        || (keys == null
                            ? after.columns().dropsAnyColumn(r.schema(), r.name(), made.view())
                            : keys.stream()
                                .anyMatch(
                                    k ->
                                        after
                                            .columns()
                                            .droppedInTheEnd(r.schema(), r.name(), k))))) {
      return null;
    }
    if (catalog.holds(made.present())) {
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
}
