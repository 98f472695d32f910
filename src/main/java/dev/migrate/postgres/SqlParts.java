package dev.migrate.postgres;

import dev.migrate.model.SqlSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw-SQL text cut into its statements, after each semicolon outside comments, strings, quoted
 * names and bodies, with the words of each. The questions of {@link LaterSql} are about one
 * statement, and each names a table or a column: they need read only the statements that hold those
 * names as words. A changelog's large SQL files are asked about every column of every table they
 * touch; reading each whole took seconds.
 */
final class SqlParts {
  // Weak keys: the parts of a text live as long as the changelog that holds it.
  private static final Map<String, SqlParts> MADE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final int[] ends; // each part's end, after its semicolon; a part begins where one ends
  private final Map<String, int[]> words; // each word, lower case: the parts holding it, ascending

  private SqlParts(String sql) {
    List<Integer> cuts = new ArrayList<>();
    Map<String, int[]> at = new HashMap<>();
    int part = 0;
    for (int i = 0; i < sql.length(); ) {
      char c = sql.charAt(i);
      int skip =
          c == '-' || c == '/'
              ? SqlSplitter.commentEnd(sql, i)
              : c == '\'' || c == '"' || c == '$' ? SqlSplitter.quotedEnd(sql, i) : i;
      if (skip > i) {
        // A semicolon in a comment, a string, a quoted name or a body does not end the statement;
        // the words there are the statement's (a quoted name, a function's body).
        words(sql, i, skip, part, at);
        i = skip;
      } else if (c == ';') {
        cuts.add(++i);
        part++;
      } else {
        i = word(sql, i, sql.length(), part, at);
      }
    }
    cuts.add(sql.length());
    this.ends = cuts.stream().mapToInt(Integer::intValue).toArray();
    at.replaceAll((word, list) -> Arrays.copyOfRange(list, 1, list[0] + 1));
    this.words = at;
  }

  private static void words(String sql, int from, int to, int part, Map<String, int[]> at) {
    for (int i = from; i < to; ) {
      i = word(sql, i, to, part, at);
    }
  }

  // Notes the word at {@code i}, as PostgreSQL reads an unquoted name, and returns where it ends;
  // the next character when none begins there. A quoted name's quotes are not part of it, so a name
  // of one word is found quoted or not.
  private static int word(String sql, int i, int to, int part, Map<String, int[]> at) {
    int end = LaterNames.wordEnd(sql, i, to);
    if (end < 0) {
      return i + Character.charCount(sql.codePointAt(i));
    }
    note(at, sql.substring(i, end).toLowerCase(Locale.ROOT), part);
    return end;
  }

  // Adds a part to a word's list, once; the list's first slot holds how many follow.
  private static void note(Map<String, int[]> at, String word, int part) {
    int[] list = at.get(word);
    if (list != null && list[0] > 0 && list[list[0]] == part) {
      return;
    }
    if (list == null || list[0] + 1 == list.length) {
      list = list == null ? new int[4] : Arrays.copyOf(list, list.length * 2);
      at.put(word, list);
    }
    list[++list[0]] = part;
  }

  // The text asked about last, and its parts: the questions about one change come one after
  // another.
  private record Last(String sql, SqlParts parts) {}

  private static volatile Last last;

  static SqlParts of(String sql) {
    Last known = last;
    if (known != null && known.sql() == sql) {
      return known.parts();
    }
    SqlParts parts = MADE.computeIfAbsent(sql, SqlParts::new);
    last = new Last(sql, parts);
    return parts;
  }

  /**
   * Whether {@code pattern} matches {@code sql} in a part that holds every name as a word; in the
   * whole text when a name is not one word (the parts hold only words). The pattern must find each
   * name in the part where its match begins.
   */
  static boolean find(Pattern pattern, String sql, String... names) {
    boolean[] found = {false};
    each(
        pattern,
        sql,
        names,
        m -> {
          found[0] = true;
          return false;
        });
    return found[0];
  }

  /**
   * Whether a statement of {@code sql} may hold every name as a word: when none does, {@link #find}
   * has nothing to read, and the question needs no pattern made.
   */
  static boolean mayHold(String sql, String... names) {
    return names.length == 0
        || !allOneWord(names)
        || WHOLE.get()
        || of(sql).holding(names).length > 0;
  }

  /** Each match of {@code pattern} as {@link #find} reads the text, in text order. */
  static void forEach(Pattern pattern, String sql, String[] names, Consumer<Matcher> action) {
    each(
        pattern,
        sql,
        names,
        m -> {
          action.accept(m);
          return true;
        });
  }

  /**
   * The first match of {@code pattern} at or after {@code from}, as {@link #find} reads the text,
   * or null.
   */
  static Matcher first(Pattern pattern, String sql, int from, String... names) {
    Matcher[] first = {null};
    each(
        pattern,
        sql,
        names,
        m -> {
          first[0] = m;
          return false;
        },
        from);
    return first[0];
  }

  private interface Step {
    boolean more(Matcher m); // whether to go on after this match
  }

  private static void each(Pattern pattern, String sql, String[] names, Step step) {
    each(pattern, sql, names, step, 0);
  }

  // Set while a question is asked of the whole text ({@link #wholeText}).
  private static final ThreadLocal<Boolean> WHOLE = ThreadLocal.withInitial(() -> false);

  /** Whether the question being asked reads every text whole ({@link #wholeText}). */
  static boolean readingWhole() {
    return WHOLE.get();
  }

  /** What {@code question} answers when every text is read whole, as the parts are meant to. */
  static <T> T wholeText(java.util.function.Supplier<T> question) {
    WHOLE.set(true);
    try {
      return question.get();
    } finally {
      WHOLE.set(false);
    }
  }

  private static void each(Pattern pattern, String sql, String[] names, Step step, int from) {
    if (sql.length() <= from) {
      return;
    }
    Matcher m = pattern.matcher(sql).useTransparentBounds(true).useAnchoringBounds(false);
    if (names.length == 0 || !allOneWord(names) || WHOLE.get()) {
      m.region(from, sql.length());
      while (m.find()) {
        if (!step.more(m)) {
          return;
        }
      }
      return;
    }
    SqlParts parts = of(sql);
    for (int part : parts.holding(names)) {
      if (parts.ends[part] <= from) {
        continue;
      }
      m.region(Math.max(from, part == 0 ? 0 : parts.ends[part - 1]), parts.ends[part]);
      while (m.find()) {
        if (!step.more(m)) {
          return;
        }
      }
    }
  }

  private static boolean allOneWord(String[] names) {
    for (String name : names) {
      if (!LaterNames.oneWord(name)) {
        return false;
      }
    }
    return true;
  }

  // The parts that hold every name as a word, ascending.
  private int[] holding(String[] names) {
    int[] parts = null;
    for (String name : names) {
      int[] with = words.getOrDefault(name.toLowerCase(Locale.ROOT), new int[0]);
      parts = parts == null ? with : both(parts, with);
    }
    return parts == null ? new int[0] : parts;
  }

  private static int[] both(int[] a, int[] b) {
    int[] out = new int[Math.min(a.length, b.length)];
    int n = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[n++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
