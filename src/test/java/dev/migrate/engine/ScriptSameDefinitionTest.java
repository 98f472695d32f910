package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CREATE FUNCTION, PROCEDURE, TRIGGER or POLICY without OR REPLACE, rerun after the history was
 * lost: the {@code --sql} script goes past an object made the same way, or one a later change
 * redefines, as {@code upgrade} does, and stops on one that differs with the server's error.
 */
class ScriptSameDefinitionTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TABLE t (id int, owner text);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
      CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
      ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON t USING (owner = current_user);
      CREATE PROCEDURE tidy() LANGUAGE sql AS $$ DELETE FROM t WHERE owner IS NULL $$;
      --changeset a:2
      CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
        AS $$BEGIN NEW.owner := coalesce(NEW.owner, current_user); RETURN NEW; END$$;
      """;

  private Cli.Result script(TestDb db, Path file) {
    Cli.Result script =
        new Cli().run("upgrade", "--sql", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, script.code(), script.toString());
    return Psql.run(db, dir, script.out());
  }

  @Test
  void theScriptGoesPastWhatIsMadeTheSameWayAndStopsOnWhatDiffers() {
    Path file = Changelogs.write(dir, "changelog.sql", CHANGELOG);
    TestDb db = new TestDb("script_same_definition");
    assertEquals(0, script(db, file).code());
    String made = SchemaDump.schemaOnly(db);

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = script(db, file);
    assertEquals(0, again.code(), again.toString());
    assertEquals(made, SchemaDump.schemaOnly(db));
    assertEquals(2, db.revisions().size());

    db.execute(
        "DELETE FROM migrate_revisions",
        "CREATE OR REPLACE PROCEDURE tidy() LANGUAGE sql AS $$ DELETE FROM t $$");
    Cli.Result differs = script(db, file);
    assertEquals(3, differs.code(), differs.toString());
    assertTrue(
        differs.out().contains("ERROR:  function \"tidy\" already exists with same argument types"),
        differs.out());
    Cli.Result upgrade =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, upgrade.code(), upgrade.toString());
    assertTrue(
        upgrade.err().contains("function \"tidy\" already exists with same argument types"),
        upgrade.err());
  }
}
