package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.SQLException;

/** A statement's failure as migrate reports it: the server's message, SQLSTATE and the SQL. */
final class SqlFailure {
  private SqlFailure() {}

  /** The lines of SQL an error shows; the rest is counted. */
  static final int LINES = 12;

  // Passwords in the SQL or the message (CREATE ROLE ... PASSWORD) are hidden. The error shows a
  // long text (a function's body, or the round trip that ends a changeset when the connection
  // drops during it) cut to its first lines: the file and line it names hold the rest. The JSON
  // error keeps it whole.
  static MigrateException of(String sql, SQLException e) {
    String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
    String shown = Passwords.hidden(sql.strip());
    return new MigrateException(
        MigrateException.FAILED,
        Passwords.hidden(e.getMessage()) + state + "\n  SQL: " + cut(shown),
        e,
        new MigrateException.Detail(null, null, shown, e.getSQLState()));
  }

  static String cut(String sql) {
    String[] lines = sql.split("\n", -1);
    if (lines.length <= LINES) {
      return sql;
    }
    return String.join("\n", java.util.Arrays.asList(lines).subList(0, LINES))
        + "\n  … ("
        + (lines.length - LINES)
        + " more lines)";
  }
}
