package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long upgrade says where it is: each line numbered, and the total time at the end. */
class ProgressTest {
  @TempDir Path dir;

  @Test
  void aLongRunNumbersItsChangesetsAndGivesItsTime() {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (int i = 1; i <= RunReports.LONG_RUN; i++) {
      yaml.append(
          Changelogs.changeset(
                  "t" + i,
                  "- createTable: {tableName: t"
                      + i
                      + ", columns: [{column: {name: id, type: int}}]}")
              .replace("databaseChangeLog:\n", ""));
    }
    Path file = Changelogs.write(dir, "long.yaml", yaml.toString());
    TestDb db = new TestDb("progress");
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertTrue(
        lines.get(1).matches("  applied  t1 \\(test\\): 1 step run, 0 skipped, \\d+ ms \\(1/10\\)"),
        lines.get(1));
    assertTrue(lines.get(10).endsWith(" (10/10)"), lines.get(10));
    assertTrue(
        lines
            .get(11)
            .matches(
                "Done: 10 changesets recorded in \\d+\\.\\d s; current revision t10 \\(head\\)"),
        lines.get(11));

    Cli.Result shortRun =
        new Cli()
            .run(
                "upgrade",
                "+1",
                "--url",
                new TestDb("progress_short").libpqUrl(),
                "--changelog",
                file.toString());
    assertTrue(
        shortRun.out().endsWith("Done: 1 changeset recorded; current revision t1 (9 pending)\n"),
        shortRun.out());
  }
}
