package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.SqlSplitter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type of the changelog translated for PostgreSQL the way Liquibase does it ({@code
 * nvarchar(n)} → {@code character varying(n)}, {@code datetime} → {@code timestamp without time
 * zone}, …), spelled as {@code format_type()} prints it so a guard compares by text.
 *
 * @param ddl what CREATE TABLE says (differs from the catalog spelling only for serial types)
 * @param catalog what {@code format_type(atttypid, atttypmod)} shows afterwards
 */
public record PgType(String ddl, String catalog) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "\\s*([^(\\[]*?)\\s*(?:(\\(\\s*([^)]*?)\\s*\\))\\s*([A-Za-z ]*?))?\\s*((?:\\[\\s*\\d*\\s*\\])*)\\s*");
  // Compiled once: every column of every table compared is translated.
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern STANDARD_ARRAY =
      Pattern.compile(
          "\\s*(\\S.*?)\\s+ARRAY\\s*(?:\\[\\s*\\d*\\s*\\])?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACE_OR_DIGIT = Pattern.compile("\\s|\\d");

  /**
   * Translates a type as written in the changelog. A type goes into DDL as written when it is not
   * one Liquibase translates, so it must be a type and nothing else: words, quoted names, dots, one
   * level of parenthesised arguments and array brackets. Anything more is refused.
   */
  public static PgType of(String written) {
    PgType known = KNOWN.get(written);
    if (known != null) {
      return known;
    }
    PgType type = translated(written);
    if (KNOWN.size() < 10_000) {
      KNOWN.put(written, type);
    }
    return type;
  }

  // Each spelling translated once: a changelog writes the same few types on thousands of columns,
  // and every guard and comparison of a column asks. A refused type is not kept: it is asked again.
  private static final java.util.Map<String, PgType> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static PgType translated(String written) {
    if (!SqlSplitter.isTypeName(written)) {
      throw MigrateException.invalid(
          "'" + written + "' is not a column type (a type name with optional (arguments) and [])");
    }
    // The standard's spelling of an array, {@code bigint ARRAY} or {@code int ARRAY[4]}: the same
    // type as {@code bigint[]}, which PostgreSQL shows.
    Matcher standard = STANDARD_ARRAY.matcher(written);
    if (standard.matches()) {
      return translated(standard.group(1) + "[]");
    }
    Matcher m = SHAPE.matcher(written);
    if (!m.matches() || written.contains("\"")) {
      return userType(written.trim());
    }
    String base = base(m);
    String args = m.group(3) == null ? null : SPACES.matcher(m.group(3)).replaceAll("");
    String array = SPACE_OR_DIGIT.matcher(m.group(5)).replaceAll("");
    if (base.isEmpty()) {
      return userType(written.trim());
    }
    PgType translated = translate(TypeAliases.of(base), args);
    return new PgType(translated.ddl + array, translated.catalog + array);
  }

  // Names Liquibase translates that are no PostgreSQL type: in raw SQL they name a user's type.
  private static final java.util.Set<String> LIQUIBASE_ONLY =
      java.util.Set.of(
          "mediumint",
          "tinyint",
          "nvarchar",
          "varchar2",
          "nvarchar2",
          "nchar",
          "clob",
          "nclob",
          "longtext",
          "mediumtext",
          "tinytext",
          "ntext",
          "blob",
          "longblob",
          "mediumblob",
          "tinyblob",
          "varbinary",
          "binary",
          "image",
          "datetime",
          "double",
          "number");

  /**
   * A type as raw SQL writes it, by PostgreSQL's own names: {@code bit} is {@code bit(1)} and the
   * names only Liquibase translates ({@code datetime}, {@code clob}…) are a user's types.
   */
  public static PgType ofSql(String written) {
    Matcher standard = STANDARD_ARRAY.matcher(written); // bigint ARRAY: see translated
    if (standard.matches()) {
      return ofSql(standard.group(1) + "[]");
    }
    Matcher m = SHAPE.matcher(written);
    if (!m.matches() || written.contains("\"")) {
      return of(written);
    }
    String base = base(m);
    String args = m.group(3) == null ? null : "(" + SPACES.matcher(m.group(3)).replaceAll("") + ")";
    String array = SPACE_OR_DIGIT.matcher(m.group(5)).replaceAll("");
    if (LIQUIBASE_ONLY.contains(base) || !TypeAliases.of(base).equals(base)) {
      return userType(base + (args == null ? "" : args) + array);
    }
    if (base.equals("money")) {
      return same("money" + array); // PostgreSQL's own, where Liquibase writes a decimal
    }
    if (base.equals("bit") || base.equals("bit varying") || base.equals("varbit")) {
      String spelling =
          (base.equals("bit") ? "bit" : "bit varying")
              + (args == null && base.equals("bit") ? "(1)" : args == null ? "" : args);
      return new PgType(spelling + array, spelling + array);
    }
    return of(written);
  }

  /**
   * The spelling of this raw-SQL type that {@link #of} reads back as the same type: a serial type
   * by its name, another whose catalog name Liquibase would translate ({@code bit(1)}, a user's
   * {@code number}) with its base name quoted.
   */
  public String sqlSpelling() {
    if (isSerial()) {
      return ddl.toLowerCase(Locale.ROOT);
    }
    if (of(catalog).catalog.equals(catalog)) {
      return catalog;
    }
    int cut = catalog.indexOf('(') >= 0 ? catalog.indexOf('(') : catalog.indexOf('[');
    return cut < 0
        ? "\"" + catalog + "\""
        : "\"" + catalog.substring(0, cut) + "\"" + catalog.substring(cut);
  }

  private static PgType translate(String base, String args) {
    String withArgs = args == null ? "" : "(" + args + ")";
    return switch (base) {
      case "int", "integer", "int4", "mediumint" -> same("integer");
      case "bigint", "int8" -> same("bigint");
      case "smallint", "int2", "tinyint" -> same("smallint");
      case "serial", "serial4" -> new PgType("SERIAL", "integer");
      case "bigserial", "serial8" -> new PgType("BIGSERIAL", "bigint");
      case "smallserial", "serial2" -> new PgType("SMALLSERIAL", "smallint");
      case "varchar", "character varying", "nvarchar", "varchar2", "nvarchar2" ->
          "max".equalsIgnoreCase(args) ? same("text") : same("character varying" + withArgs);
      case "char", "character", "nchar" -> same("character" + (args == null ? "(1)" : withArgs));
      case "text", "clob", "nclob", "longtext", "mediumtext", "tinytext", "ntext" -> same("text");
      case "boolean", "bool", "bit" -> same("boolean");
      // Liquibase keeps a blob's bytes in a large object on PostgreSQL, the column its oid; the
      // other binary types are bytea.
      case "blob" -> same("oid");
      case "longblob", "mediumblob", "tinyblob", "bytea", "varbinary", "binary", "image" ->
          same("bytea");
      case "datetime", "timestamp", "timestamp without time zone" ->
          same("timestamp" + withArgs + " without time zone");
      case "timestamptz", "timestamp with time zone" ->
          same("timestamp" + withArgs + " with time zone");
      case "time", "time without time zone" -> same("time" + withArgs + " without time zone");
      case "timetz", "time with time zone" -> same("time" + withArgs + " with time zone");
      case "double", "double precision", "float8" -> same("double precision");
      case "real", "float4" -> same("real");
      case "float" ->
          args != null && Integer.parseInt(args.replaceAll("\\D", "0")) <= 24
              ? same("real")
              : same("double precision");
      // numeric(p) is numeric(p,0): PostgreSQL stores and prints the scale.
      case "decimal", "numeric", "number", "money" ->
          same("numeric" + (args != null && !args.contains(",") ? "(" + args + ",0)" : withArgs));
      case "uuid",
          "json",
          "jsonb",
          "xml",
          "date",
          "interval",
          "inet",
          "cidr",
          "macaddr",
          "tsvector",
          "oid" ->
          same(base + withArgs);
      default -> userType(base + withArgs);
    };
  }

  // Built-in types are written upper-case in DDL, as Liquibase writes them: a case-sensitive
  // modifySql replace then matches (or misses) exactly where it does under Liquibase.
  private static PgType same(String spelling) {
    return new PgType(spelling.toUpperCase(Locale.ROOT), spelling);
  }

  private static PgType userType(String spelling) {
    return new PgType(spelling, spelling);
  }

  /**
   * A number as text: sign, digits, fraction, exponent ({@code -1.5e3}, {@code +2}, {@code .5}).
   */
  static final Pattern NUMBER_TEXT =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  /**
   * Whether Liquibase reads this written type as one of its number types (by its own names, not
   * PostgreSQL's: {@code float8} is not one), whose default given as text it writes unquoted.
   */
  public static boolean writtenAsNumber(String written) {
    Matcher m = SHAPE.matcher(written);
    return m.matches() && m.group(5).isEmpty() && LIQUIBASE_NUMBERS.contains(base(m));
  }

  // The name of a type matched by SHAPE, lower case, its words one space apart, without arguments:
  // "timestamp(6) with time zone" is "timestamp with time zone".
  private static String base(Matcher m) {
    String words = (m.group(1) + " " + (m.group(4) == null ? "" : m.group(4))).trim();
    return SPACES.matcher(words.toLowerCase(Locale.ROOT)).replaceAll(" ");
  }

  private static final java.util.Set<String> LIQUIBASE_NUMBERS =
      java.util.Set.of(
          "bigint",
          "integer8",
          "bigserial",
          "serial8",
          "int8",
          "java.sql.types.bigint",
          "java.math.biginteger",
          "java.lang.long",
          "int",
          "integer",
          "serial",
          "int4",
          "serial4",
          "java.sql.types.integer",
          "java.lang.integer",
          "smallint",
          "int2",
          "smallserial",
          "java.sql.types.smallint",
          "tinyint",
          "java.sql.types.tinyint",
          "mediumint",
          "decimal",
          "java.sql.types.decimal",
          "java.math.bigdecimal",
          "number",
          "numeric",
          "java.sql.types.numeric",
          "float",
          "real",
          "java.sql.types.float",
          "java.lang.float",
          "java.sql.types.real",
          "double",
          "double precision",
          "java.sql.types.double",
          "java.lang.double",
          "currency",
          "money",
          "smallmoney");

  /** serial, bigserial, smallserial: PostgreSQL makes them NOT NULL with a sequence default. */
  public boolean isSerial() {
    return ddl.endsWith("SERIAL");
  }

  /**
   * Whether the catalog's spelling names this type. {@code format_type} qualifies a type with its
   * schema only when the schema is not on the search path, so an unqualified name matches either.
   */
  public boolean matches(String formatType) {
    if (catalog.equals(formatType)) {
      return true;
    }
    return unqualified(catalog).equals(unqualified(formatType));
  }

  /** The type name without its schema, as the guards compare it (also in SQL, in TableShape). */
  static String unqualified(String type) {
    String plain = type.replace("\"", "");
    int paren = plain.indexOf('(');
    int dot = plain.lastIndexOf('.', paren < 0 ? plain.length() : paren);
    return dot < 0 ? plain : plain.substring(dot + 1);
  }
}
