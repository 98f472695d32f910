package dev.migrate.model;

/**
 * A {@code modifySql} rewrite of the SQL a changeset generates: replace text, replace by regular
 * expression, or add text before or after each statement.
 */
public record ModifySql(Kind kind, String replace, String with) {

  /** Liquibase's four rewrites. */
  public enum Kind {
    REPLACE,
    REGEX_REPLACE,
    PREPEND,
    APPEND
  }

  /** The statement rewritten. Like Liquibase, {@code replace} is case-sensitive. */
  public String apply(String sql) {
    return switch (kind) {
      case REPLACE -> sql.replace(replace, with);
      case REGEX_REPLACE -> sql.replaceAll(replace, with);
      case PREPEND -> with + sql;
      case APPEND -> sql + with;
    };
  }
}
