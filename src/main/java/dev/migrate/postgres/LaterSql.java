package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a later raw-SQL change does to a named object, read from its text: the statements people
 * write by hand to rename, drop, alter or redefine. A name matches bare or double-quoted, with or
 * without its schema.
 */
final class LaterSql {
  private LaterSql() {}

  /** The SQL a change runs as written (sql, sqlFile, createProcedure); empty for other changes. */
  static String text(dev.migrate.model.Change change) {
    return change instanceof dev.migrate.model.Change.Sql sql
        ? sql.sql()
        : change instanceof dev.migrate.model.Change.CreateProcedure p ? p.procedureText() : "";
  }

  static String named(String name) {
    return "\"?" + Pattern.quote(name) + "\"?";
  }

  /**
   * Whether the regex matches the text; with {@code names}, a regex that does not match across a
   * semicolon and needs each of them as a word, read only in the statements that hold them ({@link
   * SqlParts}).
   */
  static boolean find(String regex, String sql, String... names) {
    // Most later changes are structured, with no SQL text: nothing to compile a pattern for.
    if (sql.isEmpty()) {
      return false;
    }
    return LongTexts.answer(
        regex, sql, names, () -> SqlParts.find(pattern("(?is)" + regex), sql, names));
  }

  /** The same, the regex made only for a text that may hold the names. */
  static boolean find(java.util.function.Supplier<String> regex, String sql, String... names) {
    return !sql.isEmpty() && SqlParts.mayHold(sql, names) && find(regex.get(), sql, names);
  }

  /**
   * The pattern of a regex built for one name, compiled once while it is in use: every guard asks
   * its questions of every later change, so one regex is matched thousands of times in a large
   * changelog, and compiling it each time cost more than all the rest of a run. The patterns used
   * least lately are let go: kept all, those of a changelog of 1,000 SQL files held 40 MB, and the
   * collector ran whole-heap passes of 0.1–0.2 s over them.
   */
  static Pattern pattern(String regex) {
    return PATTERNS.computeIfAbsent(regex, Pattern::compile);
  }

  private static final int KEPT_PATTERNS = 4096;

