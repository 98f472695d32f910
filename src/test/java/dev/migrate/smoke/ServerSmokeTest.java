package dev.migrate.smoke;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class ServerSmokeTest {
  @Test
  void serverAnswers() throws Exception {
    PostgresServer server = PostgresServer.get();
    String db = server.createDatabase("smoke");
    try (Connection c = server.connect(db);
        ResultSet rs = c.createStatement().executeQuery("SELECT version()")) {
      rs.next();
      System.out.println(rs.getString(1));
      assertTrue(rs.getString(1).startsWith("PostgreSQL 15"));
    }
  }
}
