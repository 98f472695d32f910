package dev.migrate.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What PostgreSQL stores for a name written in a changelog. Liquibase writes a name bare or in
 * double quotes by its {@code objectQuotingStrategy}; PostgreSQL folds a bare name to lower case
 * and keeps a quoted one as it is; either way it keeps at most 63 bytes. The changelog reader turns
 * every name into this stored form once, so DDL, guards and the catalog all speak of the same
 * object; {@code postgres} then quotes exactly what is stored.
 */
public final class Identifier {
  /** NAMEDATALEN - 1: the bytes PostgreSQL keeps of a name. */
  public static final int MAX_BYTES = 63;

  // PostgreSQL's reserved key words (manual, Appendix C), the list Liquibase 4.33 quotes.
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with",
          "authorization",
          "binary",
          "collation",
          "concurrently",
          "cross",
          "current_schema",
          "freeze",
          "full",
          "ilike",
          "inner",
          "is",
          "isnull",
          "join",
          "left",
          "like",
          "natural",
          "notnull",
          "outer",
          "overlaps",
          "right",
          "similar",
          "tablesample",
          "verbose");

  // A name of ASCII letters, digits and underscores that does not start with a digit.
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_$]*");

  /** Liquibase's {@code objectQuotingStrategy}: when it writes a name in double quotes. */
  public enum Quoting {
    /** Quoted when mixed case, reserved, or not a plain word; so an upper-case name folds. */
    LEGACY,
    /** Every name quoted: stored exactly as written. */
    QUOTE_ALL_OBJECTS,
    /** Quoted only when reserved or not a plain word; so any case folds. */
    QUOTE_ONLY_RESERVED_WORDS;

    /** The strategy a changelog names, or null for an unknown word. */
    public static Quoting named(String name) {
      for (Quoting q : values()) {
        if (q.name().equalsIgnoreCase(name.strip())) {
          return q;
        }
      }
      return null;
    }
  }

  private Identifier() {}

  /** The name PostgreSQL stores for {@code written} under {@code quoting}, at most 63 bytes. */
  public static String stored(String written, Quoting quoting) {
    return truncated(folded(written, quoting));
  }

  /** The name before truncation: lower-cased where Liquibase leaves it bare. */
  public static String folded(String written, Quoting quoting) {
    boolean quoted =
        switch (quoting) {
          case QUOTE_ALL_OBJECTS -> true;
          case QUOTE_ONLY_RESERVED_WORDS -> !plainWord(written);
          case LEGACY -> !plainWord(written) || mixedCase(written);
        };
    // PostgreSQL folds only ASCII letters of a bare name.
    return quoted ? written : asciiLower(written);
  }

  /** Whether a name is longer than PostgreSQL keeps. */
  public static boolean tooLong(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
  }

  /** The first 63 bytes of a name, never splitting a character, as PostgreSQL truncates. */
  public static String truncated(String name) {
    return tooLong(name) ? truncated(name, MAX_BYTES) : name;
  }

  /**
   * The first {@code maxBytes} bytes of a name, never splitting a character: the part PostgreSQL
   * keeps of a name it adds a suffix to ({@code <table>_pkey}).
   */
  public static String truncated(String name, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < name.length()) {
      int cp = name.codePointAt(end);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    return name.substring(0, end);
  }

  /** Whether a stored name can be written bare: it reads back as itself. */
  public static boolean bare(String stored) {
    return BARE.matcher(stored).matches() && !RESERVED.contains(stored);
  }

  /** Whether a name is a reserved key word, in any case. */
  public static boolean reserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  private static boolean plainWord(String name) {
    return WORD.matcher(name).matches() && !reserved(name);
  }

  private static boolean mixedCase(String name) {
    return name.chars().anyMatch(Character::isUpperCase)
        && name.chars().anyMatch(Character::isLowerCase);
  }

  private static String asciiLower(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }
}
