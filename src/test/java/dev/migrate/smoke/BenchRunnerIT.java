package dev.migrate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner docs/benchmarks.md takes its tables from, run as its command line says, one round at a
 * tiny size against the test server: every scenario runs the packaged bin/migrate (or psql) and
 * ends as it should, the table has a row for each, and the runner's databases are gone after.
 */
class BenchRunnerIT {
  private static final List<String> SCENARIOS =
      List.of(
          "psql-1",
          "psql-cs",
          "fresh",
          "no-op",
          "no-op-cold",
          "recovery",
          "partial",
          "psql-partial",
          "check",
          "current-v",
          "sql-script");

  @Test
  void everyScenarioRunsOnceAndEndsAsItShould(@TempDir Path out)
      throws IOException, InterruptedException, SQLException {
    PostgresServer server = PostgresServer.get();
    ProcessBuilder runner =
        new ProcessBuilder("bash", "bench/run.sh", "-r", "1", "--out", out.toString(), "3")
            .redirectErrorStream(true);
    runner.environment().keySet().removeIf(k -> k.startsWith("MIGRATE_") || k.startsWith("PG"));
    runner.environment().put("PGHOST", server.host());
    runner.environment().put("PGPORT", String.valueOf(server.port()));
    runner.environment().put("PGUSER", server.user());
    runner.environment().put("PGPASSWORD", server.password());
    Process process = runner.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
    assertEquals(0, process.exitValue(), output);

    // One line per scenario, each with the exit it expects (the last column), in the round's order.
    List<String> lines = Files.readAllLines(out.resolve("results-chain.tsv"));
    List<String> scenarios = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t");
      assertEquals("chain", fields[0], line);
      assertEquals("3", fields[1], line);
      assertEquals("0", fields[fields.length - 1], line);
      assertTrue(Double.parseDouble(fields[4]) > 0, line);
      scenarios.add(fields[3]);
    }
    assertEquals(SCENARIOS, scenarios);
    for (String scenario : SCENARIOS) {
      assertTrue(
          output.contains("| chain | 3 | " + scenario + " | "),
          scenario + " in the table:\n" + output);
    }

    try (Connection c = server.connect("postgres");
        Statement s = c.createStatement();
        ResultSet left =
            s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'")) {
      List<String> databases = new ArrayList<>();
      while (left.next()) {
        databases.add(left.getString(1));
      }
      assertEquals(List.of(), databases);
    }
  }
}
