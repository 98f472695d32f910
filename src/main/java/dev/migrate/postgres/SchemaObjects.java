package dev.migrate.postgres;

import dev.migrate.model.Background;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.IndexInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
   * own, while the caller goes on. Both halves see one moment of the database: the first
   * connection's transaction exports its snapshot and the second's takes it, so that an object
   * another session commits while they read is in both halves or in neither (read as two moments, a
   * table committed between them came without its constraints).
   */
  static CompletableFuture<SchemaObjects> readAhead(String schema, Supplier<Connection> connect) {
    // The indexes and constraints are read on a second connection, the types and tables on a
    // first, so the server answers both halves, each about as long, at once. Should either read
    // fail, the first question reads the schema itself.
    CompletableFuture<String> moment = new CompletableFuture<>();
    CompletableFuture<Attached> attached =
        Background.start(
            "migrate-catalog-attached",
            () -> {
              try (Connection other = connect.get()) {
                String taken = moment.join();
                try (Statement s = other.createStatement()) {
                  s.execute(
                      REPEATABLE_READ + "; SET TRANSACTION SNAPSHOT " + PgNames.literal(taken));
                }
                return attached(new Jdbc(other), schema);
              }
            });
    return Background.start(
        "migrate-catalog",
        () -> {
          try (Connection other = connect.get()) {
            // One round trip each side: the transaction begun and its snapshot exported (or taken).
            try (Statement s = other.createStatement()) {
              s.execute(REPEATABLE_READ + "; SELECT pg_catalog.pg_export_snapshot()");
              s.getMoreResults();
              try (ResultSet rs = s.getResultSet()) {
                rs.next();
                moment.complete(rs.getString(1));
              }
            }
            // Its transaction stays open until the second half is read: the snapshot it
            // exported is valid only as long as it is.
            return read(new Jdbc(other), schema, attached::join);
          } finally {
            moment.completeExceptionally(new IllegalStateException("no snapshot was exported"));
          }
        });
  }

  // A transaction that reads one moment and writes nothing; it ends with its connection.
  private static final String REPEATABLE_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

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
