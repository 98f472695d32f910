package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a raw {@code CREATE TABLE name (…)} declares, read by PostgreSQL's grammar for column
 * definitions: each column's name, type, NOT NULL (also through a primary key), default and
 * identity. They become a createTable of those columns, so a table a raw statement makes is
 * compared column by column exactly as a structured one is, by {@code upgrade} and {@code check}.
 * Constraints other than the primary key's NOT NULL are left out: the statement is the only thing
 * run. Forms whose columns come from elsewhere (LIKE, INHERITS, OF, PARTITION OF, AS, generated
 * columns) give null: such a table is checked by name only.
 */
final class SqlTableColumns {
  private static final Pattern HEAD =
      Pattern.compile(
          "CREATE\\s+(UNLOGGED\\s+)?TABLE\\s+(?!IF\\s)" + SqlName.PATTERN + "\\s*(\\(.*)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // The words that end a column's type: its constraints and options begin.
  private static final Set<String> AFTER_TYPE =
      Set.of(
          "constraint",
          "not",
          "null",
          "default",
          "primary",
          "unique",
          "references",
          "check",
          "generated",
          "collate",
          "deferrable",
          "initially",
          "compression",
          "storage");
  private static final Set<String> TABLE_CONSTRAINT =
      Set.of("constraint", "primary", "unique", "check", "foreign", "exclude");

  private SqlTableColumns() {}

  /** The createTable a raw CREATE TABLE statement amounts to, or null for another statement. */
  static Change.CreateTable of(String statement, String defaultSchema) {
    Matcher m = HEAD.matcher(SqlName.withoutLeadingComments(statement).strip());
    if (!m.matches()) {
      return null;
    }
    List<String> rest = SqlWords.tokens(m.group(3));
    if (rest.isEmpty() || !rest.get(0).startsWith("(")) {
      return null;
    }
    // Options after the list: INHERITS adds columns the list does not name.
    if (rest.stream().anyMatch(t -> t.equalsIgnoreCase("inherits"))) {
      return null;
    }
    String list = rest.get(0);
    List<Column> columns = new ArrayList<>();
    Set<String> keyColumns = new HashSet<>();
    for (List<String> words : SqlWords.elements(list)) {
      if (words.isEmpty()) {
        return null;
      }
      String first = words.get(0).toLowerCase(Locale.ROOT);
      if (first.equals("like")) {
        return null;
      }
      if (TABLE_CONSTRAINT.contains(first)) {
        int primary = indexOf(words, "primary");
        if (primary >= 0 && primary + 2 < words.size() && words.get(primary + 2).startsWith("(")) {
          for (List<String> key : SqlWords.elements(words.get(primary + 2))) {
            keyColumns.add(identifier(key.get(0)));
          }
        }
        continue;
      }
      Column column = column(words);
      if (column == null) {
        return null;
      }
      columns.add(column);
    }
    if (columns.isEmpty()) {
      return null;
    }
    SqlName table = SqlName.of(m.group(2), defaultSchema);
    List<Column> keyed = new ArrayList<>();
    for (Column c : columns) {
      keyed.add(
          keyColumns.contains(c.name())
              ? new Column(
                  c.name(),
                  c.type(),
                  c.defaultValue(),
                  c.autoIncrement(),
                  null,
                  notNull(),
                  null,
                  c.identity())
              : c);
    }
    return new Change.CreateTable(
        table.schema(), table.name(), null, keyed, m.group(1) != null, null);
  }

  private static final Pattern ALTER_HEAD =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+(ADD\\s.*)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The addColumn a raw {@code ALTER TABLE t ADD [COLUMN] c type …[, ADD …]} amounts to when every
   * action adds a column; null otherwise.
   */
  static Change.AddColumn added(String statement, String defaultSchema) {
    Matcher m =
        ALTER_HEAD.matcher(
            SqlName.withoutLeadingComments(statement).strip().replaceFirst(";$", ""));
    if (!m.matches()) {
      return null;
    }
    List<Column> columns = new ArrayList<>();
    for (List<String> action : SqlWords.elements("(" + m.group(2) + ")")) {
      int at = 1;
      if (action.size() > at && action.get(at).equalsIgnoreCase("column")) {
        at++;
      }
      // IF NOT EXISTS is left to PostgreSQL, as in every raw statement.
      if (action.size() <= at + 1
          || !action.get(0).equalsIgnoreCase("add")
          || action.get(at).equalsIgnoreCase("if")
          || at == 1 && TABLE_CONSTRAINT.contains(action.get(1).toLowerCase(Locale.ROOT))) {
        return null;
      }
      Column column = column(action.subList(at, action.size()));
      if (column == null) {
        return null;
      }
      columns.add(column);
    }
    SqlName table = SqlName.of(m.group(1), defaultSchema);
    return new Change.AddColumn(table.schema(), table.name(), columns);
  }

  // name type [constraints…]; null for a generated (computed) column.
  private static Column column(List<String> words) {
    String name = identifier(words.get(0));
    int at = 1;
    StringBuilder type = new StringBuilder();
    while (at < words.size() && !AFTER_TYPE.contains(words.get(at).toLowerCase(Locale.ROOT))) {
      String word = words.get(at++);
      boolean glued = word.startsWith("(") || word.startsWith("[");
      type.append(type.length() == 0 || glued ? "" : " ").append(word);
    }
    // The standard's "integer ARRAY" and "integer ARRAY[3]" are integer[].
    String written = type.toString().replaceFirst("(?i)\\s+array(\\[\\d*\\])?$", "[]");
    if (written.isEmpty() || !SqlSplitter.isTypeName(written)) {
      return null;
    }
    boolean notNull = false;
    boolean identity = false;
    boolean always = false;
    Value defaultValue = null;
    while (at < words.size()) {
      String word = words.get(at++).toLowerCase(Locale.ROOT);
      switch (word) {
        case "not" -> notNull |= at < words.size() && words.get(at).equalsIgnoreCase("null");
        case "primary" -> notNull = true;
        case "default" -> {
          StringBuilder expression = new StringBuilder();
          while (at < words.size()
              && (expression.length() == 0
                  || !AFTER_TYPE.contains(words.get(at).toLowerCase(Locale.ROOT)))) {
            expression.append(expression.length() == 0 ? "" : " ").append(words.get(at++));
          }
          String text = expression.toString();
          defaultValue =
              text.replaceFirst("(?i)^null(::.*)?$", "").isEmpty()
                  ? null
                  : new Value(Value.Kind.COMPUTED, text);
        }
        case "generated" -> {
          // GENERATED … AS IDENTITY, or GENERATED ALWAYS AS (expression) STORED: computed.
          int as = indexOf(words.subList(at, words.size()), "as");
          if (as < 0
              || at + as + 1 >= words.size()
              || !words.get(at + as + 1).equalsIgnoreCase("identity")) {
            return null;
          }
          identity = true;
          always = at < words.size() && words.get(at).equalsIgnoreCase("always");
          at += as + 2; // past IDENTITY, and its sequence options in parentheses
          if (at < words.size() && words.get(at).startsWith("(")) {
            at++;
          }
        }
        default -> {}
      }
    }
    return new Column(
        name,
        PgType.ofSql(written).sqlSpelling(),
        defaultValue,
        identity,
        null,
        notNull ? notNull() : ColumnConstraints.NONE,
        null,
        new Column.Identity(always, null, null));
  }

  private static ColumnConstraints notNull() {
    return new ColumnConstraints(false, false, null, false, null, null);
  }

  private static int indexOf(List<String> words, String word) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase(word)) {
        return i;
      }
    }
    return -1;
  }

  private static String identifier(String text) {
    return SqlName.of(text, "").name();
  }
}
