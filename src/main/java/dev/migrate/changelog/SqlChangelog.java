package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A SQL changelog turned into the tree of the same changesets written in YAML. A file whose first
 * non-blank line is {@code --liquibase formatted sql} holds {@code --changeset author:id} sections,
 * each one {@code sql} change; any other SQL file is one changeset, id {@code raw}, author {@code
 * includeAll}, whose text runs whole: that is how Liquibase 4.33 reads both.
 */
final class SqlChangelog {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE;
  private static final Pattern HEADER =
      Pattern.compile("\\s*--\\s*liquibase\\s*formatted.*", FLAGS);
  private static final Pattern CHANGESET =
      Pattern.compile("\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^:]+):(\\s*)(\"[^\"]+\"|\\S+).*", FLAGS);
  private static final Pattern CHANGESET_LIKE =
      Pattern.compile("\\s*--\\s*changeset\\b.*|-\\s*changeset\\s.*", FLAGS);
  private static final Pattern PROPERTY =
      Pattern.compile("\\s*--\\s*property\\s+(.*:.*)\\s+(.*:.*).*", FLAGS);
  private static final Pattern COMMENT = Pattern.compile("--\\s*comment:? (.*)", FLAGS);
  private static final Pattern VALID_CHECK_SUM =
      Pattern.compile("--\\s*validCheckSum:? (.*)", FLAGS);
  private static final Pattern ROLLBACK = Pattern.compile("\\s*--\\s*rollback (.*)", FLAGS);
  private static final Pattern ROLLBACK_START =
      Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*", FLAGS);
  private static final Pattern ROLLBACK_END = Pattern.compile("(.*)\\*/\\s*");
  private static final Pattern PRECONDITIONS =
      Pattern.compile("\\s*--\\s*preconditions(.*)", FLAGS);
  private static final Pattern PRECONDITION =
      Pattern.compile("\\s*--\\s*precondition-([a-zA-Z0-9-]+) (.*)", FLAGS);
  private static final Pattern IGNORE_LINES = Pattern.compile("--\\s*ignoreLines:(\\w+).*", FLAGS);
  private static final Pattern SQL_CHECK =
      Pattern.compile("(?:expectedResult:)?(\\w+|'[^']+'|\"[^\"]+\") (.*)", FLAGS);

  // Attributes of the --changeset line, under the key a YAML changeSet gives them.
  private static final List<String> CHANGESET_KEYS =
      List.of(
          "runOnChange",
          "runAlways",
          "runInTransaction",
          "failOnError",
          "contextFilter",
          "context",
          "labels",
          "dbms",
          "logicalFilePath",
          "ignore",
          "runWith");

  private final String file;
  private final Nodes nodes;
  private final List<Node> items = new ArrayList<>();
  private Section section;

  private SqlChangelog(String file) {
    this.file = file;
    this.nodes = new Nodes(file);
  }

  /** Whether Liquibase reads the text as formatted SQL: only its first non-blank line decides. */
  static boolean isFormatted(String text) {
    return text.lines()
        .filter(line -> !line.isBlank())
        .findFirst()
        .map(line -> HEADER.matcher(line).matches())
        .orElse(false);
  }

  /** A formatted SQL changelog as {@code {databaseChangeLog: [...]}}. */
  static Node formatted(String text, String file) {
    return new SqlChangelog(file).read(text);
  }

  /**
   * A plain SQL file as one changeset: not split, comments kept, no {@code ${…}} replaced, and any
   * {@code --changeset} line in it an ordinary comment.
   */
  static Node plain(String text, String file) {
    Nodes nodes = new Nodes(file);
    Mark top = nodes.mark(1, 1);
    if (text.isEmpty()) {
      throw MigrateException.invalid(new Location(file, 1, 1), "the SQL file is empty");
    }
    Node sql =
        nodes
            .mapping(top)
            .put("sql", text, top)
            .put("splitStatements", "false", top)
            .put("stripComments", "false", top)
            .node();
    Node changeSet =
        nodes
            .mapping(top)
            .put("id", "raw", top)
            .put("author", "includeAll", top)
            .put("changes", top, nodes.sequence(List.of(nodes.single("sql", top, sql)), top))
            .node();
    return nodes.single(
        "databaseChangeLog",
        top,
        nodes.sequence(List.of(nodes.single("changeSet", top, changeSet)), top));
  }

