package dev.migrate.plan;

import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column names of one raw statement on a table (ALTER TABLE … ADD / ALTER / DROP COLUMN, CREATE
 * TABLE … (columns, keys)) written as later renames leave them, for {@link FinalNames}. Only the
 * places that name a column of that very table are rewritten: a column definition's name, the
 * column an action works on, the columns of a key over it; never a type, an expression, or the
 * columns of a table a foreign key refers to. Unquoted names only, folded to lower case.
 */
final class RawColumns {
  private static final String NAME = "([A-Za-z_][\\w$]*(?:\\s*\\.\\s*[A-Za-z_][\\w$]*)?)";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  /** ALTER TABLE t RENAME [COLUMN] a TO b: its table, old and new column. */
  static final Pattern RENAME =
      Pattern.compile(
          "\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+RENAME\\s+(?:COLUMN\\s+)?(?!TO\\s|CONSTRAINT\\s)([A-Za-z_][\\w$]*)\\s+TO\\s+"
              + "([A-Za-z_][\\w$]*)\\s*;?\\s*",
          FLAGS);

  private static final Pattern ALTER =
      Pattern.compile(
          "(\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME + ")(\\s.*)", FLAGS);
  private static final Pattern ACTION =
      Pattern.compile(
          "(\\b(?:ADD|ALTER|DROP)\\s+(?:COLUMN\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?)([A-Za-z_][\\w$]*)",
          FLAGS);
  private static final Pattern CREATE =
      Pattern.compile(
          "(\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + "\\s*)\\(.*",
          FLAGS);
  // A table-level key: its column list is the first parenthesised group.
  private static final Pattern KEY =
      Pattern.compile(
          "\\s*(?:CONSTRAINT\\s+\\S+\\s+)?(?:PRIMARY\\s+KEY|UNIQUE|FOREIGN\\s+KEY)\\s*\\(([^)]*)\\).*",
          FLAGS);
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][\\w$]*");

  private RawColumns() {}

  /**
   * The statement with its columns renamed; {@code renamed} gives, for a table as the statement
   * names it and a column, the column's final name or null.
   */
  static String rewrite(String statement, BinaryOperator<String> renamed) {
    Matcher alter = ALTER.matcher(statement);
    if (alter.matches()) {
      String table = alter.group(2);
      return alter.group(1) + replace(ACTION, alter.group(3), 2, c -> renamed.apply(table, c));
    }
    Matcher create = CREATE.matcher(statement);
    if (!create.matches()) {
      return statement;
    }
    String table = create.group(2);
    int open = create.end(1);
    int close = closing(statement, open);
    if (close < 0) {
      return statement;
    }
    StringBuilder out = new StringBuilder(statement.substring(0, open + 1));
    int start = open + 1;
    for (int i = start, depth = 0; i <= close; i++) {
      char c = statement.charAt(i);
      if ((c == '\'' || c == '"') && statement.indexOf(c, i + 1) > 0) {
        i = statement.indexOf(c, i + 1);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if ((c == ',' && depth == 0) || i == close) {
        out.append(element(statement.substring(start, i), w -> renamed.apply(table, w)));
        out.append(c);
        start = i + 1;
      }
    }
    return out.append(statement.substring(close + 1)).toString();
  }

  // One element of a CREATE TABLE: a column definition (its first word) or a key (its list).
  private static String element(String element, java.util.function.UnaryOperator<String> renamed) {
    Matcher key = KEY.matcher(element);
    if (key.matches()) {
      return element.substring(0, key.start(1))
          + replace(WORD, key.group(1), 0, renamed)
          + element.substring(key.end(1));
    }
    Matcher first = WORD.matcher(element);
    if (!first.find() || !element.substring(0, first.start()).isBlank()) {
      return element;
    }
    String to = renamed.apply(first.group().toLowerCase(Locale.ROOT));
    return to == null
        ? element
        : element.substring(0, first.start()) + to + element.substring(first.end());
  }

  private static String replace(
      Pattern pattern, String text, int group, java.util.function.UnaryOperator<String> renamed) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      String to = renamed.apply(m.group(group).toLowerCase(Locale.ROOT));
      if (to != null) {
        out.append(text, at, m.start(group)).append(to);
        at = m.end(group);
      }
    }
    return out.append(text.substring(at)).toString();
  }

  // The index of the parenthesis that closes the one at {@code open}, or -1; quotes are skipped.
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          return -1;
        }
        i = end;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
