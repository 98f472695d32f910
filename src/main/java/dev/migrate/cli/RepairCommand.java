package dev.migrate.cli;

import picocli.CommandLine.Command;

/** {@code migrate repair}. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Make again what applied changesets made and the database lost (a dropped index, column,",
      "table, view…), as their guards would make it. Revision rows stay as they are, data",
      "changes do not run again, and a difference from the changelog (drift) stops it before",
      "anything runs."
    },
    footer = {
      "",
      "Examples:",
      "  migrate check                        # exit 3: missing ix_orders_customer",
      "  migrate repair                       # makes the index again",
      "  migrate repair --json"
    })
final class RepairCommand extends Subcommand {
  @Override
  public Integer call() {
    migrator(true)
        .repair(
            RunReports.progress(
                options(), spec.commandLine().getOut(), spec.commandLine().getErr()));
    return 0;
  }
}
