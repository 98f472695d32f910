package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changelog-level preConditions that need the database, in the root and in an included file, with
 * each onFail and onError: Liquibase 4.33's update and migrate's upgrade go on, or stop with
 * nothing run, alike.
 */
class ChangelogPreconditionsDifferentialTest {
  @TempDir Path dir;

  private static final String FALSE = "{runningAs: {username: nobody}}";
  private static final String ERROR =
      "{sqlCheck: {expectedResult: 1, sql: SELECT count(*) FROM no_such}}";
  private static final String TRUE = "{sqlCheck: {expectedResult: 0, sql: SELECT 0}}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false, HALT            | [" + FALSE + "]                       | ''",
        "false, CONTINUE        | [{onFail: CONTINUE}, " + FALSE + "]   | ''",
        "false, MARK_RAN        | [{onFail: MARK_RAN}, " + FALSE + "]   | ''",
        "false, WARN            | [{onFail: WARN}, " + FALSE + "]       | ''",
        "false, message         | [{onFailMessage: no}, " + FALSE + "]  | ''",
        "true                   | [" + TRUE + "]                        | ''",
        "error, HALT            | [" + ERROR + "]                       | ''",
        "error, CONTINUE        | [{onError: CONTINUE}, " + ERROR + "]  | ''",
        "error, WARN            | [{onError: WARN}, " + ERROR + "]      | ''",
        "error, MARK_RAN        | [{onError: MARK_RAN}, " + ERROR + "]  | ''",
        "included false         | ''                                    | [" + FALSE + "]",
        "included false, WARN   | ''                                    | [{onFail: WARN}, "
            + FALSE
            + "]",
        "root WARN, child false | [{onFail: WARN}, {dbms: {type: postgresql}}] | [" + FALSE + "]",
        "root false, child true | [" + FALSE + "]                       | [" + TRUE + "]",
      })
  void migrateGoesOnOrStopsAsLiquibaseDoes(String name, String root, String child)
      throws Exception {
    Changelogs.write(
        dir,
        "changelog.yaml",
        "databaseChangeLog:\n"
            + (root.isEmpty() ? "" : "  - preConditions: " + root + "\n")
            + (child.isEmpty()
                ? ""
                : "  - include: {file: child.yaml, relativeToChangelogFile: true}\n")
            + "  - changeSet: {id: one, author: a, changes: [{sql: CREATE TABLE t (i int)}]}\n");
    Changelogs.write(
        dir,
        "child.yaml",
        "databaseChangeLog:\n" + (child.isEmpty() ? "" : "  - preConditions: " + child + "\n"));

    TestDb byLiquibase = new TestDb("lb_clpre");
    boolean liquibaseWentOn;
    try {
      LiquibaseRun.update(byLiquibase, dir, "changelog.yaml");
      liquibaseWentOn = true;
    } catch (Exception e) {
      liquibaseWentOn = false;
    }
    TestDb byMigrate = new TestDb("mg_clpre");
    Cli.Result upgrade =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", byMigrate.libpqUrl(), "--changelog", "changelog.yaml");

    assertEquals(liquibaseWentOn, byLiquibase.tableExists("t"));
    assertEquals(liquibaseWentOn ? 0 : 1, upgrade.code(), upgrade.toString());
    assertEquals(liquibaseWentOn, byMigrate.tableExists("t"), upgrade.toString());
  }
}
