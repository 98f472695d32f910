package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.plan.Facts.Aspect;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns a createTable wants, compared with a table of that name that exists: each column's
 * type, nullability, identity or sequence and default, and columns the changelog does not have.
 * Columns a later change alters are left to that change. One comparison, written twice side by
 * side: in Java over the catalog's rows for {@code upgrade} and {@code check}, and as one SQL
 * expression for the {@code --sql} script. Both give the same lines, word for word, so the script
 * stops with the drift sentence {@code upgrade} prints.
 */
final class TableShape {
  private final String schema;
  private final String table;
  private final List<Wanted> wanted;
  private final LaterChanges after;
  private final List<String> declared;
  private final PgDdl ddl;
  private final PgCatalog catalog;

  /** A column the table must have, unless a later change alters it. */
  private record Wanted(
      Column column, PgType type, boolean pkLater, String describe, Set<Aspect> ignored) {
    boolean generated() {
      return column.autoIncrement() || type.isSerial();
    }

    boolean always() {
      return column.autoIncrement() && column.identity().always();
    }

    boolean notNull() {
      return column.notNull() || generated();
    }
  }

  /** {@code catalog} settles defaults whose text differs (see {@link Defaults}); null offline. */
  TableShape(Change.CreateTable c, LaterChanges after, PgDdl ddl, PgCatalog catalog) {
    this.catalog = catalog;
    this.schema = ddl.schema(c.schemaName());
    this.table = c.tableName();
    this.after = after;
    this.ddl = ddl;
    this.wanted = new ArrayList<>();
    for (Column column : c.columns()) {
      // What a later change sets of the column is that change's to check; the rest is compared.
      Set<Aspect> ignored = after.columns().touchedAspects(schema, table, column.name());
      if (!LaterColumns.whole(ignored)) {
        wanted.add(
            new Wanted(
                column,
                PgType.of(column.type()),
                after.columns().addPrimaryKeyOver(schema, table, column.name()),
                ColumnText.describe(column, ddl),
                ignored));
      }
    }
    this.declared = c.columns().stream().map(Column::name).toList();
  }

  // A later change alters, adds, drops or renames the column: its state now is that change's.
  private boolean exempt(String column) {
    return after.columns().touchedColumns(schema, table).contains(column);
  }

  /** The differences with the table as the catalog shows it, one line each; empty when none. */
  List<String> differences(TableInfo existing) {
    List<String> lines = new ArrayList<>();
    for (Wanted w : wanted) {
      ColumnInfo have = existing.column(w.column().name());
      if (have == null) {
        lines.add(
            "column "
                + w.column().name()
                + ": the changelog wants "
                + w.describe()
                + ", the database has no such column");
      } else if (ColumnShape.differs(
          w.column(), w.type(), have, w.pkLater(), ddl, w.ignored(), catalog)) {
        lines.add(
            "column "
                + w.column().name()
                + ": the changelog wants "
                + w.describe()
                + ", the database has "
                + ColumnText.describe(have));
      }
    }
    for (ColumnInfo have : existing.columns()) {
      if (!declared.contains(have.name()) && !exempt(have.name())) {
        lines.add(
            "column "
                + have.name()
                + ": not in the changelog, the database has "
                + ColumnText.describe(have));
      }
    }
    return lines;
  }

  /**
   * The same lines as {@link #differences}, joined as a drift message joins them, by one SQL
   * expression over pg_attribute; NULL when the table matches.
   */
  String differencesSql() {
    return differencesSql(false);
  }

  /**
   * PL/pgSQL that stops the script with upgrade's sentence where a column of {@code c} is there and
   * differs: what an addColumn (or a raw ADD COLUMN) checks before it adds the missing ones.
   */
  static String presentColumnsCheck(Change.AddColumn c, LaterChanges after, PgDdl ddl) {
    TableShape shape =
        new TableShape(
            new Change.CreateTable(c.schemaName(), c.tableName(), null, c.columns()),
            after,
            ddl,
            null);
    String differences = shape.differencesSql(true);
    return "IF " + differences + " IS NOT NULL THEN\n" + shape.raise(differences) + "\nEND IF;";
  }

  /** A PL/pgSQL branch body that raises the drift sentence of {@code differences}. */
  String raise(String differences) {
    return "  RAISE EXCEPTION '%', "
        + literal(
            "table " + PgNames.qualified(schema, table) + " differs from the changelog:\n    - ")
        + " || "
        + differences
        + ";";
  }

