package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * output says its message where its target says, as its changeset is applied; stop fails its
 * changeset, which rolls back, after the changesets before it committed. The script says and stops
 * in the same places.
 */
class OutputAndStopTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  private static String changeset(String id, String changes) {
    return Changelogs.changeset(id, changes).substring(HEADER.length());
  }

  private static String table(String name) {
    return "- createTable: {tableName: " + name + ", columns: [{column: {name: id, type: int}}]}";
  }

  private Path changelog() {
    return Changelogs.write(
        dir,
        "said.yaml",
        HEADER
            + changeset(
                "first",
                table("made_first")
                    + "\n- output: {message: '  to standard output  ', target: stdout}"
                    + "\n- output: {message: \"it's on standard error\"}"
                    + "\n- output: {message: a warning, target: WARN}")
            + changeset("second", table("made_second") + "\n- stop: '  time to check  '")
            + changeset("third", table("made_third")));
  }

  private static List<String> tables(TestDb db) {
    return db.rows(
        "SELECT tablename FROM pg_tables WHERE tablename LIKE 'made_%' ORDER BY tablename");
  }

  @Test
  void outputSaysWhereItsTargetSays() {
    TestDb db = new TestDb("output_said");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "first", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    List<String> out = run.out().lines().toList();
    assertEquals("to standard output", out.get(1), run.out());
    assertTrue(out.get(2).startsWith("  applied  first (test): 4 steps run"), run.out());
    assertTrue(run.err().contains("it's on standard error\n"), run.err());
    assertTrue(run.err().contains("a warning"), run.err());

    // Under --json the standard output is the document alone; -q leaves out the log's lines.
    TestDb quiet = new TestDb("output_json");
    Cli.Result json =
        new Cli()
            .run(
                "upgrade",
                "first",
                "--json",
                "-q",
                "--url",
                quiet.libpqUrl(),
                "--changelog",
                file.toString());
    assertEquals(0, json.code(), json.toString());
    assertTrue(json.out().startsWith("{"), json.out());
    assertTrue(json.out().strip().endsWith("}"), json.out());
    assertFalse(json.out().lines().anyMatch("to standard output"::equals), json.out());
    assertTrue(json.err().contains("to standard output\n"), json.err());
    assertTrue(json.err().contains("it's on standard error\n"), json.err());
    assertFalse(json.err().contains("a warning"), json.err());
  }

  @Test
  void stopFailsItsChangesetAfterTheOnesBeforeCommitted() {
    TestDb db = new TestDb("stop_run");
    Path file = changelog();
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err().contains("error: changeset second (test) failed at " + file + ":"), run.err());
    assertTrue(
        run.err().contains("step stop:\n  the changelog stops the run here: time to check\n"),
        run.err());
    assertEquals(List.of("made_first"), tables(db));
    assertEquals(List.of("first|applied"), db.revisions());

    Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    TestDb byScript = new TestDb("stop_script");
    Cli.Result psql = Psql.run(byScript, dir, script.out());
    assertTrue(psql.code() != 0, psql.toString());
    assertTrue(psql.out().contains("ERROR:  time to check"), psql.out());
    assertTrue(psql.out().contains("INFO:  to standard output"), psql.out());
    assertEquals(List.of("made_first"), tables(byScript));
  }

  @Test
  void anOutputWithoutMessageOrWithAnUnknownTargetIsRefusedBeforeAnythingRuns() {
    TestDb db = new TestDb("output_refused");
    for (String output :
        List.of("- output: {target: STDOUT}", "- output: {message: hi, target: console}")) {
      Path file = Changelogs.write(dir, "bad.yaml", HEADER + changeset("bad", output));
      Cli.Result run =
          new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
      assertEquals(2, run.code(), run.toString());
      assertTrue(run.err().contains(file + ":"), run.err());
      assertTrue(
          run.err().contains("output needs 'message'")
              || run.err()
                  .contains(
                      "output target 'console' is not one of DEBUG, ERROR, FATAL, INFO, SEVERE,"
                          + " STDERR, STDOUT, WARN, WARNING"),
          run.err());
    }
    assertEquals(List.of(), db.revisions());
  }
}
