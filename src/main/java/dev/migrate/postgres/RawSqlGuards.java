package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Raw SQL: sql (and sqlFile), createProcedure and dropProcedure, tagDatabase. Online, a sql step is
 * guarded statement by statement as it runs ({@link SqlStatementGuards}), so here, before any of
 * its statements runs, it is only ever to be run; the script guards each statement ({@link
 * SqlScript}).
 */
final class RawSqlGuards extends Family {
  private final SqlScript script;

  RawSqlGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.script = new SqlScript(ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Sql.class,
        (c, after, excuse) -> {
          List<String> statements = c.statements();
          return new Decision.Act(statements, "ran " + statements.size() + " statements", excuse);
        },
        script::inBlock);
    families.on(
        Change.CreateProcedure.class,
        (c, after, excuse) ->
            new Decision.Act(List.of(c.procedureText().strip()), "ran the procedure text", excuse),
        (c, after) -> plain(List.of(c.procedureText().strip())));
    // As Liquibase: DROP PROCEDURE by name, so a function of that name, or a name several
    // procedures share, fails as PostgreSQL says; absent, there is nothing to drop.
    families.on(
        Change.DropProcedure.class,
        (c, after, excuse) ->
            catalog.holds(routine(c))
                ? act(
                    dropProcedure(c),
                    "dropped procedure " + name(c.schemaName(), c.procedureName()))
                : skip("procedure %s does not exist", name(c.schemaName(), c.procedureName())),
        (c, after) -> when(routine(c).literal(), List.of(dropProcedure(c))));
    families.on(
        Change.TagDatabase.class,
        (c, after, excuse) -> new Decision.Act(List.of(), "tagged " + c.tag()),
        (c, after) -> List.of());
  }

  private CatalogQuestion routine(Change.DropProcedure c) {
    return CatalogQuestion.routine(new SqlName(ddl.schema(c.schemaName()), c.procedureName()));
  }

  String dropProcedure(Change.DropProcedure c) {
    return "DROP PROCEDURE " + name(c.schemaName(), c.procedureName());
  }
}
