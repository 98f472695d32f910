package dev.migrate.fuzz;

import dev.migrate.support.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A login role with a password, and — when the server's pg_hba.conf is a file this test can write
 * (the embedded server) — a rule that makes that one role authenticate with it, so a wrong password
 * really fails. Every other role keeps the server's rules; {@link #close} takes the rule away
 * again.
 */
final class PasswordRole implements AutoCloseable {
  final String name = "fuzz_secret_" + ProcessHandle.current().pid();
  final boolean enforced;
  private final PostgresServer server;
  private Path hba;
  private String original;

  PasswordRole(PostgresServer server, String password) {
    this.server = server;
    admin("DROP ROLE IF EXISTS " + name);
    admin(
        "CREATE ROLE " + name + " LOGIN SUPERUSER PASSWORD '" + password.replace("'", "''") + "'");
    this.enforced = enforce();
  }

  private boolean enforce() {
    try {
      Path file = Path.of(query("SHOW hba_file"));
      if (!Files.isWritable(file)) {
        return false;
      }
      original = Files.readString(file);
      String rules =
          "host all "
              + name
              + " 127.0.0.1/32 scram-sha-256\nhost all "
              + name
              + " ::1/128 scram-sha-256\n"
              + "local all "
              + name
              + " scram-sha-256\n";
      Files.writeString(file, rules + original);
      hba = file;
      query("SELECT pg_reload_conf()");
      // The reload is asynchronous: wait until the server reads the new rule.
      for (int i = 0; i < 50; i++) {
        if ("true"
            .equals(
                query(
                    "SELECT count(*) > 0 FROM pg_hba_file_rules WHERE '"
                        + name
                        + "' = ANY (user_name)"
                        + " AND auth_method = 'scram-sha-256'"))) {
          Thread.sleep(200);
          return true;
        }
        Thread.sleep(100);
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (hba != null) {
      try {
        Files.writeString(hba, original);
        query("SELECT pg_reload_conf()");
      } catch (IOException e) {
        throw new IllegalStateException("cannot restore " + hba, e);
      }
    }
  }

  private void admin(String sql) {
    query(sql);
  }

  private String query(String sql) {
    try (Connection c = server.connect("postgres");
        Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return null;
      }
      try (ResultSet rs = s.getResultSet()) {
        return rs.next() ? String.valueOf(rs.getObject(1)) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
