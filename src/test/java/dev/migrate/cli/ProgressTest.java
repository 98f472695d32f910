package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseOptions;
import dev.migrate.engine.ChangesetResult;
import dev.migrate.engine.RunProgress;
import dev.migrate.engine.StepResult;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Step;
import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long upgrade says where it is: each line numbered, and the total time at the end. */
class ProgressTest {
  @TempDir Path dir;

  @Test
  void eachOutcomeOfAChangesetAndOfItsStepsHasItsLine() {
    Changelog changelog =
        ChangelogParser.parse(
            Changelogs.example().toString(),
            new ParseOptions(
                List.of(Path.of("").toAbsolutePath()),
                false,
                Map.of(),
                Map.of(),
                "public",
                null,
                null));
    Changeset c = changelog.changesets().get(0);
    Step step = c.steps().get(0);
    String type = step.change().changeType();
    for (ChangesetResult.Outcome outcome : ChangesetResult.Outcome.values()) {
      List<StepResult> steps =
          Arrays.stream(StepResult.Outcome.values())
              .map(o -> new StepResult(step, o, "what " + o + " found"))
              .toList();
      StringWriter text = new StringWriter();
      RunProgress progress = RunReports.text(new PrintWriter(text), false);
      progress.started(RunProgress.Direction.UPGRADE, "db", "public", "head", 1, 1);
      progress.finished(new ChangesetResult(c, outcome, steps, 7, "a note"));
      String head =
          switch (outcome) {
            case APPLIED ->
                "  applied  " + c.id() + " (" + c.author() + "): 3 steps run, 1 skipped, 7 ms";
            case REVERTED ->
                "  reverted " + c.id() + " (" + c.author() + "): 3 steps run, 1 skipped, 7 ms";
            case REPAIRED ->
                "  repaired " + c.id() + " (" + c.author() + "): 3 steps run, 1 skipped, 7 ms";
            case MARK_RAN ->
                "  marked   " + c.id() + " (" + c.author() + "): not run, recorded as ran: a note";
            case SKIPPED ->
                "  skipped  " + c.id() + " (" + c.author() + "): not run, not recorded: a note";
          };
      // A repair shows every step; otherwise, the steps that did not simply run.
      String ran = "      ran      " + type + ": what RAN found\n";
      String expected =
          head
              + "\n      skipped  "
              + type
              + ": what SKIPPED found\n"
              + (outcome == ChangesetResult.Outcome.REPAIRED ? ran : "")
              + "      adjusted "
              + type
              + ": what ADJUSTED found\n"
              + "      rebuilt  "
              + type
              + ": what REBUILT found\n";
      assertEquals(
          expected,
          text.toString().lines().skip(1).map(l -> l + "\n").reduce("", String::concat),
          outcome.toString());
    }
  }

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

  @Test
  void aStatementThatWaitsSaysSoAndNamesWhoHoldsItUp() throws Exception {
    TestDb db = new TestDb("progress_blocked");
    db.execute("CREATE TABLE busy (id int)");
    Path file =
        Changelogs.write(
            dir,
            "blocked.yaml",
            Changelogs.changeset(
                "add_note",
                "- addColumn: {tableName: busy, columns: [{column: {name: note, type: text}}]}"));
    try (Connection holder = db.server.connect(db.name);
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
      int holderPid;
      try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
        r.next();
        holderPid = r.getInt(1);
      }
      // The other session lets go after about three seconds; the run waits for it meanwhile.
      Thread release =
          new Thread(
              () -> {
                try {
                  Thread.sleep(3_500);
                  holder.rollback();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      release.start();
      Cli.Result run =
          new Cli()
              .env("MIGRATE_PROGRESS_EVERY", "1s")
              .run(
                  "upgrade",
                  "--lock-timeout",
                  "30s",
                  "--url",
                  db.libpqUrl(),
                  "--changelog",
                  file.toString());
      release.join();
      assertEquals(0, run.code(), run.toString());
      List<String> notices =
          run.err().lines().filter(l -> l.startsWith("  still running ")).toList();
      assertTrue(notices.size() >= 2, run.err());
      assertTrue(
          notices
              .get(0)
              .matches(
                  "  still running ALTER TABLE .*busy.* ADD .*note.* … 1 s; blocked by pid "
                      + holderPid
                      + " \\(idle in transaction: SELECT pg_backend_pid\\(\\)\\)"),
          notices.get(0));
      assertTrue(notices.get(1).contains(" … 2 s; "), notices.get(1));
    }
  }

  @Test
  void aBadProgressIntervalIsAUsageError() {
    Cli.Result run =
        new Cli()
            .env("MIGRATE_PROGRESS_EVERY", "soon")
            .run(
                "upgrade",
                "--url",
                new TestDb("progress_bad").libpqUrl(),
                "--changelog",
                Changelogs.example().toString());
    assertEquals(2, run.code(), run.toString());
    assertEquals(
        "error: MIGRATE_PROGRESS_EVERY='soon' is not a duration such as 10s or 1m\n", run.err());
  }
}
