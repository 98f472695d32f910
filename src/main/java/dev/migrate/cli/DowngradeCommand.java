package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate downgrade REV | -N | base}. */
@Command(
    name = "downgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Undo applied changesets after a target, newest first.",
      "Each runs its rollback block, or the automatic inverse of its changes, guarded, in one transaction",
      "with the removal of its revision row."
    },
    footer = {
      "",
      "Examples:",
      "  migrate downgrade -1                 # undo the last applied changeset",
      "  migrate downgrade base               # undo everything",
      "  migrate downgrade --sql -1 > undo.sql"
    })
final class DowngradeCommand extends Subcommand {
  @Parameters(
      index = "0",
      paramLabel = "TARGET",
      description =
          "base, -N for the last N applied changesets, or a revision (id, id::author, path::id::author or a tag) to keep.")
  String target;

  @Option(
      names = "--sql",
      description =
          "Print a psql script of the same work instead of running it (without --url,"
              + " every changeset is taken as applied; each block checks its revision row).")
  boolean sql;

  @Override
  public Integer call() {
    if (sql) {
      migrator(false).downgradeScript(target);
    } else {
      migrator(true)
          .downgrade(
              target,
              RunReports.progress(
                  options(), spec.commandLine().getOut(), spec.commandLine().getErr()));
    }
    return 0;
  }
}
