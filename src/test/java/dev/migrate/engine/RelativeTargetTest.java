package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code +N} and {@code -N} do N changesets or nothing: fewer is an error, as in Alembic. */
class RelativeTargetTest {
  private static final String EXAMPLE = Changelogs.example().toString();

  @Test
  void moreThanThereAreIsRefusedBeforeAnythingRuns() {
    TestDb db = new TestDb("relative");
    Cli.Result tooMany =
        new Cli().run("upgrade", "+5", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(2, tooMany.code(), tooMany.toString());
    assertEquals(
        "error: +5 asks for 5 changesets, but 2 are pending; nothing was run\n", tooMany.err());
    assertEquals(List.of(), db.revisions());

    Cli.Result script = new Cli().run("upgrade", "+3", "--sql", "--changelog", EXAMPLE);
    assertEquals(2, script.code(), script.toString());
    assertEquals("", script.out());

    assertEquals(
        0, new Cli().run("upgrade", "+1", "--url", db.libpqUrl(), "--changelog", EXAMPLE).code());
    Cli.Result back =
        new Cli().run("downgrade", "-2", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(2, back.code(), back.toString());
    assertEquals(
        "error: -2 asks for 2 changesets, but 1 is applied; nothing was run\n", back.err());
    assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());
    assertEquals(true, db.tableExists("import_batches"));
  }
}
