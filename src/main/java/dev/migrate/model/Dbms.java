package dev.migrate.model;

import java.util.Locale;

/**
 * Liquibase's {@code dbms} lists ("postgresql", "h2, mysql", "!mssql", "all", "none") as we read
 * them.
 */
public final class Dbms {
  private Dbms() {}

  /**
   * Whether the list reaches PostgreSQL. Only the word {@code postgresql} names it, as in
   * Liquibase: {@code postgres} does not.
   */
  public static boolean matchesPostgres(String list) {
    if (list == null || list.isBlank()) {
      return true;
    }
    boolean anyPositive = false;
    for (String raw : list.split(",")) {
      String word = raw.trim().toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        continue;
      }
      if (word.startsWith("!")) {
        if (word.substring(1).trim().equals("postgresql")) {
          return false;
        }
        continue;
      }
      if (word.equals("none")) {
        return false;
      }
      if (word.equals("all") || word.equals("postgresql")) {
        return true;
      }
      anyPositive = true;
    }
    return !anyPositive;
  }
}
