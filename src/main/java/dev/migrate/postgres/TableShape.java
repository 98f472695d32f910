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
      } else if (differs(w.column(), w.type(), have, w.pkLater(), ddl, w.ignored(), catalog)) {
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
   * Null when the column matches; otherwise one line saying what each side has. A NOT NULL the
   * changelog does not ask for is no difference when a later primary key covers the column.
   */
  static String difference(
      Column wanted, ColumnInfo have, boolean pkLater, PgDdl ddl, PgCatalog catalog) {
    return difference(wanted, have, pkLater, ddl, Set.of(), catalog);
  }

  /** The same, leaving out what later changes set of the column ({@code ignored}). */
  static String difference(
      Column wanted,
      ColumnInfo have,
      boolean pkLater,
      PgDdl ddl,
      Set<Aspect> ignored,
      PgCatalog catalog) {
    return differs(wanted, PgType.of(wanted.type()), have, pkLater, ddl, ignored, catalog)
        ? "column "
            + wanted.name()
            + ": the changelog wants "
            + ColumnText.describe(wanted, ddl)
            + ", the database has "
            + ColumnText.describe(have)
        : null;
  }

  private static boolean differs(
      Column wanted,
      PgType type,
      ColumnInfo have,
      boolean pkLater,
      PgDdl ddl,
      Set<Aspect> ignored,
      PgCatalog catalog) {
    boolean generated = wanted.autoIncrement() || type.isSerial();
    boolean typeDiffers = !type.matches(have.type());
    boolean nullDiffers =
        (wanted.notNull() || generated) != have.notNull() && !(have.notNull() && pkLater);
    boolean sequenceDefault =
        have.defaultExpression() != null && have.defaultExpression().startsWith("nextval(");
    // An identity column must be GENERATED ALWAYS or BY DEFAULT as asked; a sequence default will
    // do for BY DEFAULT (Liquibase's addAutoIncrement makes one).
    boolean identityDiffers =
        generated
            && (have.isIdentity()
                ? have.identity().equals("a")
                    != (wanted.autoIncrement() && wanted.identity().always())
                : !sequenceDefault || wanted.autoIncrement() && wanted.identity().always());
    // A default other than the changelog's, or one where it gives none (a generated column's
    // sequence default aside).
    boolean defaultDiffers =
        wanted.defaultValue() != null
            ? !Defaults.same(
                have.defaultExpression(),
                ddl.expression(wanted.defaultValue()),
                have.type(),
                catalog)
            : have.defaultExpression() != null && !generated;
    return typeDiffers && !ignored.contains(Aspect.TYPE)
        || nullDiffers && !ignored.contains(Aspect.NULLABILITY)
        || identityDiffers && !ignored.contains(Aspect.IDENTITY)
        || defaultDiffers && !ignored.contains(Aspect.DEFAULT);
  }

  /**
   * The same lines as {@link #differences}, joined as a drift message joins them, by one SQL
   * expression over pg_attribute; NULL when the table matches.
   */
  String differencesSql() {
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
                      + literal(Defaults.normalized(ddl.expression(w.column().defaultValue())))
                      // DEFAULT NULL stores no default: none is the same.
                      + (Defaults.same(null, ddl.expression(w.column().defaultValue()))
                          ? ", false)"
                          : ", true)")
                  : w.generated() ? "false" : "d.adbin IS NOT NULL";
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
              + " 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM "
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
    return "(SELECT string_agg(line, E'\\n    - ' ORDER BY n) FROM ("
        + String.join("\nUNION ALL ", parts)
        + ") AS differences)";
  }
}
