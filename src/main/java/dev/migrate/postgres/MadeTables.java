package dev.migrate.postgres;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables the run made, by their name in lower case, each with every name (in lower case) the
 * statements that made it or have named it since wrote; kept while nothing the connection ran was
 * undone, as one of them may be gone again then ({@link CatalogSnapshot#lacks}).
 */
final class MadeTables {
  private final Jdbc jdbc;
  private final Map<String, Map<SqlName, Set<String>>> made = new HashMap<>();
  private long undoneAt;

  MadeTables(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Before statements that name {@code words} run: a table of those names is forgotten where they
   * may drop or rename it (what then is there is the server's to answer for), else it notes them.
   */
  void naming(Set<String> words, boolean reworks) {
    forgetUndone();
    for (String word : words) {
      Map<SqlName, Set<String>> named = made.get(word);
      if (named != null && reworks) {
        made.remove(word);
      } else if (named != null) {
        named.values().forEach(written -> written.addAll(words));
      }
    }
  }

  /**
   * After they ran: {@code table}, absent before, was made by statements that wrote {@code words}.
   */
  void made(SqlName table, Set<String> words) {
    if (jdbc.undone() == undoneAt) {
      made.computeIfAbsent(table.name().toLowerCase(Locale.ROOT), k -> new HashMap<>())
          .put(table, words);
    }
  }

  /** The names the statements that made the table wrote; null unless the run made it. */
  Set<String> written(String schema, String table) {
    forgetUndone();
    return made.getOrDefault(table.toLowerCase(Locale.ROOT), Map.of())
        .get(new SqlName(schema, table));
  }

  private void forgetUndone() {
    if (jdbc.undone() != undoneAt) {
      made.clear();
      undoneAt = jdbc.undone();
    }
  }
}
