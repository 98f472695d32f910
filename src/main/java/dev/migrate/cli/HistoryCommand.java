package dev.migrate.cli;

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
      "  migrate history --url postgresql://app@localhost/app"
    })
final class HistoryCommand extends Subcommand {
  @Override
  public Integer call() {
    migrator(false).history();
    return 0;
  }
}