  private String differencesSql(boolean presentOnly) {
    String relation = "to_regclass(" + literal(PgNames.qualified(schema, table)) + ")";
    String have =
        "format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END"
            + " || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END";
    String columns =
        "pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum";
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Wanted w = wanted.get(i);
      String head =
          literal(
              "column "
                  + w.column().name()
                  + ": the changelog wants "
                  + w.describe()
                  + ", the database has ");
      String typeDiffers =
          w.ignored().contains(Aspect.TYPE)
              ? "false"
              : "NOT (format_type(a.atttypid, a.atttypmod) = "
                  + literal(w.type().catalog())
                  + " OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '\"', ''), '^[^(]*\\.', '') = "
                  + literal(PgType.unqualified(w.type().catalog()))
                  + ")";
      String nullDiffers =
          w.ignored().contains(Aspect.NULLABILITY)
              ? "false"
              : "(a.attnotnull <> "
                  + w.notNull()
                  + (w.pkLater() ? " AND NOT a.attnotnull" : "")
                  + ")";
      String identityDiffers =
          w.generated() && !w.ignored().contains(Aspect.IDENTITY)
              ? w.always()
                  ? "a.attidentity <> 'a'"
                  : "(a.attidentity = 'a' OR a.attidentity = '' AND COALESCE(pg_get_expr(d.adbin, d.adrelid) NOT LIKE 'nextval(%', true))"
              : "false";
      String defaultDiffers =
          w.ignored().contains(Aspect.DEFAULT)
              ? "false"
              : w.column().defaultValue() != null
                  ? "COALESCE("
                      + Defaults.normalizedSql("pg_get_expr(d.adbin, d.adrelid)")
                      + " <> "
                      + literal(Defaults.normalized(Defaults.of(w.column(), ddl)))
                      // DEFAULT NULL stores no default: none is the same.
                      + (Defaults.same(null, Defaults.of(w.column(), ddl)) ? ", false)" : ", true)")
                  : w.generated()
                      ? "false"
                      // A stored NULL constant (DEFAULT NULL in raw SQL) is no default.
                      : "(d.adbin IS NOT NULL AND "
                          + Defaults.normalizedSql("pg_get_expr(d.adbin, d.adrelid)")
                          + " <> 'null')";
      parts.add(
          "SELECT "
              + i
              + " AS n, "
              + head
              + " || COALESCE((SELECT "
              + have
              + " FROM "
              + columns
              + " WHERE a.attrelid = "
              + relation
              + " AND a.attname = "
              + literal(w.column().name())
              + " AND a.attnum > 0 AND NOT a.attisdropped),"
              + " 'no such column') AS line WHERE "
              + (presentOnly
                  ? CatalogQuestion.column(new SqlName(schema, table), w.column().name()).literal()
                      + " AND "
                  : "")
              + "NOT EXISTS (SELECT 1 FROM "
              + columns
              + " WHERE a.attrelid = "
              + relation
              + " AND a.attname = "
              + literal(w.column().name())
              + " AND a.attnum > 0 AND NOT a.attisdropped AND NOT ("
              + typeDiffers
              + " OR "
              + nullDiffers
              + " OR "
              + identityDiffers
              + " OR "
              + defaultDiffers
              + "))");
    }
    if (presentOnly && parts.isEmpty()) {
      return "NULL::text";
    }
    if (presentOnly) {
      return joined(parts);
    }
    // Columns the changelog declares, and those a later change works on, are not "more".
    java.util.Set<String> ignore = new java.util.LinkedHashSet<>(declared);
    ignore.addAll(after.columns().touchedColumns(schema, table));
    parts.add(
        "SELECT "
            + wanted.size()
            + " + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || ("
            + have
            + ") AS line FROM "
            + columns
            + " WHERE a.attrelid = "
            + relation
            + " AND a.attnum > 0 AND NOT a.attisdropped"
            + (ignore.isEmpty()
                ? ""
                : " AND a.attname NOT IN ("
                    + ignore.stream().map(PgNames::literal).collect(Collectors.joining(", "))
                    + ")"));
    return joined(parts);
  }

  /** The drift lines of {@code parts} (each a SELECT of n and line), in order; null if none. */
  static String joined(List<String> parts) {
    return "(SELECT string_agg(line, E'\\n    - ' ORDER BY n) FROM ("
        + String.join("\nUNION ALL ", parts)
        + ") AS differences)";
  }
}
