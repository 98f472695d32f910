package dev.migrate.plan;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes of a changelog with every table, view, sequence and column named as the changelog
 * leaves it: a createTable whose table a later renameTable renames, and whose columns later
 * renameColumns rename, reads as if written with the final names. {@code check} asks its questions
 * of the database as it is now, so that a step is still checked after its object was renamed. The
 * structured renames themselves have nothing left to say and are left out of the later changes. Raw
 * SQL names relations as they were when it runs, so its words that name a renamed relation (outside
 * string literals, unqualified or in the default schema) are followed too, and so are the renames
 * raw SQL makes (ALTER TABLE|VIEW|SEQUENCE … RENAME TO); raw column renames are left to the guards,
 * which find them in the SQL text.
 *
 * <p>The names are followed position by position, from the end backwards: a name that a later
 * createTable or addColumn makes again denotes, before it, the older object, which keeps its own
 * final name.
 */
public final class FinalNames {
  private final Map<Step, Change> renamed = new IdentityHashMap<>();
  private final Map<Step, Integer> position = new IdentityHashMap<>();
  private final List<Change> kept = new ArrayList<>();

  // Name now (schema-qualified relation) → final relation name.
  private final Map<String, String> relations = new HashMap<>();
  // Final relation name + column name now → final column name.
  private final Map<String, String> columns = new HashMap<>();
  private final UnaryOperator<String> schema;

  private FinalNames(UnaryOperator<String> schema) {
    this.schema = schema;
  }

