package dev.migrate.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid changelogs ({@link EvolvingSchema}), each applied by Liquibase 4.33.0 to one
 * database and by migrate to another: the dumps (schema and data) must be equal; a second upgrade
 * records nothing; with the revision rows deleted, a third records every changeset again, adjusts
 * nothing and leaves the dump as it was; {@code check} finds nothing, then finds a drift made by
 * hand; the {@code --sql} script run twice by psql gives the same dump; and {@code downgrade base}
 * empties the database, after which an upgrade gives the same dump again. The default suite runs a
 * few seeds; {@code -Dgenerative.seeds=N -Dgenerative.base=B} (or {@code -Dgen.seeds=N
 * -Dgen.start=B}) runs N from B, {@code -Dgenerative.seed=S} the one seed S (a failure names it),
 * and {@code -Dgenerative.format=sql} (yaml, json, xml) writes every seed in that format instead of
 * one in turn. A failing seed is shrunk ({@link Shrink}): the message ends with the fewest
 * changesets that still fail at the same stage.
 */
class GenerativeDifferentialTest {
  static Stream<Long> seeds() {
    String one = System.getProperty("generative.seed");
    if (one != null) {
      return Stream.of(Long.parseLong(one));
    }
    // -Dgen.seeds and -Dgen.start are the same, shorter to type.
    int count = Integer.getInteger("generative.seeds", Integer.getInteger("gen.seeds", 4));
    long base = Long.getLong("generative.base", Long.getLong("gen.start", 20261130L));
    return LongStream.range(base, base + count).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void migrateAgreesWithLiquibaseAndRerunsCleanly(long seed) throws Exception {
    EvolvingSchema.Generated generated = EvolvingSchema.generate(seed, 12);
    // Each seed in one of Liquibase's formats, so all four are read alike.
    String format =
        System.getProperty(
            "generative.format",
            List.of("yaml", "json", "xml", "sql").get((int) Math.floorMod(seed, 4L)));
    Drift[] drift = {null};
    Stage failed = run(seed, generated.changelog(), generated.files(), format, drift);
    if (failed != null) {
      // The same drift on every candidate (stage f), by the object it names, not drawn again.
      String shrunk =
          Shrink.changelog(
              generated.changelog(),
              candidate -> {
                Stage again = run(seed, candidate, generated.files(), format, drift.clone());
                return again != null && again.name().equals(failed.name());
              });
      fail(
          failed.error().getMessage()
              + "\n\nShrunk to the changesets that still fail at stage "
              + failed.name()
              + " (YAML):\n"
              + shrunk,
          failed.error());
    }
  }

  /** The stage a run failed at (a–g, or "liquibase" when Liquibase refused), and how. */
  private record Stage(String name, Throwable error) {}

  // Runs every stage over one changelog; null when all pass.
  private static Stage run(
      long seed, String yaml, Map<String, String> files, String format, Drift[] drift) {
    String[] stage = {"liquibase"};
    try {
      stages(seed, yaml, files, format, stage, drift);
      return null;
    } catch (AssertionError | Exception e) {
      return new Stage(stage[0], e);
    }
  }

  // Runs the stages in order, saying in stage[0] which one runs; the drift of stage f is drift[0]
  // when given, else one drawn from the seed and left there.
  private static void stages(
      long seed,
      String yaml,
      Map<String, String> files,
      String format,
      String[] stage,
      Drift[] drift)
      throws Exception {
    Path dir = Files.createTempDirectory("generative");
    files.forEach((path, text) -> Changelogs.write(dir, path, text));
    Map.Entry<String, String> rendered = Rendered.as(format, yaml, files);
    String file = rendered.getKey();
    Changelogs.write(dir, file, rendered.getValue());
    String context =
        "seed " + seed + " (-Dgenerative.seed=" + seed + "), " + file + ":\n" + rendered.getValue();

    TestDb byLiquibase = new TestDb("gen_lb");
    LiquibaseRun.update(byLiquibase, dir, file);
    stage[0] = "a";
    TestDb byMigrate = new TestDb("gen_migrate");
    Cli.Result first = upgrade(dir, file, byMigrate);
    assertEquals(0, first.code(), context + "\n" + first);
    String expected = SchemaDump.of(byLiquibase);
    assertEquals(expected, SchemaDump.of(byMigrate), context);

    stage[0] = "b";
    Cli.Result second = upgrade(dir, file, byMigrate);
    assertEquals(0, second.code(), context + "\n" + second);
    assertTrue(second.out().contains("Done: 0 changesets recorded"), context + "\n" + second);

    stage[0] = "c";
    String rows = byMigrate.one("SELECT count(*) FROM migrate_revisions");
    byMigrate.execute("DELETE FROM migrate_revisions");
    Cli.Result third = upgrade(dir, file, byMigrate);
    assertEquals(0, third.code(), context + "\n" + third);
    assertEquals(rows, byMigrate.one("SELECT count(*) FROM migrate_revisions"), context);
    assertFalse(
        third.out().matches("(?s).* adjusted (create|add)[A-Za-z]*: .*"),
        context + "\n" + third.out());
    assertEquals(expected, SchemaDump.of(byMigrate), context + "\n" + third.out());

    stage[0] = "f";
    Cli.Result clean = check(dir, file, byMigrate);
    assertEquals(0, clean.code(), context + "\n" + clean);
    if (drift[0] == null) {
      drift[0] = Drift.pick(byMigrate, new Random(seed));
    } else {
      // A smaller changelog may lack the object the drift is about: another failure.
      stage[0] = "f, without the object of the drift";
    }
    if (drift[0] != null) {
      byMigrate.execute(drift[0].sql());
      stage[0] = "f after a drift";
      Cli.Result drifted = check(dir, file, byMigrate);
      String told = context + "\nafter " + drift[0].sql() + "\n" + drifted;
      assertEquals(3, drifted.code(), told);
      assertTrue(drifted.out().contains(drift[0].object()), told);
    }

    // The offline script, run twice by psql on a fresh database, does what upgrade did.
    stage[0] = "e";
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", file);
    assertEquals(0, script.code(), context + "\n" + script);
    TestDb byScript = new TestDb("gen_script");
    for (int run = 1; run <= 2; run++) {
      Cli.Result psql = Psql.run(byScript, dir, script.out());
      assertEquals(0, psql.code(), context + "\nrun " + run + " of the script:\n" + psql.out());
    }
    assertEquals(expected, SchemaDump.of(byScript), context);
    assertEquals(rows, byScript.one("SELECT count(*) FROM migrate_revisions"), context);

    // A crash: a prefix applied, then some steps of the next changeset when it runs outside a
    // transaction (inside one, a crash leaves nothing). Upgrading to head gives the same dump.
    stage[0] = "d";
    Random partly = new Random(seed * 31 + 7);
    TestDb partial = new TestDb("gen_partial");
    // The n-th changeset by position: a shrunk changelog keeps the ids it had.
    List<String> ids = EvolvingSchema.ids(yaml);
    int done = Math.min(1 + partly.nextInt(11), ids.size());
    Cli.Result part =
        new Cli()
            .in(dir)
            .run("upgrade", ids.get(done - 1), "--url", partial.libpqUrl(), "--changelog", file);
    assertEquals(0, part.code(), context + "\n" + part);
    String cut = EvolvingSchema.cutShort(yaml, done, partly);
    if (cut != null) {
      Changelogs.write(dir, "crash.yaml", cut);
      Cli.Result crash =
          new Cli()
              .in(dir)
              .run("upgrade", "--url", partial.libpqUrl(), "--changelog", "crash.yaml");
      assertEquals(0, crash.code(), context + "\n" + cut + "\n" + crash);
      partial.execute("DELETE FROM migrate_revisions WHERE id = 'crash'");
    }
    Cli.Result rest = upgrade(dir, file, partial);
    String after = context + "\nafter " + ids.get(done - 1) + " and\n" + cut + "\n" + rest;
    assertEquals(0, rest.code(), after);
    assertEquals(expected, SchemaDump.of(partial), after);

    // Every changeset undone, newest first, leaves nothing; upgrading again gives the same dump.
    stage[0] = "g";
    Cli.Result down =
        new Cli()
            .in(dir)
            .run("downgrade", "base", "--url", byScript.libpqUrl(), "--changelog", file);
    assertEquals(0, down.code(), context + "\n" + down);
    assertEquals("", SchemaDump.schemaOnly(byScript).replaceAll("(?m)^\\s*$\n?", ""), context);
    Cli.Result up = upgrade(dir, file, byScript);
    assertEquals(0, up.code(), context + "\n" + up);
    assertEquals(expected, SchemaDump.of(byScript), context + "\n" + down.out() + up.out());
  }

  private static Cli.Result check(Path dir, String file, TestDb db) {
    return new Cli().in(dir).run("check", "--url", db.libpqUrl(), "--changelog", file);
  }

  private static Cli.Result upgrade(Path dir, String file, TestDb db) {
    return new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", file);
  }
}
