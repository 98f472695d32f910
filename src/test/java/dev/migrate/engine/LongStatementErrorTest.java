package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long statement that fails is shown by its first lines and a count of the rest: the error stays
 * a screenful (the changeset's file and line hold the whole text), and still says what failed.
 */
class LongStatementErrorTest {
  @TempDir Path dir;

  @Test
  void aFailedStatementOfManyLinesIsCutToItsFirstLines() {
    StringBuilder sql = new StringBuilder("SELECT 1");
    for (int i = 0; i < 29; i++) {
      sql.append("\n  + ").append(i);
    }
    sql.append(" + no_such_column");
    Path file =
        Changelogs.write(
            dir,
            "long.yaml",
            Changelogs.changeset(
                "long", "- sql:\n    sql: |\n" + sql.toString().indent(6).stripTrailing()));
    TestDb db = new TestDb("long_statement");
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(run.err().contains("column \"no_such_column\" does not exist"), run.err());
    assertTrue(run.err().contains("SQL: SELECT 1\n"), run.err());
    assertTrue(run.err().contains("… (18 more lines)"), run.err());
    assertTrue(run.err().lines().count() < 25, run.err());
  }
}
