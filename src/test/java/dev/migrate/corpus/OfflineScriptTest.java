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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upgrade --sql}: the script, run twice with psql -v ON_ERROR_STOP=1, leaves the same schema
 * and the same revision rows as {@code upgrade} does, here with the same data too, and so do the
 * scripts of {@code downgrade} and {@code stamp}. Each corpus entry's script is compared with its
 * upgrade in {@link CorpusCompatibilityTest}, which makes that upgrade anyway.
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
    psqlTwice(dir, byScript, script.out());
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
    psqlTwice(dir, db, down.out());
    assertEquals(List.of(), db.schemaFingerprint());
    assertEquals(List.of(), db.revisions());

    Cli.Result stamp = new Cli().run("stamp", "head", "--sql", "--changelog", example);
    assertEquals(0, stamp.code(), stamp.toString());
    psqlTwice(dir, db, stamp.out());
    assertEquals(
        List.of("0001_create_import_tables|stamped", "0002_add_catalog_tables|stamped"),
        db.revisions());
  }

  /**
   * Runs {@code script} twice with psql -v ON_ERROR_STOP=1 into {@code db}, from a file in {@code
   * dir}.
   */
  static void psqlTwice(Path dir, TestDb db, String script)
      throws IOException, InterruptedException {
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
