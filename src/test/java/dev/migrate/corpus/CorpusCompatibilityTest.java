package dev.migrate.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import dev.migrate.support.SharedCorpus;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus entry, run unchanged: the schema migrate makes is the one Liquibase 4.33 made
 * (compared as the corpus's compare.sh compares), a second upgrade changes nothing, and with the
 * revision rows deleted a third upgrade finds every object in place and records each changeset again.
 */
class CorpusCompatibilityTest {

  /**
   * An entry: its master changelog and the parameters its SOURCE.md gives.
   *
   * @param rerunStop for the rerun without revision rows: null when it must succeed, else the error
   *     it must stop with (a raw SQL seed INSERT with gen_random_uuid() and now() runs again, meets its own
   *     row's unique key, and cannot be shown to be the same row)
   */
  record Entry(String name, String changelog, List<String> parameters, String rerunStop) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Entry> entries() {
    return Stream.of(
        new Entry("autoscaler-servicebroker", "servicebroker.db.changelog.yaml", List.of(), null),
        new Entry("autoscaler-scheduler", "scheduler.changelog-master.yaml", List.of(), null),
        new Entry("spinnaker-orca", "db/changelog-master.yml", List.of(), null),
        new Entry("spinnaker-clouddriver", "db/changelog-master.yml", List.of(), null),
        new Entry("spinnaker-front50", "db/changelog-master.yml", List.of(), null),
        new Entry("simplereport", "db/changelog/db.changelog-master.yaml", List.of("-DnoPhiPassword=nophi789"), null),
        new Entry("gravitee-apim", "liquibase/master.yml", List.of("-Dgravitee_prefix=", "-Dgravitee_rate_limit_prefix="), null));
  }

  private static Cli.Result upgrade(TestDb db, Path entry, Entry e, String role) {
    List<String> args = new ArrayList<>(List.of("upgrade", "head", "--url", db.libpqUrl(), "--search-path", entry.toString(),
        "--changelog", e.changelog()));
    args.addAll(e.parameters());
    if (e.name().equals("simplereport")) {
      args.add("-DnoPhiUsername=" + role);
    }
    // Includes name files relative to the entry, as Liquibase's search path does.
    return new Cli().in(entry).run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void producesLiquibasesSchemaAndRerunsCleanly(Entry e) throws Exception {
    Path entry = SharedCorpus.directory().resolve(e.name());
    TestDb db = new TestDb("corpus_" + e.name().replace('-', '_'));
    String role = db.name + "_no_phi";
    try {
      Cli.Result first = upgrade(db, entry, e, role);
      assertEquals(0, first.code(), first.toString());
      assertSchema(db, e);

      Cli.Result second = upgrade(db, entry, e, role);
      assertEquals(0, second.code(), second.toString());
      assertTrue(second.out().contains("Done: 0 changesets recorded"), second.out());
      assertSchema(db, e);
      Cli.Result check = new Cli().in(entry).run("check", "--url", db.libpqUrl(), "--search-path", entry.toString(),
          "--changelog", e.changelog(), "-DnoPhiUsername=" + role, "-DnoPhiPassword=nophi789", "-Dgravitee_prefix=", "-Dgravitee_rate_limit_prefix=");
      // Changesets skipped by an onFail: CONTINUE precondition stay pending, as in Liquibase;
      // nothing else may be reported.
      assertTrue(check.out().lines().skip(1).allMatch(line -> line.startsWith("  pending")),
          "check finds the database as the changelog says: " + check);

      int rows = Integer.parseInt(db.one("SELECT count(*) FROM migrate_revisions"));
      db.execute("DELETE FROM migrate_revisions");
      Cli.Result third = upgrade(db, entry, e, role);
      if (e.rerunStop() != null) {
        assertEquals(1, third.code(), third.toString());
        assertTrue(third.err().contains("error: " + e.rerunStop()), third.err());
        assertFalse(third.err().contains("drift"), third.err());
        return;
      }
      assertEquals(0, third.code(), third.toString());
      assertEquals(String.valueOf(rows), db.one("SELECT count(*) FROM migrate_revisions"));
      assertFalse(third.out().matches("(?s).* adjusted (create|add)[A-Za-z]*: .*"),
          "nothing had to be added to an existing object: " + third.out());
      assertSchema(db, e);
    } finally {
      if ("1".equals(db.one("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"))) {
        db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
      }
    }
  }

  private static void assertSchema(TestDb db, Entry e) throws IOException, InterruptedException {
    Path compare = SharedCorpus.directory().resolve("compare.sh");
    ProcessBuilder builder = new ProcessBuilder("bash", compare.toString(), e.name(), db.name).redirectErrorStream(true);
    builder.environment().put("PGHOST", db.server.host());
    builder.environment().put("PGPORT", String.valueOf(db.server.port()));
    builder.environment().put("PGUSER", db.server.user());
    builder.environment().put("PGPASSWORD", db.server.password());
    builder.environment().put("EXCLUDE_TABLES", "migrate_revisions");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), "compare.sh " + e.name() + ":\n" + output);
  }
}
