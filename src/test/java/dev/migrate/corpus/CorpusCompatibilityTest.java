package dev.migrate.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.SharedCorpus;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus entry that entries.tsv lists, run unchanged: the schema migrate makes is the one
 * Liquibase 4.33 made (compared as the corpus's compare.sh compares); the script of {@code upgrade
 * --sql}, run twice with psql, leaves the same schema and revision rows as that upgrade; a second
 * upgrade changes nothing; and with the revision rows deleted a third upgrade finds every object in
 * place and records each changeset again. The stages share the one fresh upgrade, the slowest step.
 */
class CorpusCompatibilityTest {
  @TempDir Path dir;

  static Stream<CorpusEntry> entries() {
    return CorpusEntry.all();
  }

  // Run from the entry folder with it as the search path, as Liquibase was run (entries.tsv);
  // without a database (db null) for an offline command.
  static Cli.Result run(CorpusEntry e, TestDb db, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    if (db != null) {
      args.addAll(List.of("--url", db.libpqUrl()));
    }
    args.addAll(List.of("--search-path", e.directory().toString(), "--changelog", e.master()));
    args.addAll(e.args());
    return new Cli().in(e.directory()).run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void producesLiquibasesSchemaAndRerunsCleanly(CorpusEntry e) throws Throwable {
    TestDb db = new TestDb("corpus_" + e.name().replace('-', '_'));
    TestDb byScript = new TestDb("script_" + e.name().replace('-', '_'));
    try {
      KnownGaps gaps = KnownGaps.load();
      boolean fresh =
          gaps.stage(
              e.name(),
              "fresh",
              () -> {
                Cli.Result first = run(e, db, "upgrade", "head");
                assertEquals(0, first.code(), "fresh: " + first);
                assertSchema(db, e, "fresh");
              });
      boolean script =
          fresh && gaps.stage(e.name(), "script", () -> assertScriptMatches(e, db, byScript));
      boolean rerun =
          script
              && gaps.stage(
                  e.name(),
                  "rerun",
                  () -> {
                    Cli.Result second = run(e, db, "upgrade", "head");
                    assertEquals(0, second.code(), "rerun: " + second);
                    assertTrue(
                        second.out().contains("Done: 0 changesets recorded"),
                        "rerun: " + second.out());
                    assertSchema(db, e, "rerun");
                    Cli.Result check = run(e, db, "check");
                    // Changesets skipped by an onFail: CONTINUE precondition stay pending, as in
                    // Liquibase;
                    // nothing else may be reported. A check that fails before it looks prints no
                    // problems at
                    // all, so its exit code and its heading are asserted too.
                    List<String> problems = check.out().lines().skip(1).toList();
                    assertEquals(problems.isEmpty() ? 0 : 3, check.code(), "check: " + check);
                    assertTrue(check.out().startsWith("Checked "), "check: " + check);
                    assertTrue(
                        problems.stream().allMatch(line -> line.startsWith("  pending")),
                        "check finds the database as the changelog says: " + check);
                  });
      if (rerun) {
        gaps.stage(
            e.name(),
            "emptied",
            () -> {
              int rows = Integer.parseInt(db.one("SELECT count(*) FROM migrate_revisions"));
              db.execute("DELETE FROM migrate_revisions");
              Cli.Result third = run(e, db, "upgrade", "head");
              assertEquals(0, third.code(), "emptied history: " + third);
              assertEquals(String.valueOf(rows), db.one("SELECT count(*) FROM migrate_revisions"));
              assertFalse(
                  third.out().matches("(?s).* adjusted (create|add)[A-Za-z]*: .*"),
                  "nothing had to be added to an existing object: " + third.out());
              assertSchema(db, e, "emptied history");
            });
      }
    } finally {
      e.dropAndCleanUp(db, byScript);
    }
  }

  // The offline script into an empty database, run twice: the schema as pg_dump -s shows it and
  // the revision rows are those of the upgrade (data the changelogs make with gen_random_uuid()
  // and now() differs by nature).
  private void assertScriptMatches(CorpusEntry e, TestDb upgraded, TestDb byScript)
      throws IOException, InterruptedException {
    Cli.Result script = run(e, null, "upgrade", "--sql");
    assertEquals(0, script.code(), "script: " + script.err());
    OfflineScriptTest.psqlTwice(dir, byScript, script.out());
    assertEquals(SchemaDump.schemaOnly(upgraded), SchemaDump.schemaOnly(byScript), "script");
    assertEquals(upgraded.revisions(), byScript.revisions(), "script");
  }

  private static void assertSchema(TestDb db, CorpusEntry e, String stage)
      throws IOException, InterruptedException {
    Path compare = SharedCorpus.directory().resolve("compare.sh");
    ProcessBuilder builder =
        new ProcessBuilder("bash", compare.toString(), e.name(), db.name).redirectErrorStream(true);
    builder.environment().put("PGHOST", db.server.host());
    builder.environment().put("PGPORT", String.valueOf(db.server.port()));
    builder.environment().put("PGUSER", db.server.user());
    builder.environment().put("PGPASSWORD", db.server.password());
    builder.environment().put("EXCLUDE_TABLES", "migrate_revisions");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), stage + ": compare.sh " + e.name() + ":\n" + output);
  }
}
