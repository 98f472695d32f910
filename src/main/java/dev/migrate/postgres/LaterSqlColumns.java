package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What later raw SQL does to the columns of a table, read from its ALTER TABLE actions and UPDATE
 * statements: adds, drops, renames, alters, keys or writes them (see {@link LaterSql}).
 */
final class LaterSqlColumns {
  private LaterSqlColumns() {}

  // ALTER TABLE [ONLY] [IF EXISTS] [schema.]t (any table when null), then this action in the same
  // statement, which names this column when one is given.
  private static boolean altersTableWith(
      String sql, String table, java.util.function.Supplier<String> action, String column) {
    return LaterSql.find(
        () ->
            "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + (table == null ? "(\"[^\"]+\"|[\\w$]+)" : LaterSql.named(table))
                + "\\s[^;]*?"
                + action.get(),
        sql,
        table == null
            ? new String[] {"alter", column}
            : column == null
                ? new String[] {"alter", table}
                : new String[] {"alter", table, column});
  }

  private static final Pattern COLUMN_ACTION =
      Pattern.compile(
          "(?is)\\b(add|drop|alter|rename)\\s+(column\\s+)?(?:if\\s+(?:not\\s+)?exists\\s+)?"
              + "(\"[^\"]+\"|[\\w$]+)(?:\\s+to\\s+(\"[^\"]+\"|[\\w$]+))?");
  // Words after ADD, DROP, ALTER or RENAME without COLUMN that begin an action on something else
  // than a named column (a constraint, the table's name, an aspect of the column just named).
  private static final java.util.Set<String> NOT_A_COLUMN =
      java.util.Set.of(
          "constraint",
          "primary",
          "unique",
          "check",
          "foreign",
          "exclude",
          "default",
          "not",
          "identity",
          "expression",
          "generated",
          "to");

  /**
   * Every column an ALTER TABLE of this table names in an ADD, DROP, ALTER or RENAME action (both
   * names of a rename): a later statement sets what it has.
   */
  static List<String> columnsNamedOn(String sql, String table) {
    List<String> columns = new ArrayList<>();
    for (String[] action : columnActions(sql, table)) {
      columns.add(action[1]);
      if (action[2] != null) {
        columns.add(action[2]);
      }
    }
    return columns;
  }

  /**
   * The column actions of the ALTER TABLE statements of this table, in order: each as its verb
   * (add, drop, alter, rename), the column, and for a rename the new name (else null).
   */
  static List<String[]> columnActions(String sql, String table) {
    List<String[]> actions = new ArrayList<>();
    if (sql.isEmpty() || !SqlParts.mayHold(sql, "alter", table)) {
      return actions;
    }
    Pattern alter =
        LaterSql.pattern(
            "(?is)\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + LaterSql.named(table)
                + "\\s([^;]*)");
    SqlParts.forEach(
        alter,
        sql,
        new String[] {"alter", table},
        statement -> {
          Matcher action = COLUMN_ACTION.matcher(statement.group(4));
          while (action.find()) {
            String first = action.group(3);
            if (action.group(2) == null
                && NOT_A_COLUMN.contains(first.toLowerCase(java.util.Locale.ROOT))) {
              continue;
            }
            String verb = action.group(1).toLowerCase(java.util.Locale.ROOT);
            actions.add(
                new String[] {
                  verb,
                  SqlName.of(first, "").name(),
                  verb.equals("rename") && action.group(4) != null
                      ? SqlName.of(action.group(4), "").name()
                      : null
                });
          }
        });
    return actions;
  }

  /** ALTER TABLE … t … ADD [CONSTRAINT k] PRIMARY KEY (… c …), in one statement. */
  static boolean keysColumn(String sql, String table, String column) {
    return altersTableWith(
        sql,
        table,
        () -> "\\bprimary\\s+key\\s*\\(([^)]*[\\s,(])?" + LaterSql.named(column) + "\\s*[,)]",
        column);
  }

