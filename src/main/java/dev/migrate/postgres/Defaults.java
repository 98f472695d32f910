package dev.migrate.postgres;

import java.util.Locale;

/**
 * When a column's default is the one the changelog gives. PostgreSQL stores the expression as it
 * prints it back ({@code 'd1'::character varying}, {@code public.f()}, extra parentheses), so both
 * sides are compared without casts, the {@code public.} prefix, quotes, parentheses, spaces or
 * case, with {@code CURRENT_TIMESTAMP} as {@code now()} (the same function) and a typed literal
 * ({@code interval '1 day'}) as the cast PostgreSQL stores. The same normalisation is written once
 * in Java and once in SQL, for the offline script.
 */
final class Defaults {
  // ::type, ::schema.type, ::"Type", ::character varying(40), ::text[]
  private static final String CAST =
      "::(?:\"[^\"]*\"|[a-z_][a-z0-9_]*)(?:[ .](?:\"[^\"]*\"|[a-z_][a-z0-9_]*))*"
          + "(\\(\\d+(,\\d+)?\\))?(\\[\\])?";

  private Defaults() {}

  /** Whether the stored default {@code have} is {@code wanted} (a rendered expression). */
  static boolean same(String have, String wanted) {
    // DEFAULT NULL stores no default at all.
    return have != null
        ? normalized(have).equals(normalized(wanted))
        : normalized(wanted).equals("null");
  }

  /**
   * The same, and where the texts differ, whether PostgreSQL resolves both to one expression for a
   * column of {@code type} ({@code interval '1 hour'} is stored as {@code '01:00:00'::interval});
   * {@code catalog} null (offline) compares the texts only.
   */
  static boolean same(String have, String wanted, String type, PgCatalog catalog) {
    return same(have, wanted)
        || have != null && catalog != null && catalog.sameExpression(have, wanted, type);
  }

  /**
   * Whether a stored literal default is cast to the column's type as it is now. PostgreSQL casts a
   * literal to the column's type when the default is set and keeps that cast when the column is
   * retyped later ({@code 'd'::character varying} on a text column); setting the default again then
   * stores another expression, as Liquibase does, so such a default is set again.
   */
  static boolean castFits(String stored, String columnType) {
    if (stored == null) {
      return true;
    }
    java.util.regex.Matcher m = LITERAL_CAST.matcher(stored);
    return !m.matches() || m.group(1).equals(columnType.replaceFirst("\\(.*\\)", ""));
  }

  private static final java.util.regex.Pattern LITERAL_CAST =
      java.util.regex.Pattern.compile("'(?:[^']++|'')*'::(.+)");

  static String normalized(String expression) {
    String text = TYPED_LITERAL_PATTERN.matcher(expression).replaceAll("'");
    text = CAST_PATTERN.matcher(text).replaceAll("");
    text = text.replace("public.", "").replace("'", "").replace("\"", "");
    return SPACE_OR_PARENTHESIS
        .matcher(text)
        .replaceAll("")
        .toLowerCase(Locale.ROOT)
        .replace("current_timestamp", "now");
  }

  // interval '1 day', date '2024-01-01': PostgreSQL stores the literal with a cast instead.
  private static final String TYPED_LITERAL =
      "\\b(?:interval|date|time|timestamp|timestamptz)\\s+'";

  // Compiled once: every default of every column compared goes through them.
  private static final java.util.regex.Pattern TYPED_LITERAL_PATTERN =
      java.util.regex.Pattern.compile("(?i)" + TYPED_LITERAL);
  private static final java.util.regex.Pattern CAST_PATTERN = java.util.regex.Pattern.compile(CAST);
  private static final java.util.regex.Pattern SPACE_OR_PARENTHESIS =
      java.util.regex.Pattern.compile("[\\s()]");

  /** The SQL that normalises the text of {@code expression} as {@link #normalized} does. */
  static String normalizedSql(String expression) {
    return "replace(lower(regexp_replace(replace(replace(replace(regexp_replace(regexp_replace("
        + expression
        + ", "
        + PgNames.literal(TYPED_LITERAL.replace("\\b", "\\m"))
        + ", '''', 'gi'), "
        + PgNames.literal(CAST)
        + ", '', 'g'), 'public.', ''), '''', ''), '\"', ''), '[\\s()]', '', 'g')),"
        + " 'current_timestamp', 'now')";
  }

  /**
   * A column's default as Liquibase writes it: text given to a column of a number type, when it is
   * a plain number, is written unquoted (DEFAULT 0, where DEFAULT '0' would be kept as
   * '0'::bigint), to a whole-number type without the zeros of its fraction; text ending in () to a
   * timestamp type is a function call; any other value as {@link #of(dev.migrate.model.Value,
   * PgDdl)} writes it.
   */
  static String of(dev.migrate.model.Column column, PgDdl ddl) {
    dev.migrate.model.Value value = column.defaultValue();
    if (value.kind() == dev.migrate.model.Value.Kind.STRING
        && PgType.NUMBER_TEXT.matcher(value.text()).matches()
        && PgType.writtenAsNumber(column.type())) {
      // Liquibase's whole-number types write any value as a number: 30.0 as 30.
      return WHOLE.contains(PgType.of(column.type()).catalog())
          ? WHOLE_FRACTION.matcher(value.text()).replaceFirst("")
          : value.text();
    }
    // Liquibase's timestamp types write text that ends in () as the function call it looks like:
    // defaultValue="now()" is DEFAULT now(), not the time the table was made.
    if (value.kind() == dev.migrate.model.Value.Kind.STRING
        && value.text().endsWith("()")
        && PgType.of(column.type()).catalog().startsWith("timestamp")) {
      return ddl.expression(
          new dev.migrate.model.Value(dev.migrate.model.Value.Kind.COMPUTED, value.text()));
    }
    return of(value, ddl);
  }

  private static final java.util.Set<String> WHOLE =
      java.util.Set.of("smallint", "integer", "bigint");

  /**
   * A default given as a value: a number (defaultValueNumeric) without the zeros of a whole
   * number's fraction, as Liquibase writes a number it holds as one (30.0 as 30, 1.50 as it is);
   * any other value as {@link PgDdl#expression} writes it.
   */
  static String of(dev.migrate.model.Value value, PgDdl ddl) {
    return value.kind() == dev.migrate.model.Value.Kind.NUMERIC
        ? WHOLE_FRACTION.matcher(value.text()).replaceFirst("")
        : ddl.expression(value);
  }

  /**
   * The default addDefaultValue sets: its number as Liquibase parses it there (Java's number format
   * for US English, reading the number the text starts with) and prints it, 1.50 as 1.5 and 8.00 as
   * 8; any other value as {@link #of(dev.migrate.model.Value, PgDdl)} writes it.
   */
  static String set(dev.migrate.model.Value value, PgDdl ddl) {
    if (value.kind() == dev.migrate.model.Value.Kind.NUMERIC) {
      try {
        Number number = java.text.NumberFormat.getInstance(Locale.US).parse(value.text());
        return WHOLE_FRACTION.matcher(number.toString()).replaceFirst("");
      } catch (java.text.ParseException e) {
        return value.text();
      }
    }
    return of(value, ddl);
  }

  private static final java.util.regex.Pattern WHOLE_FRACTION =
      java.util.regex.Pattern.compile("\\.0+$");
}
