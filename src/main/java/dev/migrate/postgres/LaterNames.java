package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.ChangesAfter;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.RestOfStep;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The names the changelog's changes use, each with the last change that uses it, made once per run:
 * a question about a relation that no later change names has nothing to read.
 */
final class LaterNames {
  private LaterNames() {}

  private static final Object MENTIONS = new Object();
  // A quoted identifier, or a word as PostgreSQL reads an unquoted one (letters of any script).
  private static final Pattern WORD =
      Pattern.compile("\"((?:[^\"]++|\"\")+)\"|[\\p{L}_][\\p{L}\\p{N}_$]*");

  /**
   * The indexes in {@code changes} of those that may name this object, ascending: by a name of a
   * fact or a word of its fields (structured), or a word of its text (raw SQL), in any case; every
   * index when {@code changes} is not a step's view of the changelog, or the name is not one word
   * (a word of it could then be all the index holds). The questions about later changes read only
   * these: the changelog's words are indexed once per run, so in a changelog of thousands of
   * changes a question does not read every later one.
   */
  static int[] naming(List<Change> changes, String relation) {
    if (changes instanceof RestOfStep step) {
      // After a statement of a raw-SQL step: the step's other statements (read whatever they
      // name, their text being made only when read), then the changes after the step, indexed.
      int own = step.own();
      int[] after = naming(step.later(), relation);
      int[] naming = new int[after.length + own];
      for (int i = 0; i < own; i++) {
        naming[i] = i;
      }
      for (int i = 0; i < after.length; i++) {
        naming[i + own] = after[i] + own;
      }
      return naming;
    }
    if (!(changes instanceof ChangesAfter after) || !oneWord(relation)) {
      return IntStream.range(0, changes.size()).toArray();
    }
    Map<String, int[]> all = after.shared(MENTIONS, LaterNames::mentions);
    int[] at = all.getOrDefault(relation.toLowerCase(Locale.ROOT), new int[0]);
    int first = Arrays.binarySearch(at, after.from());
    first = first < 0 ? -first - 1 : first;
    // A plain loop: every guard's every question about later changes comes here.
    int[] naming = new int[at.length - first];
    for (int i = 0; i < naming.length; i++) {
      naming[i] = at[first + i] - after.from();
    }
    return naming;
  }

  // Whether a name is one word as WORD finds it unquoted, so the index holds it as it is.
  static boolean oneWord(String name) {
    if (name.isEmpty()) {
      return false;
    }
    int c = name.codePointAt(0);
    if (!Character.isLetter(c) && c != '_') {
      return false;
    }
    for (int at = Character.charCount(c); at < name.length(); at += Character.charCount(c)) {
      c = name.codePointAt(at);
      if (!inWord(c)) {
        return false;
      }
    }
    return true;
  }

  /** Starts indexing the changelog's names now, on a thread of its own (see {@link #naming}). */
  static void indexAhead(List<Change> changes) {
    if (changes instanceof ChangesAfter after) {
      after.makeAhead(MENTIONS, LaterNames::mentions);
    }
  }

  /**
   * The names a change holds, in lower case: those of its facts, and every word of its text (raw
   * SQL) or of every string its fields hold (any other change), so a name it holds outside its
   * facts (a referenced table, a backing index, an inline key's name) is there too.
   */
  static Set<String> of(Change change) {
    Set<String> names = named(Facts.of(change));
    if (change instanceof Change.Sql sql) {
      names.addAll(words(sql.sql()));
    } else {
      strings(change, text -> words(text, names));
    }
    return names;
  }

  // Every string a value holds: itself, or those of its fields when it is a record (a change, a
  // column, a value…), of its items when it is a list. What its printed form holds, without the
  // field names, and with no text made to be searched.
  private static void strings(Object value, Consumer<String> out) {
    if (value instanceof String text) {
      out.accept(text);
    } else if (value instanceof Record record) {
      for (Method field : fields(record.getClass())) {
        try {
          strings(field.invoke(record), out);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (value instanceof Collection<?> items) {
      items.forEach(item -> strings(item, out));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            strings(k, out);
            strings(v, out);
          });
    }
  }

  private static final Map<Class<?>, List<Method>> FIELDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  // Made accessible once: a call then skips the check of who calls, a walk of the caller's stack
  // that took a third of the index's time.
  private static List<Method> fields(Class<?> type) {
    return FIELDS.computeIfAbsent(
        type,
        t -> {
          List<Method> accessors = new ArrayList<>();
          for (RecordComponent component : t.getRecordComponents()) {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            accessors.add(accessor);
          }
          return List.copyOf(accessors);
        });
  }

  /** The names {@code facts} give (tables, objects, new names), in lower case. */
  static Set<String> named(List<Fact> facts) {
    Set<String> names = new HashSet<>();
    for (Fact f : facts) {
      for (String name : Arrays.asList(f.table(), f.name(), f.to())) {
        if (name != null) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  /**
   * Every identifier of a text, quoted or not, in lower case, and every word of it read as if
   * unquoted: what a text may name is never missing.
   */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    words(text, words);
    return words;
  }

  private static void words(String text, Set<String> words) {
    if (text.indexOf('"') >= 0) {
      Matcher word = WORD.matcher(text);
      while (word.find()) {
        String name = word.group(1) != null ? word.group(1).replace("\"\"", "\"") : word.group();
        words.add(name.toLowerCase(Locale.ROOT));
      }
    }
    // And every word as if no quote were there: a double quote inside a string ('say "hi') pairs
    // with the next quoted name's, and what stands between would otherwise be read as one name.
    unquotedWords(text, words);
  }

  // The words of a text without quotes, as WORD finds them, by one pass over its characters: the
  // changelog's every string goes through here once per run, and the pattern takes twice as long.
  private static void unquotedWords(String text, Set<String> words) {
    int at = 0;
    while (at < text.length()) {
      int end = wordEnd(text, at, text.length());
      if (end < 0) {
        at += Character.charCount(text.codePointAt(at));
        continue;
      }
      words.add(text.substring(at, end).toLowerCase(Locale.ROOT));
      at = end;
    }
  }

  /**
   * Where the word that begins at {@code at} ends, read no further than {@code to}, as PostgreSQL
   * reads an unquoted name (a letter or underscore, then letters, numbers, underscores and dollar
   * signs); -1 when none begins there.
   */
  static int wordEnd(String text, int at, int to) {
    int c = text.codePointAt(at);
    if (!Character.isLetter(c) && c != '_') {
      return -1;
    }
    int end = at + Character.charCount(c);
    while (end < to && inWord(text.codePointAt(end))) {
      end += Character.charCount(text.codePointAt(end));
    }
    return end;
  }

  // [\p{L}\p{N}_$]
  private static boolean inWord(int c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '$';
    }
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  // Each name of the changelog's changes, in lower case, with the indexes of the changes that have
  // it, ascending.
  private static Map<String, int[]> mentions(List<Change> all) {
    // Each list grows in place: its first slot holds how many indexes follow.
    Map<String, int[]> at = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      for (String name : of(all.get(i))) {
        int[] list = at.get(name);
        if (list == null || list[0] + 1 == list.length) {
          list = list == null ? new int[4] : Arrays.copyOf(list, list.length * 2);
          at.put(name, list);
        }
        list[++list[0]] = i;
      }
    }
    at.replaceAll((name, list) -> Arrays.copyOfRange(list, 1, list[0] + 1));
    return at;
  }
}
