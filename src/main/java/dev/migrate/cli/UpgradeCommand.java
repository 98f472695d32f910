package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate upgrade [head | REV | +N]}. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Apply pending changesets up to a target, each in one transaction with its revision row.",
      "Every step asks the catalog first: what exists and matches is skipped, what differs stops the run (drift)."
    },
    footer = {
      "",
      "Examples:",
      "  migrate upgrade                      # everything pending",
      "  migrate upgrade +1                   # the next changeset only",
      "  migrate upgrade 0002_add_catalog     # up to and including that changeset",
      "  migrate upgrade --sql > upgrade.sql  # a psql script of the same work"
    })
final class UpgradeCommand extends Subcommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "head",
      paramLabel = "TARGET",
      description =
          "head (default), a revision (id, id::author, path::id::author or a tag), or +N for the next N pending.")
  String target;

  @Option(
      names = "--sql",
      description =
          "Print a psql script of the same work, every guard rendered in SQL, instead of running it."
              + " Without --url nothing is assumed applied; with it, only the revision table is read.")
  boolean sql;

  @Option(
      names = "--allow-moved",
      description =
          "Run pending changesets even when the same id and author are recorded under another file path.")
  boolean allowMoved;

  @Override
  public Integer call() {
    if (sql) {
      migrator(false).upgradeScript(target, allowMoved);
    } else {
      migrator(true)
          .upgrade(
              target,
              RunReports.progress(
                  options(), spec.commandLine().getOut(), spec.commandLine().getErr()),
              allowMoved);
    }
    return 0;
  }
}
