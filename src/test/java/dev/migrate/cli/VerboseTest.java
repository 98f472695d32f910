package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import org.junit.jupiter.api.Test;

/**
 * -v is "debug" for upgrade, and "the wide table" for current: only the first prints the driver's
 * trace.
 */
class VerboseTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final String NOWHERE = "postgresql://postgres@127.0.0.1:1/x";

  @Test
  void currentVerboseSaysOneLineOnAConnectionError() {
    Cli.Result current = new Cli().run("current", "-v", "--url", NOWHERE, "--changelog", EXAMPLE);
    assertEquals(1, current.code(), current.toString());
    assertEquals(1, current.err().lines().count(), current.err());
    assertTrue(
        current
            .err()
            .startsWith("error: cannot connect to postgresql://127.0.0.1:1/x as postgres: "),
        current.err());

    // -v says more in reports and nothing more about errors; --debug shows the driver's trace.
    Cli.Result upgrade = new Cli().run("upgrade", "-v", "--url", NOWHERE, "--changelog", EXAMPLE);
    assertEquals(1, upgrade.code(), upgrade.toString());
    assertEquals(1, upgrade.err().lines().count(), upgrade.err());
    Cli.Result debug =
        new Cli().run("upgrade", "--debug", "--url", NOWHERE, "--changelog", EXAMPLE);
    assertEquals(1, debug.code(), debug.toString());
    assertTrue(
        debug.err().contains("org.postgresql.util.PSQLException"),
        "debug shows the driver's trace: " + debug.err());
  }

  @Test
  void commandsThatDoNotWriteAreNotOfferedTheLocksOptions() {
    for (String command : java.util.List.of("current", "history", "check")) {
      Cli.Result wait =
          new Cli().run(command, "--wait", "5s", "--url", NOWHERE, "--changelog", EXAMPLE);
      assertEquals(2, wait.code(), command + ": " + wait);
      assertTrue(
          wait.err().startsWith("error: Unknown options: '--wait', '5s'"),
          command + ": " + wait.err());
      Cli.Result help = new Cli().run(command, "--help");
      assertTrue(!help.out().contains("--retries"), command + ": " + help.out());
    }
    Cli.Result help = new Cli().run("upgrade", "--help");
    assertTrue(help.out().contains("--retries"), help.out());
  }

  @Test
  void everyCommandsHelpEndsWithExamples() {
    // Every command of migrate's own; picocli's help and completion, and the manual, have none.
    for (String command : Main.SUBCOMMANDS) {
      if (java.util.Set.of("help", "completion", "man").contains(command)) {
        continue;
      }
      Cli.Result help = new Cli().run(command, "--help");
      assertEquals(0, help.code(), command);
      assertTrue(help.out().contains("\nExample"), command + ": " + help.out());
      assertTrue(help.out().contains("  migrate " + command), command + ": " + help.out());
    }
  }
}
