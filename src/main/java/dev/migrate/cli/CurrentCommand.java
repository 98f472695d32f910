package dev.migrate.cli;

import dev.migrate.engine.CurrentReport;
import picocli.CommandLine.Command;

/** {@code migrate current [-v]}. */
@Command(
    name = "current",
    mixinStandardHelpOptions = true,
    description = {
      "Show the current revision: the last recorded changeset in changelog order, with (head) when nothing is pending.",
      "With -v: every changeset with its status, when it was applied, how long it took and whether its checksum still matches."
    },
    footer = {
      "",
      "Examples:",
      "  migrate current",
      "  migrate current -v                   # every changeset, the lock and drift",
      "  migrate current --json"
    })
final class CurrentCommand extends Subcommand {
  @Override
  boolean writes() {
    return false;
  }

  @Override
  public Integer call() {
    CurrentReport report = migrator(true).current(options().isVerbose());
    if (options().isJson()) {
      Reports.json(report, spec.commandLine().getOut());
    } else {
      Reports.text(report, spec.commandLine().getOut());
    }
    return 0;
  }
}
