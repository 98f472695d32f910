package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.IndexInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.List;

/**
 * Indexes: createIndex and dropIndex. The guard of createIndex: the index of that name compared by
 * table, uniqueness, keys and their order; an INVALID one (a concurrent build cut short) is built
 * again.
 */
final class IndexGuards extends Family {
  IndexGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateIndex.class,
        (c, after, excuse) -> createIndex(c, after),
        (c, after) ->
            when(
                "NOT " + relationExists(c.schemaName(), c.indexName()),
                List.of(ddl.createIndex(c))));
    families.on(
        Change.DropIndex.class,
        (c, after, excuse) -> {
          PgCatalog.IndexInfo index = catalog.index(ddl.schema(c.schemaName()), c.indexName());
          return index == null || !index.kind().equals("i")
              ? skip("index %s does not exist", name(c.schemaName(), c.indexName()))
              : act(
                  ddl.dropIndex(c.schemaName(), c.indexName()),
                  "dropped index " + name(c.schemaName(), c.indexName()));
        },
        (c, after) ->
            when(
                relationExists(c.schemaName(), c.indexName()),
                List.of(ddl.dropIndex(c.schemaName(), c.indexName()))));
  }

  private Decision createIndex(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.indexName());
    IndexInfo existing = catalog.index(schema, c.indexName());
    String create = ddl.createIndex(c);
    if (existing == null) {
      TableInfo table = catalog.table(schema, c.tableName());
      if (table == null && after.goneLater(schema, c.tableName())) {
        return new Decision.Skip(
            "table "
                + qualified(schema, c.tableName())
                + " is absent, and a later change drops or renames it");
      }
      Decision gone =
          Guards.columnsGoneLater(
              catalog, schema, c.tableName(), c.columns(), after, "index " + c.indexName());
      if (gone != null) {
        return gone;
      }
      return new Decision.Act(List.of(create), "created index " + name);
    }
    if (!existing.kind().equals("i")) {
      return new Decision.Drift(
          name
              + " exists but is not an index (relkind "
              + existing.kind()
              + "); the changelog wants: "
              + create);
    }
    List<String> wantedColumns = c.columns();
    List<String> wantedDescending = c.descending();
    // On a rerun after lost history the table and its columns may be there under the names later
    // changes give them.
    String renamed = after.relationRenamedTo(schema, c.tableName());
    List<String> laterColumns =
        wantedColumns.stream()
            .map(
                col -> {
                  String to = after.columns().columnRenamedTo(schema, c.tableName(), col);
                  if (to == null && renamed != null) {
                    to = after.columns().columnRenamedTo(schema, renamed, col);
                  }
                  return to == null ? col : to;
                })
            .toList();
    boolean same =
        (c.tableName().equals(existing.table()) || existing.table().equals(renamed))
            && c.unique() == existing.unique()
            && (wantedColumns.equals(existing.columns()) || laterColumns.equals(existing.columns()))
            && wantedDescending.equals(existing.descending())
            && c.method().equals(existing.method());
    if (!same && after.dropIndex(schema, c.indexName())) {
      return new Decision.Skip(
          "index "
              + name
              + " exists; a later change drops it and its definition is that change's to check");
    }
    if (!same && Guards.touchedLater(schema, c.tableName(), c.columns(), after)) {
      return new Decision.Skip(
          "index "
              + name
              + " exists; a later change renames, drops or alters one of its columns, so its definition is that change's to check");
    }
    if (!same) {
      return new Decision.Drift(
          "index "
              + name
              + ": the changelog wants "
              + create
              + "; the database has "
              + existing.definition());
    }
    if (!existing.valid()) {
      // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that IF NOT EXISTS would accept.
      String drop =
          c.concurrently()
              ? ddl.dropIndexConcurrently(c.schemaName(), c.indexName())
              : ddl.dropIndex(c.schemaName(), c.indexName());
      return Decision.rebuild(
          List.of(drop, create), "invalid index " + name + " dropped and built again");
    }
    return new Decision.Skip("index " + name + " exists with the same definition");
  }
}
