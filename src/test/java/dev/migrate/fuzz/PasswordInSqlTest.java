package dev.migrate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.postgres.Passwords;
import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A password a changelog writes into SQL, often from a property the CI passes in, runs as written
 * but is never printed: not in an error, not in the debug log.
 */
class PasswordInSqlTest {
  private static final String SECRET = "hunter2-Zq9";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE ROLE app LOGIN PASSWORD 'hunter2-Zq9'|CREATE ROLE app LOGIN PASSWORD '***'",
        "alter user app with encrypted password 'it''s hunter2-Zq9'|alter user app with encrypted password '***'",
        "ALTER ROLE app PASSWORD E'hunter2-Zq9' VALID UNTIL 'infinity'|ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity'",
        "ALTER ROLE app PASSWORD $p$hunter2-Zq9$p$|ALTER ROLE app PASSWORD '***'",
        "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password 'hunter2-Zq9')|CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password '***')",
        "SELECT dblink_connect('host=h user=app password=hunter2-Zq9 dbname=d')|SELECT dblink_connect('host=h user=app password=*** dbname=d')",
        "ALTER ROLE app PASSWORD NULL|ALTER ROLE app PASSWORD NULL",
        "UPDATE users SET password_hash = 'x'|UPDATE users SET password_hash = 'x'",
      })
  void passwordsAreHiddenInPrintedSql(String sql, String printed) {
    assertEquals(printed, Passwords.hidden(sql));
  }

  @Test
  void aFailingStatementThatSetsAPasswordIsReportedWithoutIt() {
    TestDb db = new TestDb("password_sql");
    Path changelog =
        Changelogs.write(
            dir,
            "c.yaml",
            Changelogs.changeset(
                "role",
                "- sql: {sql: \"ALTER ROLE no_such_role_x LOGIN PASSWORD '${app.password}'\"}"));
    Capture.Run run =
        Capture.run(
            dir,
            java.util.Map.of(),
            "--debug",
            "upgrade",
            "-Dapp.password=" + SECRET,
            "--url",
            db.libpqUrl(),
            "--changelog",
            changelog.toString());
    assertEquals(1, run.code(), run.everything());
    assertTrue(
        run.everything().contains("role \"no_such_role_x\" does not exist"), run.everything());
    assertTrue(
        run.everything().contains("SQL: ALTER ROLE no_such_role_x LOGIN PASSWORD '***'"),
        run.everything());
    assertTrue(
        run.everything().contains("DEBUG"), "the debug log is captured: " + run.everything());
    assertFalse(run.everything().contains(SECRET), run.everything());
  }
}
