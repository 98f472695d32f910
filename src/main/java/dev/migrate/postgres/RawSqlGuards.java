package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Raw SQL: sql (and sqlFile), createProcedure, tagDatabase. A sql step is guarded statement by
 * statement as it runs ({@link SqlStatementGuards}), so here, before any of its statements runs, it
 * is only ever to be run.
 */
final class RawSqlGuards extends Family {
  RawSqlGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Sql.class,
        (c, after, excuse) -> {
          List<String> statements = Guards.sqlStatements(c);
          return new Decision.Act(statements, "ran " + statements.size() + " statements", excuse);
        },
        (c, after) -> plain(Guards.sqlStatements(c)));
    families.on(
        Change.CreateProcedure.class,
        (c, after, excuse) ->
            new Decision.Act(List.of(c.procedureText().strip()), "ran the procedure text", excuse),
        (c, after) -> plain(List.of(c.procedureText().strip())));
    families.on(
        Change.TagDatabase.class,
        (c, after, excuse) -> new Decision.Act(List.of(), "tagged " + c.tag()),
        (c, after) -> List.of());
  }
}
