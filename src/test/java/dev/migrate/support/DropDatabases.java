package dev.migrate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops the databases a test class made once the class is done (every class, through JUnit's
 * extension autodetection): the shared server stays small, so its shutdown at the end of the run is
 * quick. A database's name ends in this JVM's pid and a counter (see {@link
 * PostgresServer#createDatabase}), so only this run's databases go.
 */
public final class DropDatabases implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) {
    PostgresServer server = PostgresServer.ifStarted();
    if (server == null) {
      return;
    }
    String mine = "%\\_" + ProcessHandle.current().pid() + "\\_%";
    try (Connection c =
            DriverManager.getConnection(
                server.jdbcUrl("postgres"), server.user(), server.password());
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + mine + "'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      }
    } catch (SQLException e) {
      // WITH (FORCE) ends the sessions still connected, so a failure here is a real one: a
      // database left behind would slow the server's shutdown at the end of the run.
      throw new IllegalStateException(
          "cannot drop the databases of " + context.getDisplayName(), e);
    }
  }
}