  private static final java.util.Map<String, Pattern> PATTERNS =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(KEPT_PATTERNS, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Pattern> eldest) {
              return size() > KEPT_PATTERNS;
            }
          });

  /**
   * The name the renames of a text give {@code name} in the end, followed statement by statement
   * (ALTER TABLE a RENAME TO b; ALTER TABLE b RENAME TO c); null when none renames it. {@code
   * rename} matches a rename of a name, its group {@code to} the new name.
   */
  static String followed(
      String sql,
      String name,
      java.util.function.Function<String, Pattern> rename,
      int to,
      String... also) {
    String now = name;
    for (int from = 0; !sql.isEmpty(); ) {
      String[] names = Stream.concat(Stream.of(now), Stream.of(also)).toArray(String[]::new);
      Matcher m = SqlParts.first(rename.apply(now), sql, from, names);
      if (m == null) {
        break;
      }
      now = SqlName.of(m.group(to), "").name();
      from = m.end();
    }
    return now.equals(name) ? null : now;
  }

  /** ALTER TABLE|VIEW|SEQUENCE|INDEX … RENAME TO this name. */
  static boolean renamesOnto(String sql, String relation) {
    return find(
        () ->
            "\\balter\\s+(table|view|materialized\\s+view|sequence|index)\\s+[^;]*?\\srename\\s+to\\s+"
                + named(relation)
                + "(\\s|;|$)",
        sql,
        relation);
  }

  /** CREATE [UNIQUE] INDEX or CREATE SEQUENCE (kind) naming this object. */
  static boolean creates(String sql, String kind, String name) {
    return find(
        () ->
            "\\bcreate\\s+"
                + (kind.equals("index")
                    ? "(unique\\s+)?index\\s+(concurrently\\s+)?"
                    : "sequence\\s+")
                + "(if\\s+not\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(name)
                + "(\\s|;|$)",
        sql,
        name);
  }

  /** ADD CONSTRAINT naming this constraint. */
  static boolean addsConstraint(String sql, String constraint) {
    return find(() -> "\\badd\\s+constraint\\s+" + named(constraint) + "\\s", sql, constraint);
  }

  /** CREATE TYPE or CREATE DOMAIN naming this type. */
  static boolean createsType(String sql, String type) {
    return find(
        () -> "\\bcreate\\s+(type|domain)\\s+([\\w$\"]+\\.)?" + named(type) + "(\\s|;|$)",
        sql,
        type);
  }

  /** CREATE [UNLOGGED] TABLE [IF NOT EXISTS] naming this table. */
  static boolean createsTable(String sql, String table) {
    return find(
        () ->
            "\\bcreate\\s+(unlogged\\s+)?table\\s+(if\\s+not\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(table)
                + "[\\s(]",
        sql,
        table);
  }

  /** ALTER TABLE … t … DROP CONSTRAINT [IF EXISTS] c, in one statement. */
  static boolean dropsConstraint(String sql, String table, String constraint) {
    return find(
        () ->
            "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(table)
                + "\\s[^;]*?\\bdrop\\s+constraint\\s+(if\\s+exists\\s+)?"
                + named(constraint)
                + "(\\s|,|;|$)",
        sql,
        table,
        constraint);
  }

  /** Whether the text names this object as a word (bare or double-quoted). */
  static boolean names(String sql, String name) {
    return find("(^|[^\\w$])" + named(name) + "($|[^\\w$])", sql);
  }

  /** ALTER TABLE naming this table. */
  static boolean altersTable(String sql, String table) {
    return find(
        () ->
            "\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(table)
                + "(\\s|$)",
        sql,
        table);
  }

  /** CREATE OR REPLACE VIEW or DROP VIEW naming this view. */
  static boolean redefinesView(String sql, String view) {
    return find(
        () ->
            "\\b(create\\s+or\\s+replace|drop)\\s+view\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(view)
                + "(\\s|;|$)",
        sql,
        view);
  }

  /**
   * DROP {@code kind} [IF EXISTS] …name… (a list may name several), or ALTER {@code kind} name
   * RENAME TO.
   */
  static boolean dropsOrRenames(String sql, String kind, String name) {
    return find(
        () ->
            "\\b(drop\\s+"
                + kind
                + "\\s+(if\\s+exists\\s+)?([^;]*?[\\s,.])?"
                + named(name)
                + "(\\s|,|;|$)|alter\\s+"
                + kind
                + "\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(name)
                + "\\s+rename\\s+to\\b)",
        sql,
        name);
  }

  /**
   * DROP TABLE, VIEW, MATERIALIZED VIEW or SEQUENCE naming this relation (a list may name several).
   */
  /** ALTER TABLE … RENAME CONSTRAINT of this name: a key's index is renamed with it. */
  static boolean renamesConstraint(String sql, String name) {
    return find(
        () -> "\\balter\\s+table\\s[^;]*?\\srename\\s+constraint\\s+" + named(name) + "\\s+to\\s",
        sql,
        name);
  }

  static boolean dropsRelation(String sql, String name) {
    return find(
        () ->
            "\\bdrop\\s+(table|view|materialized\\s+view|sequence)\\s+(if\\s+exists\\s+)?([^;]*?[\\s,.])?"
                + named(name)
                + "(\\s|,|;|$)",
        sql,
        name);
  }

  /**
   * DROP, ALTER, CREATE OR REPLACE or CREATE of a function, procedure, trigger or policy ({@code
   * kind}) of this name.
   */
  static boolean redefines(String sql, String kind, String name) {
    return find(
        () ->
            "\\b(drop|alter|create\\s+or\\s+replace|create)\\s+"
                + (kind.equals("trigger") ? "(constraint\\s+)?" : "")
                + kind
                + "\\s+(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                + named(name)
                + "(\\s|\\(|;|$)",
        sql,
        name);
  }

  /**
   * What raw SQL does to the labels of this enum type, in text order: ALTER TYPE … ADD VALUE gives
   * {@code [null, label]}, ALTER TYPE … RENAME VALUE gives {@code [old, new]}.
   */
  static List<String[]> enumLabelChanges(String sql, String type) {
    if (sql.isEmpty()) {
      return List.of();
    }
    Matcher m =
        pattern(
                "(?is)\\balter\\s+type\\s+([\\w$\"]+\\.)?"
                    + named(type)
                    + "\\s+(add\\s+value\\s+(if\\s+not\\s+exists\\s+)?'((?:[^']++|'')*)'"
                    + "|rename\\s+value\\s+'((?:[^']++|'')*)'\\s+to\\s+'((?:[^']++|'')*)')")
            .matcher(sql);
    List<String[]> changes = new ArrayList<>();
    while (m.find()) {
      changes.add(
          m.group(4) != null
              ? new String[] {null, unquote(m.group(4))}
              : new String[] {unquote(m.group(5)), unquote(m.group(6))});
    }
    return changes;
  }

  private static String unquote(String label) {
    return label.replace("''", "'");
  }
}
