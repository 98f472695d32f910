package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The revision table emptied after a full run, then upgrade again: every step finds its work done,
 * including objects a later change renamed (a sequence, a view, an enum label). Run over the golden
 * changelogs, one per change type.
 */
class LostHistoryTest {
  @org.junit.jupiter.api.io.TempDir Path dir;

  private static final Path GOLDEN = Path.of("src/test/resources/golden").toAbsolutePath();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "renameEnumValue",
        "renameSequence",
        "renameView",
        "renameTable",
        "renameColumn",
        "createView",
        "createSequence",
        "createEnumType",
        "addEnumValue",
        "createTable",
        "addColumn"
      })
  void aRerunAfterLostHistoryChangesNothing(String name) {
    TestDb db = new TestDb("lost_history");
    Cli.Result first =
        new Cli().in(GOLDEN).run("upgrade", "--url", db.libpqUrl(), "--changelog", name + ".yaml");
    assertEquals(0, first.code(), first.toString());
    List<String> schema = db.schemaFingerprint();
    List<String> rows = db.revisions();
    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again =
        new Cli().in(GOLDEN).run("upgrade", "--url", db.libpqUrl(), "--changelog", name + ".yaml");
    assertEquals(0, again.code(), again.toString());
    assertFalse(again.out().contains("adjusted") || again.out().contains("rebuilt"), again.out());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());
  }

  @org.junit.jupiter.api.Test
  void checkLeavesToALaterChangeWhatItDropsOrRenames() {
    TestDb db = new TestDb("later_drop");
    java.nio.file.Path file =
        dev.migrate.support.Changelogs.write(
            dir,
            "later_drop.yaml",
            dev.migrate.support.Changelogs.changeset(
                "all",
                """
                - createEnumType: {typeName: mood, values: [ok]}
                - addEnumValue: {typeName: mood, value: meh}
                - createSchema: {schemaName: scratch}
                - sql: {sql: DROP SCHEMA scratch}
                - dropEnumType: {typeName: mood}
                """));
    Cli.Result upgrade =
        new Cli().run("upgrade", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, upgrade.code(), upgrade.toString());
    Cli.Result check =
        new Cli().run("check", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());
  }
}
