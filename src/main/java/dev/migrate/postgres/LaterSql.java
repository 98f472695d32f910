package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a later raw-SQL change does to a named object, read from its text: the statements people
 * write by hand to rename, drop, alter or redefine. A name matches bare or double-quoted, with or
 * without its schema.
 */
final class LaterSql {
  private LaterSql() {}

  private static String named(String name) {
    return "\"?" + Pattern.quote(name) + "\"?";
  }

  private static boolean find(String regex, String sql) {
    return Pattern.compile("(?is)" + regex).matcher(sql).find();
  }

  /** ALTER TABLE … t … RENAME [COLUMN] c TO, or DROP [COLUMN] [IF EXISTS] c, in one statement. */
  static boolean renamesOrDropsColumn(String sql, String table, String column) {
    return find(
        "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
            + named(table)
            + "\\s[^;]*?\\b(rename\\s+(column\\s+)?"
            + named(column)
            + "\\s+to\\b|drop\\s+(column\\s+)?(if\\s+exists\\s+)?"
            + named(column)
            + "(\\s|,|;|$))",
        sql);
  }

  /** ALTER TABLE naming this table. */
  static boolean altersTable(String sql, String table) {
    return find(
        "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
            + named(table)
            + "(\\s|$)",
        sql);
  }

  /** CREATE OR REPLACE VIEW or DROP VIEW naming this view. */
  static boolean redefinesView(String sql, String view) {
    return find(
        "\\b(create\\s+or\\s+replace|drop)\\s+view\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
            + named(view)
            + "(\\s|;|$)",
        sql);
  }

  /**
   * DROP {@code kind} [IF EXISTS] …name… (a list may name several), or ALTER {@code kind} name
   * RENAME TO.
   */
  static boolean dropsOrRenames(String sql, String kind, String name) {
    return find(
        "\\b(drop\\s+"
            + kind
            + "\\s+(if\\s+exists\\s+)?([^;]*?[\\s,.])?"
            + named(name)
            + "(\\s|,|;|$)|alter\\s+"
            + kind
            + "\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
            + named(name)
            + "\\s+rename\\s+to\\b)",
        sql);
  }

  /**
   * DROP, ALTER, CREATE OR REPLACE or CREATE of a function, procedure, trigger or policy ({@code
   * kind}) of this name.
   */
  static boolean redefines(String sql, String kind, String name) {
    return find(
        "\\b(drop|alter|create\\s+or\\s+replace|create)\\s+"
            + (kind.equals("trigger") ? "(constraint\\s+)?" : "")
            + kind
            + "\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
            + named(name)
            + "(\\s|\\(|;|$)",
        sql);
  }

  /** The labels ALTER TYPE … ADD VALUE adds to this type. */
  static List<String> enumLabelsAdded(String sql, String type) {
    Matcher m =
        Pattern.compile(
                "(?is)\\balter\\s+type\\s+([\\w$\"]+\\.)?"
                    + named(type)
                    + "\\s+add\\s+value\\s+(if\\s+not\\s+exists\\s+)?'((?:[^']|'')*)'")
            .matcher(sql);
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      labels.add(m.group(3).replace("''", "'"));
    }
    return labels;
  }
}
