package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Rows: insert, update, delete, loadData, loadUpdateData and its inverse. There is nothing to look
 * up before them: they run, and a failure may be excused (the rows are there already, or a later
 * change removes what they need). In the script they run inside their changeset's own "not recorded
 * yet" check, each watched as a rerun that found the database ahead watches it ({@link
 * ScriptReplay#write}).
 */
final class RowGuards extends Family {
  private final PgRows rows;

  RowGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.rows = new PgRows(ddl);
  }

  // In the script, each statement is watched as a rerun after lost history asks (ScriptReplay).
  private List<String> watched(List<String> statements) {
    return statements.stream().flatMap(s -> ScriptReplay.write(s, ddl).stream()).toList();
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Insert.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.insert(c)),
                "inserted a row into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(List.of(rows.insert(c))));
    families.on(
        Change.Update.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.update(c)), "updated " + name(c.schemaName(), c.tableName()), excuse),
        (c, after) -> watched(List.of(rows.update(c))));
    families.on(
        Change.Delete.class,
        (c, after, excuse) ->
            new Decision.Act(
                List.of(rows.delete(c)),
                "deleted from " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(List.of(rows.delete(c))));
    families.on(
        Change.LoadData.class,
        (c, after, excuse) ->
            new Decision.Act(
                rows.loadData(c),
                "loaded " + c.rows().size() + " rows into " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(rows.loadData(c)));
    families.on(
        Change.LoadUpdateData.class,
        (c, after, excuse) ->
            new Decision.Act(
                rows.loadUpdateData(c),
                (c.onlyUpdate() ? "updated " : "loaded ")
                    + c.rows().size()
                    + " rows into "
                    + name(c.schemaName(), c.tableName())
                    + " by "
                    + String.join(", ", c.primaryKey()),
                excuse),
        (c, after) -> watched(rows.loadUpdateData(c)));
    families.on(
        Change.DeleteRows.class,
        (c, after, excuse) ->
            new Decision.Act(
                rows.deleteRows(c),
                "deleted " + c.keys().size() + " rows from " + name(c.schemaName(), c.tableName()),
                excuse),
        (c, after) -> watched(rows.deleteRows(c)));
  }
}
