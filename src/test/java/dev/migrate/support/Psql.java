package dev.migrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a SQL script with psql against a test database, as a user runs an `--sql` script. */
public final class Psql {
  private Psql() {}

  /**
   * The {@code upgrade --sql} script of {@code changelog}, run twice by psql on a new database (a
   * second run of a script must be safe): that database, for the test to look at.
   */
  public static TestDb scriptRunTwice(Path dir, Path changelog, String prefix) {
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", changelog.toString());
    assertEquals(0, script.code(), script.toString());
    TestDb db = new TestDb(prefix);
    for (int i = 0; i < 2; i++) {
      Cli.Result psql = run(db, dir, script.out());
      assertEquals(0, psql.code(), "run " + (i + 1) + " of the script:\n" + psql);
    }
    return db;
  }

  /**
   * The {@code upgrade --sql} script of {@code changelog}, made without a database as a DBA reviews
   * it, run once by psql on {@code db}.
   */
  public static Cli.Result script(TestDb db, Path dir, Path changelog) {
    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", changelog.toString());
    assertEquals(0, script.code(), script.toString());
    return run(db, dir, script.out());
  }

  /** Runs {@code script} once with ON_ERROR_STOP; returns psql's exit code and output. */
  public static Cli.Result run(TestDb db, Path dir, String script) {
    return runAs(db, db.server.user(), db.server.password(), dir, script);
  }

  /** Runs {@code script} once with ON_ERROR_STOP as another role. */
  public static Cli.Result runAs(TestDb db, String user, String password, Path dir, String script) {
    try {
      Path file = Files.writeString(Files.createTempFile(dir, db.name, ".sql"), script);
      ProcessBuilder builder =
          new ProcessBuilder(
                  "psql",
                  "-X",
                  "-q",
                  "-v",
                  "ON_ERROR_STOP=1",
                  "-h",
                  db.server.host(),
                  "-p",
                  String.valueOf(db.server.port()),
                  "-U",
                  user,
                  "-d",
                  db.name,
                  "-f",
                  file.toString())
              .redirectErrorStream(true);
      builder.environment().put("PGPASSWORD", password);
      builder.environment().put("PGOPTIONS", "-c client_min_messages=warning");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(300, TimeUnit.SECONDS);
      return new Cli.Result(process.exitValue(), output, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
