package dev.migrate.postgres;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Quotes identifiers and literals for PostgreSQL DDL, the one place that does. */
public final class PgNames {
  // Words PostgreSQL reserves (manual, Appendix C): they must be quoted to be used as names.
  private static final Set<String> RESERVED =
      Set.of(
          "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both",
          "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
          "current_date", "current_role", "current_time", "current_timestamp", "current_user",
          "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
          "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially",
          "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
          "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
          "returning", "select", "session_user", "some", "symmetric", "table", "then", "to",
          "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
          "window", "with", "authorization", "binary", "collation", "concurrently", "cross",
          "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left",
          "like", "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample",
          "verbose");

  private PgNames() {}

  /**
   * An identifier as written, quoted only when PostgreSQL would otherwise change or reject it. A
   * name that is an expression (it holds parentheses, as an index on {@code lower(email)} does)
   * is written as it is, as Liquibase writes it.
   */
  public static String quote(String name) {
    if (name.contains("(")) {
      return name;
    }
    if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.name}, each part quoted as needed. */
  public static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  public static String columnList(List<String> columns) {
    return columns.stream().map(PgNames::quote).collect(Collectors.joining(", "));
  }

  /** A string literal: single quotes doubled, so it is safe in any DDL. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
