package dev.migrate.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.PostgresServer;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password, however it is given, appears in nothing migrate prints or logs: not on stdout or
 * stderr, not in a log line at -v, not in an exception's message or its causes, not in the {@code
 * current -v} header or the {@code --sql} script; in success and in failure (a wrong password, a
 * host that does not answer, a SQL error, drift, a malformed URL or config file). The role the runs
 * log in as has that password and, on the embedded server, must give it.
 */
class SecretsTest {
  private static final String PASSWORD = "s3cr3t-Pa55-xyz";
  private static final String WRONG = "wr0ng-Pa55-abc";
  private static final String EXAMPLE = Changelogs.example().toString();

  @TempDir Path tmp;

  private final PostgresServer server = PostgresServer.get();
  private final List<String> leaks = new ArrayList<>();
  private final List<String> surprises = new ArrayList<>();
  private int dirs;

  @Test
  void aPasswordGivenAnyWayIsNeverPrinted() throws IOException {
    Path failing =
        Changelogs.write(
            tmp,
            "failing/changelog.yaml",
            Changelogs.changeset(
                "boom",
                """
        - sql:
            sql: SELECT * FROM fuzz_no_such_table
        """));
    try (PasswordRole role = new PasswordRole(server, PASSWORD)) {
      System.out.println(
          "secrets: the server "
              + (role.enforced
                  ? "asks role " + role.name + " for its password"
                  : "trusts every role: a wrong password cannot fail, and is only checked never to be printed"));
      for (SecretSource source : SecretSource.values()) {
        TestDb db = new TestDb("secret");
        String name = source.name().toLowerCase();
        run(
            name + ": upgrade --debug",
            0,
            give(source, role, db.name, PASSWORD, server.port()),
            "upgrade",
            "--debug",
            "--changelog",
            EXAMPLE);
        run(
            name + ": current -v --debug",
            0,
            give(source, role, db.name, PASSWORD, server.port()),
            "current",
            "-v",
            "--debug",
            "--changelog",
            EXAMPLE);
        run(
            name + ": upgrade --sql --debug",
            0,
            give(source, role, db.name, PASSWORD, server.port()),
            "upgrade",
            "--sql",
            "--debug",
            "--changelog",
            EXAMPLE);
        run(
            name + ": SQL error",
            1,
            give(source, role, db.name, PASSWORD, server.port()),
            "upgrade",
            "--debug",
            "--changelog",
            failing.toString());
        // The other reports print the URL the same way whoever gave the password: once for each URL
        // form.
        if (source == SecretSource.FLAG
            || source == SecretSource.JDBC_URL
            || source == SecretSource.SERVICE_FILE) {
          run(
              name + ": history --debug",
              0,
              give(source, role, db.name, PASSWORD, server.port()),
              "history",
              "--debug",
              "--changelog",
              EXAMPLE);
          run(
              name + ": check --debug",
              0,
              give(source, role, db.name, PASSWORD, server.port()),
              "check",
              "--debug",
              "--changelog",
              EXAMPLE);
          run(
              name + ": stamp head --debug",
              0,
              give(source, role, db.name, PASSWORD, server.port()),
              "stamp",
              "head",
              "--debug",
              "--changelog",
              EXAMPLE);
          TestDb drifted = new TestDb("secret_drift");
          drifted.execute("CREATE TABLE import_batches (id text)");
          run(
              name + ": drift",
              1,
              give(source, role, drifted.name, PASSWORD, server.port()),
              "upgrade",
              "--debug",
              "--changelog",
              EXAMPLE);
          run(
              name + ": check on drift",
              3,
              give(source, role, drifted.name, PASSWORD, server.port()),
              "check",
              "--debug",
              "--changelog",
              EXAMPLE);
        }
        run(
            name + ": wrong password",
            role.enforced ? 1 : 0,
            give(source, role, db.name, WRONG, server.port()),
            "current",
            "-v",
            "--debug",
            "--changelog",
            EXAMPLE);
        run(
            name + ": host that does not answer",
            1,
            give(source, role, db.name, PASSWORD, 1),
            "upgrade",
            "--debug",
            "--changelog",
            EXAMPLE);
      }
    }
    assertTrue(leaks.isEmpty(), "a password was printed:\n\n" + String.join("\n\n", leaks));
    assertTrue(surprises.isEmpty(), "unexpected exit codes:\n\n" + String.join("\n\n", surprises));
  }

