package dev.migrate.postgres;

import java.util.List;
import java.util.function.Supplier;

/**
 * Every catalog question migrate asks, one method each. pg_catalog rather than information_schema:
 * it is faster and shows what information_schema hides (enum labels, index validity, identity
 * columns). {@link LiveCatalog} asks the server each time; the guards, {@code check} and {@code
 * stamp} see only this interface, so a snapshot of the catalog read once per run can answer the
 * same questions, as long as it is kept current as statements run and thrown away on any error. The
 * last few questions ({@link #probe}, {@link #text}, {@link #test}, {@link #sameExpression}) run
 * SQL of their own and always go to the server.
 */
public interface PgCatalog {
  /** The catalog of the database {@code jdbc} is connected to, asked afresh each time. */
  static PgCatalog live(Jdbc jdbc) {
    return new LiveCatalog(jdbc);
  }

  /**
   * The catalog of the database {@code jdbc} is connected to, each schema read once on its first
   * question, until the connection runs a statement that may change it ({@link CatalogSnapshot}).
   */
  static PgCatalog snapshot(Jdbc jdbc) {
    return new CatalogSnapshot(jdbc);
  }

  /**
   * A snapshot whose schema {@code schema} is read at once, on a connection {@code connect} opens,
   * while the command goes on (see {@link CatalogSnapshot#readAhead}).
   */
  static PgCatalog snapshot(Jdbc jdbc, String schema, Supplier<java.sql.Connection> connect) {
    CatalogSnapshot snapshot = new CatalogSnapshot(jdbc);
    snapshot.readAhead(schema, connect);
    return snapshot;
  }

  /** A type's kind and, for an enum, its labels in order. */
  public record TypeInfo(String kind, List<String> labels) {
    public boolean isEnum() {
      return kind.equals("e");
    }
  }

  /**
   * A column as the catalog has it; {@code identity} is pg_attribute.attidentity: {@code a} for
   * GENERATED ALWAYS, {@code d} for BY DEFAULT, empty for a column that is not an identity.
   */
  public record ColumnInfo(
      String name, String type, boolean notNull, String defaultExpression, String identity) {
    public boolean isIdentity() {
      return !identity.isEmpty();
    }
  }

  /** A relation and its columns in order; {@code kind} is pg_class.relkind. */
  /**
   * @param persistence pg_class.relpersistence: {@code p} permanent, {@code u} unlogged
   */
  public record TableInfo(String kind, String persistence, List<ColumnInfo> columns) {
    public boolean isTable() {
      return kind.equals("r") || kind.equals("p");
    }

    public boolean unlogged() {
      return persistence.equals("u");
    }

    public ColumnInfo column(String name) {
      return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
  }

  /**
   * An index: its table, uniqueness, validity, and keys as the changelog names them (a column, or
   * an expression as pg_get_indexdef prints it).
   */
  public record IndexInfo(
      String kind,
      String table,
      boolean unique,
      boolean valid,
      List<String> columns,
      List<String> descending,
      String method) {}

  /** A constraint of a table; {@code type} is pg_constraint.contype (p, u, f, c, x). */
  public record ConstraintInfo(
      String name,
      String type,
      List<String> columns,
      String referencedSchema,
      String referencedTable,
      List<String> referencedColumns,
      char onDelete,
      char onUpdate,
      boolean deferrable,
      boolean initiallyDeferred,
      String definition) {}

  /** The type of that name, or null. */
  TypeInfo type(String schema, String name);

  /** The relation of that name with its columns, or null. */
  TableInfo table(String schema, String name);

  /** The relation of that name if it is, or is not, an index; null when no relation has it. */
  IndexInfo index(String schema, String name);

  /**
   * Every constraint of a table, with column names in key order; null when the table does not
   * exist, so one query answers both.
   */
  List<ConstraintInfo> constraints(String schema, String table);

  // The questions of existence are each one CatalogQuestion: the text the script writes too.

  default boolean schemaExists(String schema) {
    return holds(CatalogQuestion.schema(schema));
  }

