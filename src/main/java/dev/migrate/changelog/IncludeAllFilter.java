package dev.migrate.changelog;

import dev.migrate.model.MigrateException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which changelogs below an includeAll's folder it takes, as Liquibase's search chooses them: those
 * whose depth (1 for a file in the folder itself, 2 one folder down…) is within {@code minDepth}
 * and {@code maxDepth}, and whose path ends with {@code endsWithFilter}, case aside. A filter or an
 * order given as a Java class ({@code resourceFilter}, {@code filter}, {@code resourceComparator})
 * is refused: ignoring it would run other changesets, or the same in another order.
 */
record IncludeAllFilter(int minDepth, int maxDepth, String endsWith) {
  static IncludeAllFilter of(YamlMap map) {
    for (String key : new String[] {"resourceFilter", "filter", "resourceComparator"}) {
      if (map.has(key)) {
        throw MigrateException.invalid(
            map.location(key),
            "includeAll '"
                + key
                + "' names a Java class, which migrate cannot run; without it other files, or"
                + " the same in another order, would be read: list the files with include, or"
                + " choose them with minDepth, maxDepth and endsWithFilter");
      }
    }
    int min = depth(map, "minDepth", 0);
    int max = depth(map, "maxDepth", Integer.MAX_VALUE);
    if (max < min) {
      throw MigrateException.invalid(
          map.location("maxDepth"),
          "includeAll maxDepth (" + max + ") must not be less than minDepth (" + min + ")");
    }
    String endsWith = map.string("endsWithFilter");
    endsWith = endsWith == null || endsWith.isBlank() ? null : endsWith.strip();
    return new IncludeAllFilter(min, max, endsWith);
  }

  private static int depth(YamlMap map, String key, int fallback) {
    String text = map.integer(key, true);
    if (text == null) {
      return fallback;
    }
    BigInteger value = new BigInteger(text);
    if (value.signum() < 0) {
      throw MigrateException.invalid(
          map.location(key), "includeAll " + key + " must not be negative, not " + text);
    }
    return value.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
  }

  /** Whether the changelog at {@code file}, a path below {@code dir}, is taken. */
  boolean takes(Path dir, String file) {
    int depth = (int) file.chars().filter(c -> c == '/').count() + 1;
    return depth >= minDepth
        && depth <= maxDepth
        && (endsWith == null
            || dir.resolve(file)
                .toString()
                .toLowerCase(Locale.ROOT)
                .endsWith(endsWith.toLowerCase(Locale.ROOT)));
  }

  /** What the filter asks, for the message saying none matched; empty when it asks nothing. */
  String described() {
    StringBuilder out = new StringBuilder();
    if (minDepth > 0) {
      out.append(", minDepth ").append(minDepth);
    }
    if (maxDepth < Integer.MAX_VALUE) {
      out.append(", maxDepth ").append(maxDepth);
    }
    if (endsWith != null) {
      out.append(", endsWithFilter '").append(endsWith).append('\'');
    }
    return out.isEmpty() ? "" : " matching" + out.substring(1);
  }
}
