package dev.migrate.postgres;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of each schema asked about, read once: its types, relations with their columns,
 * indexes and constraints, each with the text {@link LiveCatalog} asks about one object, left
 * without its name's condition. A command that asks thousands of questions (check, current -v) then
 * sends four queries per schema instead of one per question, and sees the catalog as it was at one
 * moment. Once the connection has run a statement that may change the catalog, every answer comes
 * from the server again: the snapshot is never patched, so it cannot drift from what the statements
 * did. Questions that run SQL of their own always go to the server.
 */
final class CatalogSnapshot implements PgCatalog {
  private final Jdbc jdbc;
  private final LiveCatalog live;
  private final long readAt;
  private final Map<String, Schema> schemas = new HashMap<>();

  // One schema's objects by name.
  private record Schema(
      Map<String, TypeInfo> types,
      Map<String, TableInfo> tables,
      Map<String, IndexInfo> indexes,
      Map<String, List<ConstraintInfo>> constraints) {}

  CatalogSnapshot(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.live = new LiveCatalog(jdbc);
    this.readAt = jdbc.catalogWrites();
  }

  // The snapshot of the schema, read on its first question; null once this connection may have
  // changed the catalog.
  private Schema of(String schema) {
    if (jdbc.catalogWrites() != readAt) {
      schemas.clear();
      return null;
    }
    return schemas.computeIfAbsent(
        schema,
        s ->
            new Schema(
                LiveCatalog.types(jdbc, LiveCatalog.TYPES.formatted(""), s),
                LiveCatalog.tables(jdbc, LiveCatalog.TABLES.formatted(""), s),
                LiveCatalog.indexes(jdbc, LiveCatalog.INDEXES.formatted(""), s),
                LiveCatalog.constraints(jdbc, LiveCatalog.CONSTRAINTS.formatted(""), s)));
  }

  @Override
  public TypeInfo type(String schema, String name) {
    Schema read = of(schema);
    return read == null ? live.type(schema, name) : read.types().get(name);
  }

  @Override
  public TableInfo table(String schema, String name) {
    Schema read = of(schema);
    return read == null ? live.table(schema, name) : read.tables().get(name);
  }

  @Override
  public IndexInfo index(String schema, String name) {
    Schema read = of(schema);
    return read == null ? live.index(schema, name) : read.indexes().get(name);
  }

  @Override
  public List<ConstraintInfo> constraints(String schema, String table) {
    Schema read = of(schema);
    return read == null ? live.constraints(schema, table) : read.constraints().get(table);
  }

  @Override
  public String viewDefinition(String schema, String name) {
    return live.viewDefinition(schema, name);
  }

  @Override
  public String probe(List<String> statements, String read) {
    return live.probe(statements, read);
  }

  @Override
  public String text(String sql) {
    return live.text(sql);
  }

  @Override
  public boolean test(String expression) {
    return live.test(expression);
  }

  @Override
  public boolean holds(CatalogQuestion question) {
    return live.holds(question);
  }

  @Override
  public boolean sameExpression(String have, String wanted, String type) {
    return live.sameExpression(have, wanted, type);
  }
}