  /** Whether a relation (table, view, index, sequence…) of that name is in the schema. */
  default boolean relationExists(String schema, String name) {
    return holds(CatalogQuestion.relation(new SqlName(schema, name)));
  }

  /**
   * Whether the table (a qualified name) has a constraint of that name, of any kind (NOT NULL ones
   * on PostgreSQL 18 included).
   */
  default boolean constraintExists(String table, String constraint) {
    return holds(CatalogQuestion.constraint(table, constraint));
  }

  default boolean roleExists(String name) {
    return holds(CatalogQuestion.role(name));
  }

  default boolean extensionExists(String name) {
    return holds(CatalogQuestion.extension(name));
  }

  /**
   * Runs statements it cannot follow as changes of names (rows, raw SQL of other forms): a snapshot
   * asks the server afterwards whether they changed the catalog ({@link CatalogUntouched}).
   */
  default <T> T writingRows(java.util.function.Supplier<T> run) {
    return run.get();
  }

  /**
   * Runs the statements of a structured change, whose effect on the catalog stays within the
   * objects of these names and those PostgreSQL makes or drops with them: a snapshot goes on
   * answering for every other name ({@link CatalogSnapshot}).
   */
  default <T> T changing(java.util.Collection<String> names, java.util.function.Supplier<T> run) {
    return run.get();
  }

  /**
   * As {@link #changing(java.util.Collection, Supplier)}, for a change that may make table {@code
   * made} (null for none) and that {@code reworks} what it names (drops or renames) or not.
   */
  default <T> T changing(
      java.util.Collection<String> names, SqlName made, boolean reworks, Supplier<T> run) {
    return changing(names, run);
  }

  /**
   * Whether the table surely has no column and no constraint of any of these names, known without
   * asking: a table this run made, every statement since followed. False where that is not known.
   * Asked where the absence alone decides (the guard then acts), never for a shape.
   */
  default boolean lacks(String schema, String table, java.util.Collection<String> names) {
    return false;
  }

  /**
   * The columns of a table, by name, where the guard looks for {@code sought} only: none at all
   * where the table surely lacks them ({@link #lacks}), else as {@link #table} has them. Null when
   * no table has that name.
   */
  default java.util.function.Function<String, ColumnInfo> columns(
      String schema, String table, java.util.Collection<String> sought) {
    if (lacks(schema, table, sought)) {
      return name -> null;
    }
    TableInfo found = table(schema, table);
    return found == null || !found.isTable() ? null : found::column;
  }

  /** The definition PostgreSQL keeps for a view, as pg_get_viewdef prints it; null if none. */
  String viewDefinition(String schema, String name);

  /**
   * The statement that makes the index, as pg_get_indexdef prints it; null if none. Asked only to
   * show a difference: deparsing opens the index, and for a schema's thousands of indexes that more
   * than doubles the time it takes to read them all.
   */
  String indexDefinition(String schema, String name);

  /**
   * Runs {@code statements} and then {@code read}, and undoes all of it (in a savepoint, or a
   * transaction of its own): how PostgreSQL itself would store something, without keeping it.
   */
  String probe(List<String> statements, String read);

  /** The first column of a query's first row as text, or null (sqlCheck, stored definitions). */
  String text(String sql);

  /** The value of a boolean SQL expression over the catalog. */
  boolean test(String expression);

  /** The answer to one question, asked with its values bound. */
  boolean holds(CatalogQuestion question);

  /**
   * Whether PostgreSQL resolves two expressions to one for a value of {@code type}: each cast to it
   * and planned, not run, by EXPLAIN, which prints them as it resolved them. False when either does
   * not plan. Asked inside a savepoint, so a failure leaves the transaction as it was.
   */
  boolean sameExpression(String have, String wanted, String type);

  /**
   * Whether PostgreSQL resolves two lists of expressions over {@code table} (qualified) alike, as
   * {@link #sameExpression} asks: an index's columns as the catalog prints them and as written.
   */
  boolean sameExpressions(String table, List<String> have, List<String> wanted);
}
