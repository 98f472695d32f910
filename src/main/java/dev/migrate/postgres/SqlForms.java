package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of raw-SQL statement the statement guards know, as patterns over a statement without
 * its leading comments: what makes, alters, renames or drops a table, index, sequence, view, type,
 * schema, extension or role.
 */
final class SqlForms {
  private static final String NAME = SqlName.PATTERN;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  static final Pattern TABLE =
      Pattern.compile(
          "CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?!IF\\s)"
              + NAME
              + "(?:\\s*\\(|\\s+PARTITION\\s+OF\\s|\\s+OF\\s|\\s+AS\\s).*",
          FLAGS);

  /**
   * What a CREATE statement names, where it names one: an unquoted ON or CONCURRENTLY is the
   * keyword that follows an index written without a name (PostgreSQL reserves both as names).
   */
  static final String MADE_NAME = "(?!(?:ON|CONCURRENTLY)\\s)" + NAME;

  /** CREATE INDEX name ON table: the index is made in its table's schema, whatever the path. */
  static final Pattern INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?!IF\\s)"
              + MADE_NAME
              + "\\s+ON\\s+(?:ONLY\\s+)?"
              + NAME
              + "[\\s(].*",
          FLAGS);

  /**
   * CREATE TABLE or SEQUENCE … IF NOT EXISTS: PostgreSQL passes over it when a relation of that
   * name is there, whatever it holds.
   */
  static final Pattern IF_NOT_EXISTS =
      Pattern.compile(
          "CREATE\\s+(?:UNLOGGED\\s+)?(?:TABLE|SEQUENCE)\\s+IF\\s+NOT\\s+EXISTS\\s+"
              + NAME
              + "(?:[\\s(].*)?",
          FLAGS);

  /** The same for an index, whose schema is its table's. */
  static final Pattern INDEX_IF_NOT_EXISTS =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?IF\\s+NOT\\s+EXISTS\\s+"
              + NAME
              + "\\s+ON\\s+(?:ONLY\\s+)?"
              + NAME
              + "[\\s(].*",
          FLAGS);

  static final Pattern RELATION =
      Pattern.compile(
          "CREATE\\s+(?:MATERIALIZED\\s+)?(SEQUENCE|VIEW)\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  // Composite, range and base types and domains (enum types are compared label by label
  // elsewhere).
  static final Pattern TYPE =
      Pattern.compile("CREATE\\s+(TYPE|DOMAIN)\\s+" + NAME + "(\\s.*)?", FLAGS);
  static final Pattern SCHEMA =
      Pattern.compile("CREATE\\s+SCHEMA\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  static final Pattern EXTENSION =
      Pattern.compile("CREATE\\s+EXTENSION\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  static final Pattern ROLE =
      Pattern.compile("CREATE\\s+(?:ROLE|USER)\\s+" + NAME + "(\\s.*)?", FLAGS);
  static final Pattern ALTER_TABLE =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+(ADD\\s.*?)\\s*;?\\s*",
          FLAGS);
  static final Pattern ADD_ACTION =
      Pattern.compile(
          "ADD\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s|EXCLUDE\\s)"
              + NAME
              + "\\s+.*",
          FLAGS);
  static final Pattern ADD_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ADD\\s+CONSTRAINT\\s+"
              + NAME
              + "\\s.*",
          FLAGS);
  static final Pattern ADD_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+" + NAME + "\\s+ADD\\s+VALUE\\s+(?!IF\\s)'((?:[^']++|'')*)'.*", FLAGS);
  static final Pattern RENAME_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+"
              + NAME
              + "\\s+RENAME\\s+VALUE\\s+'((?:[^']++|'')*)'\\s+TO\\s+'((?:[^']++|'')*)'\\s*;?\\s*",
          FLAGS);
  static final Pattern ALTER_TYPE =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+([\\w ]+(?:\\([\\d, ]+\\))?(?:\\[\\])?)(?:\\s+USING[\\s(].*)?",
          FLAGS);
  // Renames and drops, guarded by the names they need: done already when the old name is gone
  // (and, for a rename, the new one is there).
  static final Pattern RENAME_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+RENAME\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  static final Pattern RENAME_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+RENAME\\s+CONSTRAINT\\s+"
              + NAME
              + "\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  static final Pattern RENAME_RELATION =
      Pattern.compile(
          "ALTER\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX)\\s+"
              + "(?:IF\\s+EXISTS\\s+)?"
              + NAME
              + "\\s+RENAME\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  static final Pattern DROP_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+DROP\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s)"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);
  static final Pattern DROP_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+DROP\\s+CONSTRAINT\\s+(?!IF\\s)"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);

  /** A DROP of one relation or type, or of several named in a list (group 2; group 1 the kind). */
  static final Pattern DROP_RELATION =
      Pattern.compile(
          "DROP\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX(?:\\s+CONCURRENTLY)?|TYPE|DOMAIN)\\s+"
              + "(?!IF\\s)"
              + "("
              + NAME
              + "(?:\\s*,\\s*"
              + NAME
              + ")*)"
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);

  /** ALTER TYPE or DOMAIN … RENAME TO: the type keeps its schema. */
  static final Pattern RENAME_TYPE =
      Pattern.compile(
          "ALTER\\s+(?:TYPE|DOMAIN)\\s+" + NAME + "\\s+RENAME\\s+TO\\s+" + NAME + "\\s*;?\\s*",
          FLAGS);

  static final Pattern DROP_ON_TABLE =
      Pattern.compile(
          "DROP\\s+(TRIGGER|POLICY|RULE)\\s+(?!IF\\s)"
              + NAME
              + "\\s+ON\\s+"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);

  static final Pattern SET_SCHEMA =
      Pattern.compile(
          "ALTER\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE)\\s+(?!IF\\s)"
              + NAME
              + "\\s+SET\\s+SCHEMA\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  static final Pattern RENAME_ON_TABLE =
      Pattern.compile(
          "ALTER\\s+(TRIGGER|POLICY|RULE)\\s+"
              + NAME
              + "\\s+ON\\s+"
              + NAME
              + "\\s+RENAME\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);

  // Every form above: a statement of one of them has a guard that looks for its object.
  // One ALTER COLUMN action that sets or drops a default or NOT NULL.
  static final Pattern ALTER_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(SET\\s+DEFAULT\\s+(.+?)|DROP\\s+DEFAULT|SET\\s+NOT\\s+NULL|DROP\\s+NOT\\s+NULL)\\s*;?\\s*",
          FLAGS);
  // An identity added to a column that has none.
  static final Pattern ADD_IDENTITY =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+ADD\\s+GENERATED\\s+(?:ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY\\b.*",
          FLAGS);
  static final List<Pattern> KNOWN =
      List.of(
          TABLE,
          INDEX,
          RELATION,
          TYPE,
          SCHEMA,
          EXTENSION,
          ROLE,
          ALTER_TABLE,
          ADD_CONSTRAINT,
          ADD_VALUE,
          RENAME_VALUE,
          ALTER_TYPE,
          ALTER_COLUMN,
          RENAME_COLUMN,
          RENAME_CONSTRAINT,
          RENAME_RELATION,
          DROP_COLUMN,
          DROP_CONSTRAINT,
          DROP_RELATION,
          RENAME_TYPE,
          DROP_ON_TABLE,
          RENAME_ON_TABLE,
          SET_SCHEMA,
          ADD_IDENTITY);

  private SqlForms() {}

  /** Whether the statement (without leading comments) is of a form these guards know. */
  static boolean known(String code) {
    return KNOWN.stream().anyMatch(p -> p.matcher(code).matches());
  }

  // An ALTER TABLE with one action: no comma outside parentheses and quotes.
  static boolean oneAction(String code) {
    return SqlWords.topLevel(code).size() == 1;
  }

  private static final Pattern INDEX_ON =
      Pattern.compile(
          "\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s.*?\\sON\\s+(?:ONLY\\s+)?"
              + NAME
              + "(?:\\s+USING\\s+\\w+)?\\s*\\(.*",
          FLAGS);
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][\\w$]*|\"[^\"]+\"");

  /**
   * The columns a raw CREATE INDEX is made over, as stored; null for another statement, or when a
   * key is an expression (it may read any column).
   */
  static List<String> indexColumns(String statement) {
    String code = SqlName.withoutLeadingComments(statement);
    Matcher m = INDEX_ON.matcher(code);
    if (!m.matches()) {
      return null;
    }
    int open = code.indexOf('(', m.end(1));
    int end = SqlWords.closing(code, open);
    if (code.charAt(end - 1) != ')') {
      return null;
    }
    List<String> columns = new ArrayList<>();
    for (List<String> key : SqlWords.elements(code.substring(open, end))) {
      if (key.isEmpty()
          || !COLUMN.matcher(key.get(0)).matches()
          || key.stream().anyMatch(w -> w.startsWith("("))) {
        return null;
      }
      columns.add(SqlName.of(key.get(0), "").name());
    }
    return columns;
  }
}
