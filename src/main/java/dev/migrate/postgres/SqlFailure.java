package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.SQLException;

/** A statement's failure as migrate reports it: the server's message, SQLSTATE and the SQL. */
final class SqlFailure {
  private SqlFailure() {}

  // Passwords in the SQL or the message (CREATE ROLE ... PASSWORD) are hidden.
  static MigrateException of(String sql, SQLException e) {
    String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
    String shown = Passwords.hidden(sql.strip());
    return new MigrateException(
        MigrateException.FAILED,
        Passwords.hidden(e.getMessage()) + state + "\n  SQL: " + shown,
        e,
        new MigrateException.Detail(null, null, shown, e.getSQLState()));
  }
}
