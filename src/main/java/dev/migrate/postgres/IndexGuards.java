package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.IndexInfo;
import java.util.List;

/**
 * Indexes: createIndex and dropIndex. The guard of createIndex: the index of that name compared by
 * table, uniqueness, keys and their order; an INVALID one (a concurrent build cut short) is built
 * again.
 */
final class IndexGuards extends Family {
  private final IndexScript script;

  IndexGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
    this.script = new IndexScript(this, ddl);
  }

  /** See {@link IndexScript#concurrently}. */
  String concurrently(Change.CreateIndex c, String unrecorded) {
    return script.concurrently(c, unrecorded);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateIndex.class,
        (c, after, excuse) -> c.indexName() == null ? unnamed(c, after) : createIndex(c, after),
        (c, after) -> c.indexName() == null ? script.unnamed(c) : script.named(c, after));
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

  // An index the changelog does not name is the one of its table with its definition that no
  // constraint owns, whatever PostgreSQL named it; an INVALID one is built again.
  private Decision unnamed(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    String create = ddl.createIndex(c);
    String found =
        catalog.text(
            "SELECT CASE WHEN i.indisvalid THEN '' ELSE 'invalid ' END"
                + " || i.indexrelid::pg_catalog.regclass::text "
                + sameDefinition(c, laterColumns(schema, c, after))
                + " ORDER BY i.indisvalid DESC LIMIT 1");
    String label = "index on " + table + " (" + String.join(", ", c.columns()) + ")";
    if (found == null) {
      Decision gone =
          Guards.columnsGoneLater(catalog, schema, c.tableName(), c.columns(), after, label);
      return gone != null ? gone : new Decision.Act(List.of(create), "created " + label);
    }
    if (found.startsWith("invalid ")) {
      String name = found.substring("invalid ".length());
      return Decision.rebuild(
          List.of((c.concurrently() ? "DROP INDEX CONCURRENTLY " : "DROP INDEX ") + name, create),
          "invalid index " + name + " dropped and built again");
    }
    return new Decision.Skip("index " + found + " on " + table + " has the same definition");
  }

  // FROM and WHERE of the indexes of the table with this definition that back no key of it.
  String sameDefinition(Change.CreateIndex c, List<String> orColumns) {
    return INDEXES
        + " WHERE i.indrelid = "
        + regclass(c.schemaName(), c.tableName())
        + " AND i.indpred IS NULL AND "
        + definition(c, orColumns)
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con"
        + " WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
        + " AND con.contype IN ('p', 'u', 'x'))";
  }

  static final String INDEXES =
      "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
          + " JOIN pg_catalog.pg_am am ON am.oid = ic.relam";

  // What upgrade compares of an index (see createIndex), as a condition over i and am: its
  // uniqueness, access method, key columns (or those under the names later changes give them) and
  // which of them descend.
  static String definition(Change.CreateIndex c, List<String> orColumns) {
    String keys = "ARRAY(" + LiveCatalog.INDEX_KEYS;
    return "i.indisunique = "
        + c.unique()
        + " AND am.amname = "
        + PgNames.literal(c.method())
        + " AND "
        + keys
        + " ORDER BY u.k)::text[] "
        + (orColumns.equals(c.columns())
            ? "= " + PgNames.textArray(c.columns())
            : "IN (" + PgNames.textArray(c.columns()) + ", " + PgNames.textArray(orColumns) + ")")
        + " AND "
        + keys
        + " AND i.indoption[u.k - 1] & 1 = 1 ORDER BY u.k)::text[] = "
        + PgNames.textArray(c.descending());
  }

  // The index's columns under the names later changes give them: on a rerun after lost history
  // the table and its columns may be there under those names.
  static List<String> laterColumns(String schema, Change.CreateIndex c, LaterChanges after) {
    String renamed = after.relationRenamedTo(schema, c.tableName());
    return c.columns().stream()
        .map(
            col -> {
              String to = after.columns().columnRenamedTo(schema, c.tableName(), col);
              if (to == null && renamed != null) {
                to = after.columns().columnRenamedTo(schema, renamed, col);
              }
              return to == null ? col : to;
            })
        .toList();
  }

  private Decision createIndex(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String name = qualified(schema, c.indexName());
    IndexInfo existing = catalog.index(schema, c.indexName());
    String create = ddl.createIndex(c);
    if (existing == null) {
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
    List<String> laterColumns = laterColumns(schema, c, after);
    boolean same =
        (c.tableName().equals(existing.table()) || existing.table().equals(renamed))
            && c.unique() == existing.unique()
            && (wantedColumns.equals(existing.columns())
                || laterColumns.equals(existing.columns())
                || sameExpressions(schema, existing, wantedColumns))
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
              + catalog.indexDefinition(schema, c.indexName()));
    }
    String space =
        Tablespaces.difference(catalog, regclass(c.schemaName(), c.indexName()), c.tablespace());
    if (space != null) {
      return new Decision.Drift("index " + name + ": " + space);
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

  // Columns written otherwise than PostgreSQL prints them back, when some is an expression:
  // LOWER(name) over a varchar is stored as lower((name)::text). Asked of the planner, over the
  // table, only where the texts differ.
  private boolean sameExpressions(
      String schema, PgCatalog.IndexInfo existing, List<String> wanted) {
    return wanted.size() == existing.columns().size()
        && wanted.stream().anyMatch(column -> column.contains("("))
        && catalog.sameExpressions(qualified(schema, existing.table()), existing.columns(), wanted);
  }
}