  @Test
  void aPasswordInAMalformedUrlOrConfigFileIsNeverPrinted() throws IOException {
    String host = server.host();
    for (String url :
        List.of(
            "jdbc:postgresql://" + host + ":notaport/db?password=" + PASSWORD,
            "jdbc:postgresql:/db?user=x&password=" + PASSWORD,
            "jdbc:postgresql://" + host + ":1/db?password=" + PASSWORD + "&sslmode=bogus",
            "jdbc:postgresqlx://" + host + "/db?password=" + PASSWORD,
            "postgresql://someone:" + PASSWORD + "@" + host + ":99999/db",
            "postgresql://someone:" + PASSWORD + "@ho st/db",
            "postgresql://someone:" + PASSWORD + "@" + host + ":1/db?sslmode=disable",
            "postgres://someone:" + PASSWORD + "@[::1/db",
            "mysql://someone:" + PASSWORD + "@" + host + "/db")) {
      Path dir = Files.createDirectories(tmp.resolve("url" + dirs++));
      Capture.Run run =
          Capture.run(dir, Map.of(), "--url", url, "upgrade", "--debug", "--changelog", EXAMPLE);
      checkRefused("url " + url.replace(PASSWORD, "<password>"), run);
    }
    for (String yaml :
        List.of(
            "url: postgresql://someone@" + host + ":1/db\npassword: \"" + PASSWORD + "\n",
            "url: postgresql://someone@" + host + ":1/db\npassword: " + PASSWORD + ": extra\n",
            "password: " + PASSWORD + "\n  url: postgresql://x@" + host + "/db\n",
            "password: [" + PASSWORD + "\n",
            "paswsord: " + PASSWORD + "\n",
            "- " + PASSWORD + "\n")) {
      Path dir = Files.createDirectories(tmp.resolve("yaml" + dirs++));
      Files.writeString(dir.resolve("migrate.yaml"), yaml);
      Capture.Run run = Capture.run(dir, Map.of(), "upgrade", "--debug", "--changelog", EXAMPLE);
      checkRefused(
          "migrate.yaml " + yaml.replace(PASSWORD, "<password>").replace("\n", "\\n"), run);
    }
    assertTrue(leaks.isEmpty(), "a password was printed:\n\n" + String.join("\n\n", leaks));
    assertTrue(
        surprises.isEmpty(),
        "runs that did not fail with an error:\n\n" + String.join("\n\n", surprises));
  }

  @Test
  void aUrlWhoseHostJavaCannotReadIsNeitherTakenForLocalhostNorPrinted() throws IOException {
    // java.net.URI reads no host in my_db (an underscore, as in Docker service names); the run
    // once went to localhost instead, as no user.
    for (String url :
        List.of(
            "postgresql://someone:" + PASSWORD + "@no_such_host:1/db",
            "postgresql://someone:" + PASSWORD + "@no_such_host/db")) {
      Path dir = Files.createDirectories(tmp.resolve("host" + dirs++));
      Capture.Run run = Capture.run(dir, Map.of(), "--url", url, "current", "--changelog", EXAMPLE);
      checkNoSecret("url " + url.replace(PASSWORD, "<password>"), run);
      assertTrue(
          run.code() == 1
              && run.everything().contains("no_such_host")
              && !run.everything().contains("localhost"),
          "the run must fail on host no_such_host:\n" + run.everything());
    }
    assertTrue(leaks.isEmpty(), "a password was printed:\n\n" + String.join("\n\n", leaks));
  }

  private SecretSource.Given give(
      SecretSource source, PasswordRole role, String database, String password, int port) {
    try {
      Path dir = Files.createDirectories(tmp.resolve("run" + dirs++));
      return source.give(dir, server.host(), port, database, role.name, password);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void run(String scenario, int expected, SecretSource.Given given, String... command) {
    List<String> args = new ArrayList<>(given.args());
    args.addAll(List.of(command));
    Path dir = tmp.resolve("run" + (dirs - 1));
    given.properties().forEach(System::setProperty);
    Capture.Run run;
    try {
      run = Capture.run(dir, given.env(), args.toArray(String[]::new));
    } finally {
      given.properties().keySet().forEach(System::clearProperty);
    }
    checkNoSecret(scenario, run);
    if (run.code() != expected) {
      surprises.add(
          scenario
              + ": exit "
              + run.code()
              + ", expected "
              + expected
              + "\n"
              + mask(run.everything()));
    }
  }

  // A bad URL or config file must stop the run with an error: a run that printed nothing at all
  // would leak nothing either.
  private void checkRefused(String scenario, Capture.Run run) {
    checkNoSecret(scenario, run);
    if (run.code() == 0 || !run.everything().contains("error: ")) {
      surprises.add(
          scenario
              + ": exit "
              + run.code()
              + ", expected a failure with an error line\n"
              + mask(run.everything()));
    }
  }

  private void checkNoSecret(String scenario, Capture.Run run) {
    String text = run.everything();
    if (text.contains(PASSWORD) || text.contains(WRONG)) {
      leaks.add(scenario + " (exit " + run.code() + "):\n" + text);
    }
  }

  private static String mask(String text) {
    return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
  }
}
