package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code migrate downgrade REV | -N | base}. */
@Command(
    name = "downgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Undo applied changesets after a target, newest first: each runs its rollback block, or the",
      "automatic inverse of its changes, guarded, in one transaction with the removal of its revision row."
    })
final class DowngradeCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "TARGET",
      description = "base, -N for the last N applied changesets, or a revision (id, id::author or path::id::author) to keep.")
  String target;

  @Override
  public Integer call() {
    migrator(true).downgrade(target);
    return 0;
  }
}
