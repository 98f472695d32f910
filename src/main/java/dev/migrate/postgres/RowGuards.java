package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Rows: insert, update, delete, loadData. There is nothing to look up before them: they run, and a
 * failure may be excused (the rows are there already, or a later change removes what they need). In
 * the script they run inside their changeset's own "not recorded yet" check.
 */
final class RowGuards extends Family {
  RowGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Insert.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(alter.insert(c)),
                "inserted a row into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> plain(List.of(alter.insert(c))));
    families.on(
        Change.Update.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(alter.update(c)), "updated " + name(c.schemaName(), c.tableName()), excuse),
        (c, after) -> plain(List.of(alter.update(c))));
    families.on(
        Change.Delete.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(alter.delete(c)),
                "deleted from " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> plain(List.of(alter.delete(c))));
    families.on(
        Change.LoadData.class,
        (c, after, excuse) ->
            new Decision.Act(
                alter.loadData(c),
                "loaded " + c.rows().size() + " rows into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> plain(alter.loadData(c)));
  }
}
