package dev.migrate.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code upgrade --sql}: the script, run twice with psql -v ON_ERROR_STOP=1, leaves the same schema
 * and the same revision rows as {@code upgrade} does (for the example, the same data too).
 */
class OfflineScriptTest {
  @TempDir Path dir;

  @Test
  void theExampleScriptRunsTwiceAndMatchesUpgradeEvenOverOutOfBandObjects() throws Exception {
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--changelog", Changelogs.example().toString());
    assertEquals(0, script.code(), script.toString());
    TestDb byScript = new TestDb("script_example");
    byScript.execute("CREATE TYPE importstatus AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED')");
    psqlTwice(byScript, script.out());
    TestDb byUpgrade = new TestDb("script_example_upgrade");
    assertEquals(
        0,
        new Cli()
            .run(
                "upgrade",
                "--url",
                byUpgrade.libpqUrl(),
                "--changelog",
                Changelogs.example().toString())
            .code());
    assertEquals(SchemaDump.of(byUpgrade), SchemaDump.of(byScript));
    assertEquals(byUpgrade.revisions(), byScript.revisions());
  }

  @Test
  void downgradeAndStampScriptsRunTwiceToo() throws Exception {
    String example = Changelogs.example().toString();
    TestDb db = new TestDb("script_down");
    assertEquals(
        0, new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", example).code());
    Cli.Result down = new Cli().run("downgrade", "base", "--sql", "--changelog", example);
    assertEquals(0, down.code(), down.toString());
    psqlTwice(db, down.out());
    assertEquals(List.of(), db.schemaFingerprint());
    assertEquals(List.of(), db.revisions());

    Cli.Result stamp = new Cli().run("stamp", "head", "--sql", "--changelog", example);
    assertEquals(0, stamp.code(), stamp.toString());
    psqlTwice(db, stamp.out());
    assertEquals(
        List.of("0001_create_import_tables|stamped", "0002_add_catalog_tables|stamped"),
        db.revisions());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.migrate.corpus.CorpusCompatibilityTest#entries")
  void eachCorpusScriptRunsTwiceAndMatchesUpgrade(CorpusEntry e) throws Exception {
    TestDb byScript = new TestDb("script_" + e.name().replace('-', '_'));
    TestDb byUpgrade = new TestDb("script_up_" + e.name().replace('-', '_'));
    try {
      List<String> offline =
          new ArrayList<>(
              List.of(
                  "upgrade",
                  "--sql",
                  "--search-path",
                  e.directory().toString(),
                  "--changelog",
                  e.master()));
      offline.addAll(e.args());
      Cli.Result script = new Cli().in(e.directory()).run(offline.toArray(String[]::new));
      assertEquals(0, script.code(), script.err());
      psqlTwice(byScript, script.out());
      Cli.Result applied = CorpusCompatibilityTest.run(e, byUpgrade, "upgrade");
      assertEquals(0, applied.code(), applied.toString());
      // Schema as pg_dump -s shows it: data the changelogs make with gen_random_uuid() and now()
      // differs by nature.
      assertEquals(SchemaDump.schemaOnly(byUpgrade), SchemaDump.schemaOnly(byScript));
      assertEquals(byUpgrade.revisions(), byScript.revisions());
    } finally {
      e.dropAndCleanUp(byScript, byUpgrade);
    }
  }

  private void psqlTwice(TestDb db, String script) throws IOException, InterruptedException {
    Path file = Files.writeString(dir.resolve(db.name + ".sql"), script);
    for (int run = 1; run <= 2; run++) {
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
                  db.server.user(),
                  "-d",
                  db.name,
                  "-f",
                  file.toString())
              .redirectErrorStream(true);
      builder.environment().put("PGPASSWORD", db.server.password());
      builder.environment().put("PGOPTIONS", "-c client_min_messages=warning");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(300, TimeUnit.SECONDS);
      assertEquals(0, process.exitValue(), "psql run " + run + ":\n" + output);
    }
  }
}
