package dev.migrate.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements on a delimiter the way PostgreSQL reads it: a delimiter inside a
 * quoted string, a quoted identifier, a dollar-quoted body ({@code $$ … $$}, {@code $fn$ … $fn$})
 * or a comment does not end a statement. Pure text in, statements out.
 */
public final class SqlSplitter {
  private SqlSplitter() {}

  /** The statements of {@code sql}, trimmed, empty ones dropped. */
  public static List<String> split(String sql, String delimiter, boolean stripComments) {
    return split(sql, delimiter, stripComments, false);
  }

  /**
   * The statements PostgreSQL runs when it is sent {@code sql} as one string: split on semicolons
   * outside quotes, comments, dollar quotes and parentheses (a rule's actions in parentheses stay
   * whole), as the driver splits a multi-statement string.
   */
  public static List<String> serverStatements(String sql) {
    return split(sql, ";", false, true);
  }

  private static List<String> split(
      String sql, String delimiter, boolean stripComments, boolean parentheses) {
    if (stripComments) {
      // Liquibase strips comments first, knowing only quoted strings: a comment inside a
      // $$-quoted function body goes too, and the statements are split afterwards.
      sql = withoutComments(sql);
    }
    String end = delimiter == null || delimiter.isEmpty() ? ";" : delimiter;
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean code = false; // whether the statement so far has more than comments and blanks
    int depth = 0; // open parentheses, counted only when they protect the delimiter
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int stop = sql.indexOf('\n', i);
        stop = stop < 0 ? n : stop;
        if (!stripComments) {
          current.append(sql, i, stop);
        }
        i = stop;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int stop = blockCommentEnd(sql, i);
        if (!stripComments) {
          current.append(sql, i, stop);
        }
        i = stop;
      } else if (c == '\'' || c == '"') {
        int stop = quoteEnd(sql, i, c, c == '\'' && escapeString(sql, i));
        current.append(sql, i, stop);
        code = true;
        i = stop;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        int stop = close < 0 ? n : close + tag.length();
        current.append(sql, i, stop);
        code = true;
        i = stop;
      } else if (parentheses && (c == '(' || c == ')')) {
        depth += c == '(' ? 1 : -1;
        current.append(c);
        code = true;
        i++;
      } else if (sql.startsWith(end, i) && depth <= 0) {
        add(statements, current, code);
        current.setLength(0);
        code = false;
        i += end.length();
      } else {
        current.append(c);
        code |= !Character.isWhitespace(c);
        i++;
      }
    }
    add(statements, current, code);
    return statements;
  }

  /**
   * The text without its {@code --} and {@code /* *}{@code /} comments, as Liquibase strips them:
   * only quoted strings and identifiers protect them; the rest of each line is kept.
   */
  public static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int stop = sql.indexOf('\n', i);
        i = stop < 0 ? n : stop;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockCommentEnd(sql, i);
      } else if (c == '\'' || c == '"') {
        int stop = quoteEnd(sql, i, c, c == '\'' && escapeString(sql, i));
        out.append(sql, i, stop);
        i = stop;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The whole text as one statement, comments stripped when asked. */
  public static List<String> whole(String sql, boolean stripComments) {
    String text = stripComments ? withoutComments(sql) : sql;
    return text.isBlank() ? List.of() : List.of(text.strip());
  }

  /**
   * Whether {@code text} is one SQL expression and nothing more, as an index column such as {@code
   * lower(email)} is: every quote and dollar quote closed, parentheses balanced, and no statement
   * end or comment outside them, so it cannot end the statement it is put into.
   */
  public static boolean isOneExpression(String text) {
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ';'
          || text.startsWith("--", i)
          || text.startsWith("/*", i)
          || text.startsWith("*/", i)) {
        return false;
      } else if (c == '\'' || c == '"') {
        // A sentinel after the text tells a closed quote at the very end from an open one.
        int stop = quoteEnd(text + "\u0000", i, c, c == '\'' && escapeString(text, i));
        if (stop > n) {
          return false;
        }
        i = stop;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int close = text.indexOf(tag, i + tag.length());
        if (close < 0) {
          return false;
        }
        i = close + tag.length();
      } else {
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth < 0) {
          return false;
        }
        i++;
      }
    }
    return depth == 0 && !text.isBlank();
  }

  /**
   * Whether {@code text} is a type name and nothing else: words of letters, digits, _ and $,
   * spaces, dots, commas, one level of parentheses, array brackets and closed "quoted names".
   */
  public static boolean isTypeName(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        int close = text.indexOf('"', i + 1);
        while (close >= 0 && close + 1 < text.length() && text.charAt(close + 1) == '"') {
          close = text.indexOf('"', close + 2);
        }
        if (close < 0) {
          return false;
        }
        i = close;
      } else if (c == '(') {
        if (++depth > 1) {
          return false;
        }
      } else if (c == ')') {
        if (--depth < 0) {
          return false;
        }
      } else if (!(Character.isLetterOrDigit(c)
          || c == '_'
          || c == '$'
          || c == '.'
          || c == ','
          || c == '['
          || c == ']'
          || c == ' '
          || c == '\t')) {
        return false;
      }
    }
    return depth == 0;
  }

  private static void add(List<String> statements, StringBuilder current, boolean code) {
    if (code) {
      statements.add(current.toString().strip());
    }
  }

  /**
   * The index after the {@code --} or (nested) {@code /* *}{@code /} comment that starts at {@code
   * start}; {@code start} itself when none starts there.
   */
  public static int commentEnd(String sql, int start) {
    if (sql.startsWith("--", start)) {
      int stop = sql.indexOf('\n', start);
      return stop < 0 ? sql.length() : stop;
    }
    return sql.startsWith("/*", start) ? blockCommentEnd(sql, start) : start;
  }

  private static int blockCommentEnd(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static boolean escapeString(String sql, int quote) {
    return quote > 0
        && (sql.charAt(quote - 1) == 'E' || sql.charAt(quote - 1) == 'e')
        && (quote < 2 || !Character.isLetterOrDigit(sql.charAt(quote - 2)));
  }

  /**
   * The index after the string ({@code '…'}, {@code E'…'}), quoted name or dollar-quoted body that
   * starts at {@code start}; {@code start} itself when none starts there.
   */
  public static int quotedEnd(String sql, int start) {
    char c = sql.charAt(start);
    if (c == '\'' || c == '"') {
      return quoteEnd(sql, start, c, c == '\'' && escapeString(sql, start));
    }
    String tag = c == '$' ? dollarTag(sql, start) : null;
    if (tag == null) {
      return start;
    }
    int end = sql.indexOf(tag, start + tag.length());
    return end < 0 ? sql.length() : end + tag.length();
  }

  private static int quoteEnd(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // a doubled quote stands for itself
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  // $tag$ where tag is empty or an identifier not starting with a digit; "$1" is a parameter.
  private static String dollarTag(String sql, int start) {
    if (start > 0
        && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
      return null;
    }
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$') {
        return sql.substring(start, i + 1);
      }
      if (!(Character.isLetter(c) || c == '_' || (i > start + 1 && Character.isDigit(c)))) {
        return null;
      }
      i++;
    }
    return null;
  }
}
