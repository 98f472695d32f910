package dev.migrate.postgres;

import dev.migrate.model.Background;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.IndexInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Every object of one schema by name, read at once for {@link CatalogSnapshot}: its types, its
 * relations of every kind with their columns, its indexes and its tables' constraints, each read
 * with the text {@link LiveCatalog} asks about one object, left without its name's condition.
 */
record SchemaObjects(
    Map<String, TypeInfo> types,
    Map<String, TableInfo> tables,
    Map<String, IndexInfo> indexes,
    Map<String, List<ConstraintInfo>> constraints) {

  // What a schema's tables carry: their indexes and constraints.
  private record Attached(
      Map<String, IndexInfo> indexes, Map<String, List<ConstraintInfo>> constraints) {}

  /** The schema read on this connection. */
  static SchemaObjects read(Jdbc jdbc, String schema) {
    return read(jdbc, schema, () -> attached(jdbc, schema));
  }

  /**
   * The schema read on connections {@code connect} opens and the read closes, on threads of their
   * own, while the caller goes on.
   */
  static CompletableFuture<SchemaObjects> readAhead(String schema, Supplier<Connection> connect) {
    // The indexes and constraints are read on a second connection, the types and tables on a
    // first, so the server answers both halves, each about as long, at once. Should either read
    // fail, the first question reads the schema itself.
    CompletableFuture<Attached> attached =
        Background.start(
            "migrate-catalog-attached",
            () -> {
              try (Connection other = connect.get()) {
                return attached(new Jdbc(other), schema);
              }
            });
    return Background.start(
        "migrate-catalog",
        () -> {
          try (Connection other = connect.get()) {
            return read(new Jdbc(other), schema, attached::join);
          }
        });
  }

  private static Attached attached(Jdbc jdbc, String s) {
    return new Attached(
        LiveCatalog.indexes(jdbc, LiveCatalog.INDEXES.formatted(""), s),
        LiveCatalog.constraints(jdbc, LiveCatalog.CONSTRAINTS.formatted(""), s));
  }

  // The schema's types and tables read on this connection; its indexes and constraints from
  // {@code attached}, asked last.
  private static SchemaObjects read(Jdbc jdbc, String s, Supplier<Attached> attached) {
    Map<String, TypeInfo> types = LiveCatalog.types(jdbc, LiveCatalog.TYPES.formatted(""), s);
    Map<String, TableInfo> tables = LiveCatalog.tables(jdbc, LiveCatalog.TABLES.formatted(""), s);
    Attached read = attached.get();
    return new SchemaObjects(types, tables, read.indexes(), read.constraints());
  }
}
