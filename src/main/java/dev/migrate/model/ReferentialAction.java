package dev.migrate.model;

import java.util.Locale;

/** What a foreign key does when the referenced row goes away or changes. */
public enum ReferentialAction {
  NO_ACTION("NO ACTION", 'a'),
  RESTRICT("RESTRICT", 'r'),
  CASCADE("CASCADE", 'c'),
  SET_NULL("SET NULL", 'n'),
  SET_DEFAULT("SET DEFAULT", 'd');

  private final String sql;
  private final char catalogCode;

  ReferentialAction(String sql, char catalogCode) {
    this.sql = sql;
    this.catalogCode = catalogCode;
  }

  /** The words PostgreSQL writes after ON DELETE / ON UPDATE. */
  public String sql() {
    return sql;
  }

  /** The code pg_constraint.confdeltype / confupdtype uses for it. */
  public char catalogCode() {
    return catalogCode;
  }

  /**
   * Parses Liquibase's spelling ({@code CASCADE}, {@code SET NULL}, {@code NO ACTION}…), or null.
   */
  public static ReferentialAction parse(String text) {
    String wanted = text.trim().replace('_', ' ').toUpperCase(Locale.ROOT);
    for (ReferentialAction action : values()) {
      if (action.sql.equals(wanted)) {
        return action;
      }
    }
    return null;
  }

  public static ReferentialAction fromCatalogCode(char code) {
    for (ReferentialAction action : values()) {
      if (action.catalogCode == code) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown referential action code " + code);
  }
}
