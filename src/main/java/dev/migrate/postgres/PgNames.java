package dev.migrate.postgres;

import dev.migrate.model.Identifier;
import dev.migrate.model.MigrateException;
import dev.migrate.model.SqlSplitter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes identifiers and literals, the one place that does. A name reaches SQL only through {@link
 * #quote}: written bare when it reads back as itself, else in double quotes with inner quotes
 * doubled, so no name can ever be read as SQL. Names arrive in the form PostgreSQL stores (the
 * changelog reader folded and truncated them, see {@link Identifier}).
 */
public final class PgNames {
  private PgNames() {}

  /** An identifier exactly as stored: bare when that reads back the same, else quoted. */
  public static String quote(String name) {
    if (Identifier.bare(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.name}, each part quoted as needed. */
  public static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /**
   * A name that may carry its schema ({@code seq} or {@code audit.seq}), each part quoted; a name
   * without one is in {@code defaultSchema}.
   */
  public static String maybeQualified(String defaultSchema, String name) {
    int dot = name.indexOf('.');
    return dot < 0
        ? qualified(defaultSchema, name)
        : qualified(name.substring(0, dot), name.substring(dot + 1));
  }

  /** A text[] literal of those strings, as a catalog question compares name arrays. */
  public static String textArray(List<String> items) {
    return "ARRAY["
        + items.stream().map(PgNames::literal).collect(java.util.stream.Collectors.joining(", "))
        + "]::text[]";
  }

  public static String columnList(List<String> columns) {
    return columns.stream().map(PgNames::quote).collect(Collectors.joining(", "));
  }

  /**
   * One element of an index: a column name, quoted, or an expression such as {@code lower(email)}
   * (Liquibase reads a name with parentheses as one), written as it is but only when it is one
   * expression and nothing more.
   */
  public static String indexElement(String column) {
    if (!isExpression(column)) {
      return quote(column);
    }
    if (!SqlSplitter.isOneExpression(column)) {
      throw MigrateException.invalid(
          "index column '" + column + "' is neither a name nor one SQL expression");
    }
    return column;
  }

  /** Whether an index column is an expression rather than a name. */
  public static boolean isExpression(String column) {
    return column.contains("(");
  }

  /** A string literal: single quotes doubled, so it is safe in any DDL. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /**
   * {@code prefix TABLESPACE name}, or "" for none. A plain name goes as written, so PostgreSQL
   * folds it as Liquibase's unquoted one is folded; any other is quoted, never run as SQL.
   */
  public static String tablespace(String prefix, String name) {
    return name == null ? "" : prefix + " TABLESPACE " + tablespaceName(name);
  }

  /** A tablespace's name as PostgreSQL stores it from the changelog's text. */
  public static String storedTablespace(String name) {
    return PLAIN.matcher(name).matches() ? name.toLowerCase(java.util.Locale.ROOT) : name;
  }

  private static String tablespaceName(String name) {
    return PLAIN.matcher(name).matches() ? name : quote(name);
  }

  private static final java.util.regex.Pattern PLAIN =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
}
