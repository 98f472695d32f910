package dev.migrate.changelog;

import static dev.migrate.support.Changelogs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.MigrateException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an includeAll's filters refuse. What they take is compared with Liquibase's own reading in
 * ParserDifferentialTest ("includeAll chosen by depth and by the end of the path").
 */
class IncludeAllFilterTest {
  @TempDir Path dir;

  private String refusal(String includeAll) {
    write(
        dir,
        "d/one.yaml",
        "databaseChangeLog:\n  - changeSet: {id: a, author: x, changes: [{sql: SELECT 1}]}\n");
    Path master =
        write(
            dir,
            "master.yaml",
            "databaseChangeLog:\n  - includeAll: {path: d/, relativeToChangelogFile: true, "
                + includeAll
                + "}\n");
    return assertThrows(
            MigrateException.class,
            () -> ChangelogParser.parse(master.toString(), java.util.List.of(), false))
        .getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"resourceFilter", "filter", "resourceComparator"})
  void aFilterOrAnOrderGivenAsAJavaClassIsRefused(String key) {
    String message = refusal(key + ": com.example.Only");
    assertTrue(message.startsWith(dir.resolve("master.yaml") + ":2:"), message);
    assertEquals(
        "includeAll '"
            + key
            + "' names a Java class, which migrate cannot run; without it other files, or the same"
            + " in another order, would be read: list the files with include, or choose them with"
            + " minDepth, maxDepth and endsWithFilter",
        after(message));
  }

  @Test
  void depthsMustBeWholeNonNegativeAndInOrder() {
    assertEquals(
        "includeAll maxDepth (1) must not be less than minDepth (2)",
        after(refusal("minDepth: 2, maxDepth: 1")));
    assertEquals(
        "includeAll minDepth must not be negative, not -1", after(refusal("minDepth: -1")));
    assertEquals("'maxDepth' must be a whole number, not 'two'", after(refusal("maxDepth: two")));
  }

  @Test
  void noMatchingChangelogIsAnErrorThatSaysWhatWasAsked() {
    assertEquals(
        "includeAll path 'd/' holds no changelog (.xml, .yaml, .yml, .json or .sql) matching"
            + " minDepth 2, endsWithFilter '.sql'",
        after(refusal("minDepth: 2, endsWithFilter: .sql")));
  }

  // The message after its location.
  private static String after(String message) {
    return message.substring(message.indexOf(": ") + 2);
  }
}