  private Node read(String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    boolean headerSeen = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (!headerSeen && HEADER.matcher(line).matches()) {
        headerSeen = true;
        String logical = attribute(line, "logicalFilePath");
        if (logical != null) {
          Mark at = nodes.mark(number, 1);
          items.add(nodes.single("logicalFilePath", at, nodes.scalar(logical, at)));
        }
        continue;
      }
      Matcher m;
      if ((m = PROPERTY.matcher(line)).matches()) {
        property(line, number);
      } else if ((m = IGNORE_LINES.matcher(line)).matches()) {
        i = ignore(lines, i, m.group(1));
      } else if ((m = CHANGESET.matcher(line)).matches()) {
        if (!m.group(2).isEmpty()) {
          throw invalid(number, "write '--changeset author:id' with no blank after the colon");
        }
        finish();
        section = new Section(line, number, unquote(m.group(1)), unquote(m.group(3)));
      } else if (CHANGESET_LIKE.matcher(line).matches()) {
        throw invalid(
            number,
            "a changeset starts with '--changeset author:id', then optional attributes such as runOnChange:true");
      } else if (section == null) {
        if (COMMENT.matcher(line).matches()) {
          throw invalid(number, "--comment belongs inside a changeset");
        }
      } else if ((m = COMMENT.matcher(line)).matches()) {
        section.comment = m.group(1);
      } else if ((m = VALID_CHECK_SUM.matcher(line)).matches()) {
        section.checkSums.add(nodes.scalar(m.group(1).trim(), nodes.mark(number, 1)));
      } else if ((m = ROLLBACK.matcher(line)).matches()) {
        section.rollback.append(m.group(1)).append('\n');
      } else if (ROLLBACK_START.matcher(line).matches()) {
        i = multiLineRollback(lines, i);
      } else if ((m = PRECONDITIONS.matcher(line)).matches()) {
        section.onFail = attribute(m.group(1), "onFail");
        section.onError = attribute(m.group(1), "onError");
      } else if ((m = PRECONDITION.matcher(line)).matches()) {
        section.conditions.add(
            condition(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim(), number));
      } else {
        if (section.sql.isEmpty()) {
          section.sqlLine = number;
        }
        section.sql.append(line).append('\n');
      }
    }
    finish();
    Mark top = nodes.mark(1, 1);
    return nodes.single("databaseChangeLog", top, nodes.sequence(items, top));
  }

  private int ignore(String[] lines, int i, String how) {
    if (how.equalsIgnoreCase("start")) {
      for (int j = i + 1; j < lines.length; j++) {
        Matcher end = IGNORE_LINES.matcher(lines[j]);
        if (end.matches() && end.group(1).equalsIgnoreCase("end")) {
          return j;
        }
      }
      return lines.length;
    }
    try {
      return i + Integer.parseInt(how);
    } catch (NumberFormatException e) {
      throw invalid(
          i + 1, "--ignoreLines takes start, end or a number of lines, not '" + how + "'");
    }
  }

  private int multiLineRollback(String[] lines, int i) {
    for (int j = i + 1; j < lines.length; j++) {
      Matcher end = ROLLBACK_END.matcher(lines[j]);
      if (end.matches()) {
        section.rollback.append(end.group(1)).append('\n');
        return j;
      }
      section.rollback.append(lines[j]).append('\n');
    }
    throw invalid(i + 1, "the rollback comment opened here is never closed with */");
  }

  private void property(String line, int number) {
    Mark at = nodes.mark(number, 1);
    Nodes.Mapping map = nodes.mapping(at);
    for (String key : List.of("name", "value", "context", "labels", "dbms", "global")) {
      Matcher m = Pattern.compile(".*\\b" + key + ":\\s*(\"[^\"]*\"|\\S+).*", FLAGS).matcher(line);
      if (m.matches()) {
        map.put(key, unquote(m.group(1)), at);
      }
    }
    items.add(nodes.single("property", at, map.node()));
  }

  private Node condition(String name, String body, int number) {
    Mark at = nodes.mark(number, 1);
    Nodes.Mapping map = nodes.mapping(at);
    switch (name) {
      case "sql-check" -> {
        Matcher m = SQL_CHECK.matcher(body);
        if (!m.matches()) {
          throw invalid(number, "--precondition-sql-check takes expectedResult:VALUE then the SQL");
        }
        map.put("expectedResult", unquote(m.group(1)), at).put("sql", m.group(2), at);
        return nodes.single("sqlCheck", at, map.node());
      }
      case "table-exists", "view-exists" -> {
        String key = name.equals("table-exists") ? "table" : "view";
        String object = word(body, key);
        if (object == null) {
          throw invalid(number, "--precondition-" + name + " needs " + key + ":NAME");
        }
        map.put(key + "Name", object, at);
        String schema = word(body, "schema");
        if (schema != null) {
          map.put("schemaName", schema, at);
        }
        return nodes.single(key + "Exists", at, map.node());
      }
      default ->
          throw invalid(
              number,
              "the '"
                  + name
                  + "' precondition is not supported in formatted SQL;"
                  + " Liquibase knows sql-check, table-exists and view-exists");
    }
  }

  private void finish() {
    if (section == null) {
      return;
    }
    Section s = section;
    section = null;
    Mark at = nodes.mark(s.line, 1);
    String sql = s.sql.toString().trim();
    if (sql.isEmpty()) {
      throw invalid(s.line, "changeset '" + s.id + "' by " + s.author + " has no SQL");
    }
    Nodes.Mapping changeSet = nodes.mapping(at).put("id", s.id, at).put("author", s.author, at);
    for (String key : CHANGESET_KEYS) {
      String value = attribute(s.header, key);
      if (value != null
          && !(key.equals("context") && attribute(s.header, "contextFilter") != null)) {
        changeSet.put(key, unquote(value), at);
      }
    }
    if (s.comment != null) {
      changeSet.put("comment", s.comment, at);
    }
    if (!s.checkSums.isEmpty()) {
      changeSet.put("validCheckSum", at, nodes.sequence(s.checkSums, at));
    }
    if (s.onFail != null || s.onError != null || !s.conditions.isEmpty()) {
      List<Node> conditions = new ArrayList<>();
      if (s.onFail != null) {
        conditions.add(nodes.single("onFail", at, nodes.scalar(s.onFail, at)));
      }
      if (s.onError != null) {
        conditions.add(nodes.single("onError", at, nodes.scalar(s.onError, at)));
      }
      conditions.addAll(s.conditions);
      changeSet.put("preConditions", at, nodes.sequence(conditions, at));
    }
    String rollback = s.rollback.toString().trim();
    if (!rollback.isEmpty()) {
      String lower = rollback.toLowerCase(Locale.ROOT);
      // "--rollback not required" and "--rollback empty" mean there is nothing to undo.
      changeSet.put(
          "rollback",
          at,
          lower.startsWith("not required") || lower.startsWith("empty")
              ? nodes.empty(at)
              : lower.contains("changesetid") ? reused(rollback, at) : nodes.scalar(rollback, at));
    }
    Mark sqlAt = nodes.mark(s.sqlLine, 1);
    // Formatted SQL strips comments unless told otherwise; YAML and XML keep them by default.
    Nodes.Mapping change = nodes.mapping(sqlAt).put("sql", sql, sqlAt);
    String strip = attribute(s.header, "stripComments");
    change.put("stripComments", strip == null ? "true" : strip, at);
    String split = attribute(s.header, "splitStatements");
    if (split != null) {
      change.put("splitStatements", split, at);
    }
    String delimiter = attribute(s.header, "endDelimiter");
    if (delimiter != null) {
      change.put("endDelimiter", delimiter, at);
    } else if (sql.endsWith("\n/")) {
      change.put(
          "endDelimiter", "\n/", at); // a lone '/' line ends each statement, as in Oracle scripts
    }
    changeSet.put(
        "changes",
        sqlAt,
        nodes.sequence(List.of(nodes.single("sql", sqlAt, change.node())), sqlAt));
    items.add(nodes.single("changeSet", at, changeSet.node()));
  }

  // key:value on a line; a value may be "quoted" to hold blanks.
  // "--rollback changeSetId:x changesetAuthor:y [changesetPath:p]": the changes of that changeset,
  // as Liquibase reads a rollback that names "changesetid" (each key in any case).
  private Node reused(String rollback, Mark at) {
    Nodes.Mapping ref = nodes.mapping(at);
    String text = rollback.replace("\n", " ");
    for (String key : List.of("changeSetId", "changeSetAuthor", "changeSetPath")) {
      Matcher m = Pattern.compile("(?i).*\\b" + key + ":(\\S+).*", Pattern.DOTALL).matcher(text);
      if (m.matches()) {
        ref.put(key, m.group(1), at);
      }
    }
    return ref.node();
  }

  private static String attribute(String line, String key) {
    String value = key.equals("dbms") ? "([^,\\s][\\w!,]*)" : "(\"[^\"]*\"|\\S*)";
    Matcher m = Pattern.compile(".*(?<![\\w])" + key + ":" + value + ".*", FLAGS).matcher(line);
    return m.matches() ? m.group(1) : null;
  }

  private static String word(String body, String key) {
    Matcher m = Pattern.compile(".*\\b" + key + ":(\\w+).*", FLAGS).matcher(body);
    return m.matches() ? m.group(1) : null;
  }

  private static String unquote(String text) {
    String trimmed = text.trim();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1)
        : trimmed;
  }

  private MigrateException invalid(int line, String message) {
    return MigrateException.invalid(new Location(file, line, 1), message);
  }

  /** One {@code --changeset} section while its lines are read. */
  private static final class Section {
    final String header;
    final int line;
    final String author;
    final String id;
    final StringBuilder sql = new StringBuilder();
    final StringBuilder rollback = new StringBuilder();
    final List<Node> checkSums = new ArrayList<>();
    final List<Node> conditions = new ArrayList<>();
    int sqlLine;
    String comment;
    String onFail;
    String onError;

    Section(String header, int line, String author, String id) {
      this.header = header;
      this.line = line;
      this.author = author;
      this.id = id;
      this.sqlLine = line + 1;
    }
  }
}