  /** {@code schema} gives the schema a change without one works in. */
  public static FinalNames of(Changelog changelog, UnaryOperator<String> schema) {
    FinalNames names = new FinalNames(schema);
    List<Step> steps = new ArrayList<>();
    for (Changeset c : changelog.changesets()) {
      steps.addAll(c.steps());
    }
    List<Change> backwards = new ArrayList<>();
    List<Step> keptSteps = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      Change change = names.follow(step.change());
      if (change != null) {
        names.renamed.put(step, change);
        backwards.add(change);
        keptSteps.add(step);
      }
    }
    for (int i = backwards.size() - 1; i >= 0; i--) {
      names.position.put(keptSteps.get(i), names.kept.size());
      names.kept.add(backwards.get(i));
    }
    return names;
  }

  /**
   * A change in the names the changes after it leave, as {@link #change} gives a step's: what a
   * guard meeting a database ahead of its revision rows finds under the names later renames gave.
   */
  public static Change named(Change change, List<Change> later, UnaryOperator<String> schema) {
    FinalNames names = new FinalNames(schema);
    for (int i = later.size() - 1; i >= 0; i--) {
      names.follow(later.get(i));
    }
    return change.named(names.names);
  }

  /** The step's change in final names; a rename, or a step outside the changelog, as it is. */
  public Change change(Step step) {
    return renamed.getOrDefault(step, step.change());
  }

  /** The changes after the step, in final names, without the structured renames. */
  public List<Change> later(Step step) {
    Integer at = position.get(step);
    return at == null ? List.of() : ChangesAfter.of(kept, all(), at);
  }

  /** Every change in final names, as a view that shares its facts with every {@link #later}. */
  public ChangesAfter all() {
    if (all == null) {
      all = ChangesAfter.of(kept, null, -1); // once every change is kept: the facts are shared
    }
    return all;
  }

  private ChangesAfter all;

  private String key(String schemaName, String name) {
    return schema.apply(schemaName) + "." + name;
  }

  private String relation(String schemaName, String name) {
    return name == null ? null : relations.getOrDefault(key(schemaName, name), name);
  }

  private String column(String schemaName, String table, String column) {
    return column == null
        ? null
        : columns.getOrDefault(key(schemaName, relation(schemaName, table)) + "." + column, column);
  }

  private List<String> columns(String schemaName, String table, List<String> names) {
    return names == null ? null : names.stream().map(c -> column(schemaName, table, c)).toList();
  }

  // A relation renamed after this point: before it, the old name means what the new one means.
  private void renames(String schemaName, String from, String to) {
    relations.put(key(schemaName, from), relation(schemaName, to));
  }

  // An object made here: before this point its name meant an older object, if any.
  private void made(String schemaName, String name, List<String> madeColumns) {
    if (madeColumns == null) {
      String finalName = relation(schemaName, name);
      String prefix = key(schemaName, finalName) + ".";
      columns.keySet().removeIf(k -> k.startsWith(prefix));
      relations.remove(key(schemaName, name));
    } else {
      String prefix = key(schemaName, relation(schemaName, name)) + ".";
      madeColumns.forEach(c -> columns.remove(prefix + c));
    }
  }

  /** The change in the names valid after it, or null for a structured rename (left out). */
  private Change follow(Change change) {
    List<Facts.Fact> facts = Facts.of(change);
    Facts.Fact first = facts.isEmpty() ? null : facts.get(0);
    if (first != null && first.verb() == Facts.Verb.RENAMES && isRelation(first.kind())) {
      renames(first.schema(), first.name(), first.to());
      return null;
    } else if (first != null && first.is(Facts.Verb.RENAMES, Facts.Kind.COLUMN)) {
      String table = key(first.schema(), relation(first.schema(), first.table()));
      columns.put(
          table + "." + first.name(), columns.getOrDefault(table + "." + first.to(), first.to()));
      return null;
    }
    Change named = change.named(names);
    for (Facts.Fact f : facts) {
      if (f.verb() == Facts.Verb.MAKES && isRelation(f.kind())) {
        made(f.schema(), f.name(), null);
      } else if (f.is(Facts.Verb.MAKES, Facts.Kind.COLUMN)) {
        made(f.schema(), f.table(), List.of(f.name()));
      }
    }
    return named;
  }

  // Tables, views and sequences share one namespace: a rename of one is followed alike.
  private static boolean isRelation(Facts.Kind kind) {
    return kind == Facts.Kind.TABLE || kind == Facts.Kind.VIEW || kind == Facts.Kind.SEQUENCE;
  }

  // The names as this point of the changelog leaves them, which each change applies to itself.
  private final Change.Names names =
      new Change.Names() {
        @Override
        public String relation(String schemaName, String name) {
          return FinalNames.this.relation(schemaName, name);
        }

        @Override
        public String column(String schemaName, String table, String column) {
          return FinalNames.this.column(schemaName, table, column);
        }

        @Override
        public Column definition(String schemaName, String table, Column column) {
          return FinalNames.this.column(schemaName, table, column);
        }

        @Override
        public String sql(String sql, String endDelimiter) {
          return followedSql(sql, endDelimiter);
        }
      };

  // Raw SQL statement by statement from its last: each in the names valid after it, then what
  // it does to names: ALTER … RENAME TO renames a relation, CREATE makes one (before it, its name
  // meant an older relation), ALTER TABLE … RENAME COLUMN renames a column and is left out. Text
  // the statements cannot be found in is rewritten whole (relations only).
  private String followedSql(String sql, String delimiter) {
    List<String> statements =
        dev.migrate.model.SqlSplitter.split(sql, delimiter == null ? ";" : delimiter, false);
    int[] at = new int[statements.size()];
    int from = 0;
    for (int i = 0; i < statements.size(); i++) {
      at[i] = sql.indexOf(statements.get(i), from);
      if (at[i] < 0) {
        return relations.isEmpty() ? sql : relationWords(sql);
      }
      from = at[i] + statements.get(i).length();
    }
    StringBuilder out = new StringBuilder(sql);
    for (int i = statements.size() - 1; i >= 0; i--) {
      String statement = statements.get(i);
      Matcher renameColumn = RawColumns.RENAME.matcher(statement);
      if (renameColumn.matches()) {
        // Followed as a renameColumn is, and left out as it is: the column is checked where the
        // statements before it make it, under its final name.
        String s = rawSchema(renameColumn.group(1));
        String table = key(s, relation(s, rawName(renameColumn.group(1))));
        String to = renameColumn.group(3).toLowerCase(java.util.Locale.ROOT);
        columns.put(
            table + "." + renameColumn.group(2).toLowerCase(java.util.Locale.ROOT),
            columns.getOrDefault(table + "." + to, to));
        out.replace(at[i], at[i] + statement.length(), "");
        continue;
      }
      String named =
          RawColumns.rewrite(
              statement,
              (table, column) -> {
                String s = rawSchema(table);
                String last = column(s, rawName(table), column);
                return last.equals(column) ? null : last;
              });
      out.replace(at[i], at[i] + statement.length(), relationWords(named));
      Matcher rename = RAW_RENAME.matcher(statement);
      Matcher create = RAW_CREATE.matcher(statement);
      if (rename.matches()) {
        renames(rawSchema(rename.group(1)), rawName(rename.group(1)), rawName(rename.group(2)));
      } else if (create.matches()) {
        made(rawSchema(create.group(1)), rawName(create.group(1)), null);
      }
    }
    return out.toString();
  }

  private static final String RAW_NAME = "([A-Za-z_][\\w$]*(?:\\s*\\.\\s*[A-Za-z_][\\w$]*)?)";
  private static final Pattern RAW_RENAME =
      Pattern.compile(
          "\\s*ALTER\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE)\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + RAW_NAME
              + "\\s+RENAME\\s+TO\\s+([A-Za-z_][\\w$]*)\\s*;?\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RAW_CREATE =
      Pattern.compile(
          "\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+)?(?:MATERIALIZED\\s+)?"
              + "(?:TABLE|VIEW|SEQUENCE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + RAW_NAME
              + "[\\s(].*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  // The schema a raw name gives (null: the default one), and its relation, folded as unquoted.
  private static String rawSchema(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? null : name.substring(0, dot).strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static String rawName(String name) {
    return name.substring(name.indexOf('.') + 1).strip().toLowerCase(java.util.Locale.ROOT);
  }

  // Raw SQL with each word that names a renamed relation replaced by its final name; string
  // literals and quoted names are left as they are. Read character by character: a function body
  // in single quotes may run to many kilobytes.
  private String relationWords(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end = i + 1;
      if (c == '\'' || c == '"') {
        while (end < sql.length()
            && (sql.charAt(end) != c || end + 1 < sql.length() && sql.charAt(end + 1) == c)) {
          end += sql.charAt(end) == c ? 2 : 1; // a doubled quote is one of the text
        }
        end = Math.min(end + 1, sql.length());
      } else if (Character.isLetter(c) && c < 128 || c == '_') {
        while (end < sql.length() && (isWordPart(sql.charAt(end)))) {
          end++;
        }
        String word = sql.substring(i, end);
        String renamed = relations.get(key(null, word.toLowerCase(java.util.Locale.ROOT)));
        if (renamed != null && (i == 0 || sql.charAt(i - 1) != '.')) {
          out.append(renamed);
          i = end;
          continue;
        }
      } else if (isWordPart(c)) {
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
          end++; // digits, $ and letters after them: no word of a name
        }
      }
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  private static boolean isWordPart(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
  }

  // A column of a createTable or addColumn under its final name; an inline foreign key's
  // referenced table and columns too.
  private Column column(String schemaName, String table, Column col) {
    ColumnConstraints k = col.constraints();
    ColumnConstraints.ForeignKey fk = k.foreignKey();
    if (fk != null) {
      fk =
          new ColumnConstraints.ForeignKey(
              fk.name(),
              fk.referencedSchemaName(),
              relation(fk.referencedSchemaName(), fk.referencedTableName()),
              columns(
                  fk.referencedSchemaName(), fk.referencedTableName(), fk.referencedColumnNames()),
              fk.onDelete(),
              fk.deferrable(),
              fk.initiallyDeferred(),
              fk.validate());
      k =
          new ColumnConstraints(
              k.nullable(),
              k.primaryKey(),
              k.primaryKeyName(),
              k.unique(),
              k.uniqueConstraintName(),
              fk,
              k.primaryKeyTablespace());
    }
    return new Column(
        column(schemaName, table, col.name()),
        col.type(),
        col.defaultValue(),
        col.autoIncrement(),
        col.remarks(),
        k,
        col.value(),
        col.identity());
  }
}
