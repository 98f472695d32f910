package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same project given from another directory records its changesets under other paths. Run as it
 * is, every changeset would run again, inserts included: refused, unless asked for.
 */
class MovedChangelogTest {
  @TempDir Path dir;

  @Test
  void changesetsRecordedUnderAnotherPathAreNotRunAgainUnlessAsked() {
    Changelogs.write(
        dir.resolve("app"),
        "changelog.yaml",
        Changelogs.changeset(
            "seed",
            """
        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
        - insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}
        """));
    TestDb db = new TestDb("moved");
    Cli.Result first =
        new Cli()
            .in(dir.resolve("app"))
            .run("upgrade", "--url", db.libpqUrl(), "--changelog", "changelog.yaml");
    assertEquals(0, first.code(), first.toString());

    Cli.Result moved =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", db.libpqUrl(), "--changelog", "app/changelog.yaml");
    assertEquals(1, moved.code(), moved.toString());
    assertTrue(
        moved
            .err()
            .startsWith(
                "error: 1 pending changeset is recorded under another path:\n"
                    + "  app/changelog.yaml::seed::test is recorded as changelog.yaml::seed::test\nNothing was run."),
        moved.err());
    assertEquals(List.of("1"), db.rows("SELECT id::text FROM t"));

    Path elsewhere = dir.resolve("elsewhere");
    Changelogs.write(elsewhere, "README", "");
    Cli.Result sameAgain =
        new Cli()
            .in(elsewhere)
            .run(
                "upgrade",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "changelog.yaml",
                "--search-path",
                "../app");
    assertEquals(0, sameAgain.code(), sameAgain.toString());
    assertTrue(sameAgain.out().contains("0 of 1 changesets pending"), sameAgain.out());

    Cli.Result allowed =
        new Cli()
            .in(dir)
            .run(
                "upgrade",
                "--allow-moved",
                "--url",
                db.libpqUrl(),
                "--changelog",
                "app/changelog.yaml");
    assertEquals(0, allowed.code(), allowed.toString());
    assertTrue(
        allowed
            .err()
            .contains("warning: --allow-moved: running again app/changelog.yaml::seed::test"),
        allowed.err());
  }
}
