package dev.migrate.cli;

import dev.migrate.engine.HistoryReport;
import picocli.CommandLine.Command;

/** {@code migrate history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "List every changeset in changelog order.",
      "With a database (--url or MIGRATE_URL), mark each [x] recorded or [ ] pending."
    },
    footer = {
      "",
      "Examples:",
      "  migrate history",
      "  migrate history --url postgresql://app@localhost/app",
      "  migrate history --json"
    })
final class HistoryCommand extends Subcommand {
  @Override
  boolean writes() {
    return false;
  }

  @Override
  public Integer call() {
    HistoryReport report = migrator(false).history();
    if (options().isJson()) {
      Reports.json(report, spec.commandLine().getOut());
    } else {
      Reports.text(report, spec.commandLine().getOut());
    }
    return 0;
  }
}
