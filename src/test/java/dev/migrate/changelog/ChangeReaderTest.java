package dev.migrate.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.support.ChangeSamples;
import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader knows every change type of the model by its key: none is an unknown change type, but
 * deleteRows, the rollback of loadUpdateData, which no changelog writes.
 */
class ChangeReaderTest {
  @TempDir Path dir;

  @Test
  void everyChangeTypeOfTheModelIsRead() throws Exception {
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      String key = ChangeSamples.sample(type).changeType();
      Changelogs.write(dir, "c.yaml", Changelogs.changeset("one", "- " + key + ": {}\n"));
      boolean written = type != Change.DeleteRows.class;
      try {
        ChangelogParser.parse(dir.resolve("c.yaml").toString(), List.of(dir), false);
        assertTrue(written, key + " is read");
      } catch (MigrateException e) {
        // Its attributes are missing, which the reader says; it must know the type itself.
        assertEquals(
            !written, e.getMessage().contains("unknown change type"), key + ": " + e.getMessage());
      }
    }
  }

  @Test
  void aCustomChangeOrAnExecuteCommandIsRefusedNamingWhatItWouldRun() {
    Changelogs.write(
        dir,
        "c.yaml",
        Changelogs.changeset("one", "- customChange: {class: org.example.Backfill, rows: 10}\n"));
    MigrateException custom =
        org.junit.jupiter.api.Assertions.assertThrows(
            MigrateException.class,
            () -> ChangelogParser.parse(dir.resolve("c.yaml").toString(), List.of(dir), false));
    assertTrue(
        custom
            .getMessage()
            .contains(
                "c.yaml:6:11: customChange runs a Java class of the project"
                    + " (org.example.Backfill), which migrate cannot run: write what it does as SQL"
                    + " (a sql or sqlFile change) in its place"),
        custom.getMessage());

    Changelogs.write(
        dir, "c.yaml", Changelogs.changeset("one", "- executeCommand: {executable: /bin/true}\n"));
    MigrateException command =
        org.junit.jupiter.api.Assertions.assertThrows(
            MigrateException.class,
            () -> ChangelogParser.parse(dir.resolve("c.yaml").toString(), List.of(dir), false));
    assertTrue(
        command.getMessage().contains("executeCommand runs a program (/bin/true)"),
        command.getMessage());
  }
}
