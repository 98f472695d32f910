package dev.migrate.postgres;

import java.util.Locale;

/**
 * When a column's default is the one the changelog gives. PostgreSQL stores the expression as it
 * prints it back ({@code 'd1'::character varying}, {@code public.f()}, extra parentheses), so both
 * sides are compared without casts, the {@code public.} prefix, quotes, parentheses, spaces or
 * case. The same normalisation is written once in Java and once in SQL, for the offline script.
 */
final class Defaults {
  // ::type, ::schema.type, ::"Type", ::character varying(40), ::text[]
  private static final String CAST =
      "::(?:\"[^\"]*\"|[a-z_][a-z0-9_]*)(?:[ .](?:\"[^\"]*\"|[a-z_][a-z0-9_]*))*"
          + "(\\(\\d+(,\\d+)?\\))?(\\[\\])?";

  private Defaults() {}

  /** Whether the stored default {@code have} is {@code wanted} (a rendered expression). */
  static boolean same(String have, String wanted) {
    return have != null && normalized(have).equals(normalized(wanted));
  }

  /**
   * Whether a stored literal default is cast to the column's type as it is now. PostgreSQL casts a
   * literal to the column's type when the default is set and keeps that cast when the column is
   * retyped later ({@code 'd'::character varying} on a text column); setting the default again then
   * stores another expression, as Liquibase does, so such a default is set again.
   */
  static boolean castFits(String stored, String columnType) {
    java.util.regex.Matcher m = LITERAL_CAST.matcher(stored);
    return !m.matches() || m.group(1).equals(columnType.replaceFirst("\\(.*\\)", ""));
  }

  private static final java.util.regex.Pattern LITERAL_CAST =
      java.util.regex.Pattern.compile("'(?:[^']|'')*'::(.+)");

  static String normalized(String expression) {
    return expression
        .replaceAll(CAST, "")
        .replace("public.", "")
        .replace("'", "")
        .replace("\"", "")
        .replaceAll("[\\s()]", "")
        .toLowerCase(Locale.ROOT);
  }

  /** The SQL that normalises the text of {@code expression} as {@link #normalized} does. */
  static String normalizedSql(String expression) {
    return "lower(regexp_replace(replace(replace(replace(regexp_replace("
        + expression
        + ", "
        + PgNames.literal(CAST)
        + ", '', 'g'), 'public.', ''), '''', ''), '\"', ''), '[\\s()]', '', 'g'))";
  }
}