  /** ALTER TABLE … t … RENAME [COLUMN] c TO, or DROP [COLUMN] [IF EXISTS] c, in one statement. */
  static boolean renamesOrDropsColumn(String sql, String table, String column) {
    return renamesOrDrops(sql, table, column);
  }

  /** ALTER TABLE … t … DROP [COLUMN] of some column, in one statement. */
  static boolean dropsSomeColumn(String sql, String table) {
    return altersTableWith(
        sql, table, () -> "\\bdrop\\s+(?!(?:constraint|default|not|identity|expression)\\b)", null);
  }

  /** ALTER TABLE … t … DROP [COLUMN] [IF EXISTS] c, in one statement. */
  static boolean dropsColumn(String sql, String table, String column) {
    return altersTableWith(
        sql,
        table,
        () ->
            "\\bdrop\\s+(column\\s+)?(if\\s+exists\\s+)?" + LaterSql.named(column) + "(\\s|,|;|$)",
        column);
  }

  /** The same, on any table. */
  static boolean renamesOrDropsColumn(String sql, String column) {
    return renamesOrDrops(sql, null, column);
  }

  private static boolean renamesOrDrops(String sql, String table, String column) {
    return altersTableWith(
        sql,
        table,
        () ->
            "\\b(rename\\s+(column\\s+)?"
                + LaterSql.named(column)
                + "\\s+to\\b|drop\\s+(column\\s+)?(if\\s+exists\\s+)?"
                + LaterSql.named(column)
                + "(\\s|,|;|$))",
        column);
  }

  /** The name ALTER TABLE … t RENAME [COLUMN] statements give this column last, or null. */
  static String columnRenamedTo(String sql, String table, String column) {
    return LaterSql.followed(
        sql,
        column,
        name ->
            LaterSql.pattern(
                "(?is)\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                    + LaterSql.named(table)
                    + "\\s+rename\\s+(column\\s+)?"
                    + LaterSql.named(name)
                    + "\\s+to\\s+(\"[^\"]+\"|[\\w$]+)"),
        5,
        "rename",
        table);
  }

  /** ALTER TABLE … t RENAME [COLUMN] … TO this column. */
  static boolean renamesColumnOnto(String sql, String table, String column) {
    return LaterSql.find(
        () ->
            "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + LaterSql.named(table)
                + "\\s+rename\\s+(column\\s+)?(\"[^\"]+\"|[\\w$]+)\\s+to\\s+"
                + LaterSql.named(column)
                + "(\\s|;|$)",
        sql,
        "rename",
        table,
        column);
  }

  /** ALTER TABLE … t … ADD [COLUMN] [IF NOT EXISTS] c, in one statement. */
  static boolean addsColumn(String sql, String table, String column) {
    return altersTableWith(
        sql,
        table,
        () -> "\\badd\\s+(column\\s+)?(if\\s+not\\s+exists\\s+)?" + LaterSql.named(column) + "\\s",
        column);
  }

  /**
   * ALTER TABLE … t … ALTER [COLUMN] c … (a type, a default, NOT NULL, identity), in one statement.
   */
  static boolean altersColumn(String sql, String table, String column) {
    return altersTableWith(
        sql, table, () -> "\\balter\\s+(column\\s+)?" + LaterSql.named(column) + "\\s", column);
  }

  /** UPDATE … t … SET … c = … (in its SET list, not its WHERE), in one statement. */
  static boolean updatesColumn(String sql, String table, String column) {
    return LaterSql.find(
        () ->
            "\\bupdate\\s+(only\\s+)?([\\w$\"]+\\.)?"
                + LaterSql.named(table)
                + "\\s[^;]*?\\bset\\s+((?:(?!\\b(?:where|from|returning)\\b)[^;])*?[\\s,(])?"
                + LaterSql.named(column)
                + "\\s*=",
        sql,
        "update",
        table,
        column);
  }
}
