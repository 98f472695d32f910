package dev.migrate.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ${name} nobody defines is kept as written, as Liquibase keeps it, but never silently. */
class UndefinedPropertyTest {
  @TempDir Path dir;

  private Path changelog() {
    return Changelogs.write(
        dir,
        "c.yaml",
        Changelogs.changeset(
            "one",
            "- createTable: {tableName: \"${prefix}items\", columns: [{column: {name: id, type: int}}]}"));
  }

  @Test
  void anUndefinedParameterIsAWarningAndAnErrorUnderStrict() {
    Path file = changelog();
    String where =
        file
            + ":6:36: ${prefix} is not defined (give it with -Dprefix=…, a property, or the environment);"
            + " it is left as written, as Liquibase leaves it";
    Cli.Result lenient = new Cli().run("upgrade", "--sql", "--changelog", file.toString());
    assertEquals(0, lenient.code(), lenient.toString());
    assertTrue(lenient.err().contains("warning: " + where + "\n"), lenient.err());
    assertTrue(lenient.out().contains("\"${prefix}items\""), "kept as written, quoted as a name");

    Cli.Result strict =
        new Cli().run("--strict", "upgrade", "--sql", "--changelog", file.toString());
    assertEquals(2, strict.code(), strict.toString());
    assertEquals("error: " + where + " (an error under --strict)\n", strict.err());

    Cli.Result given =
        new Cli()
            .run("--strict", "upgrade", "--sql", "-Dprefix=shop_", "--changelog", file.toString());
    assertEquals(0, given.code(), given.toString());
    assertTrue(given.out().contains("shop_items"), given.out());
  }
}
