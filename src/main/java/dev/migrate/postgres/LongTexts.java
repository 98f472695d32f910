package dev.migrate.postgres;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The answers of the questions asked of long raw-SQL texts, each asked once: every statement of an
 * earlier changeset asks the same questions of a later text, and a long one (a 3 MB seed INSERT,
 * read again for each of the thousands of INSERTs of an earlier seed file) took minutes.
 */
final class LongTexts {
  private LongTexts() {}

  private static final int LONG_TEXT = 8192;
  private static final int KEPT = 4096;

  /** A question about one text, which is the same object each time it is asked about. */
  private record Asked(String regex, String sql, List<String> names, boolean whole) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Asked a
          && a.sql == sql
          && a.whole == whole
          && a.regex.equals(regex)
          && a.names.equals(names);
    }

    @Override
    public int hashCode() {
      return (regex.hashCode() * 31 + System.identityHashCode(sql)) * 31 + names.hashCode();
    }
  }

  private static final java.util.Map<Asked, Boolean> ANSWERS =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Asked, Boolean> eldest) {
              return size() > KEPT;
            }
          });

  /** Whether {@code regex} finds the names in {@code sql}, as {@code find} answers it, once. */
  static boolean answer(String regex, String sql, String[] names, BooleanSupplier find) {
    if (sql.length() < LONG_TEXT) {
      return find.getAsBoolean();
    }
    return ANSWERS.computeIfAbsent(
        new Asked(regex, sql, List.of(names), SqlParts.readingWhole()), a -> find.getAsBoolean());
  }
}
