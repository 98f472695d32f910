package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dropProcedure: drops the procedure and skips one that is not there, in the run and in the script
 * alike; a function of that name fails as PostgreSQL says, as in Liquibase.
 */
class DropProcedureTest {
  @TempDir Path dir;

  private static final String HEADER = "databaseChangeLog:\n";

  private static String changeset(String id, String changes) {
    return Changelogs.changeset(id, changes).substring(HEADER.length());
  }

  private Path changelog(String drops) {
    return Changelogs.write(
        dir,
        "procs.yaml",
        HEADER
            + changeset(
                "make",
                "- createProcedure: {procedureText: 'CREATE PROCEDURE tidy() LANGUAGE sql AS $$"
                    + " SELECT 1 $$'}\n"
                    + "- createProcedure: {procedureText: 'CREATE FUNCTION total() RETURNS int"
                    + " LANGUAGE sql AS $$ SELECT 1 $$'}")
            + changeset("drop", drops));
  }

  private static String routines(TestDb db) {
    return String.join(
        ", ",
        db.rows(
            "SELECT proname || ':' || prokind::text FROM pg_proc WHERE proname IN ('tidy', 'total')"
                + " ORDER BY 1"));
  }

  @Test
  void dropsTheProcedureAndSkipsOneThatIsNotThere() {
    Path file =
        changelog(
            "- dropProcedure: {procedureName: tidy}\n- dropProcedure: {procedureName: never}");
    TestDb db = new TestDb("drop_procedure");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    Cli.Result run = migrate.run("upgrade", "-v", "--changelog", file.toString());
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("dropped procedure public.tidy"), run.out());
    assertTrue(run.out().contains("procedure public.never does not exist"), run.out());
    assertEquals("total:f", routines(db));

    TestDb byScript = Psql.scriptRunTwice(dir, file, "drop_procedure_script");
    assertEquals("total:f", routines(byScript));
  }

  @Test
  void aFunctionOfThatNameIsNoProcedure() {
    Path file = changelog("- dropProcedure: {procedureName: total}");
    TestDb db = new TestDb("drop_procedure_function");
    Cli.Result run =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, run.code(), run.toString());
    assertTrue(
        run.err().contains("ERROR: could not find a procedure named \"public.total\""), run.err());
    assertEquals("tidy:p, total:f", routines(db));
    assertEquals(1, db.revisions().size());
  }
}
