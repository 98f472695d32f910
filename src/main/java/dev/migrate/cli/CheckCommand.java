package dev.migrate.cli;

import dev.migrate.engine.CheckReport;
import picocli.CommandLine.Command;

/** {@code migrate check}: the CI gate. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "The CI gate: exit 3 when anything is pending, edited, unknown, missing or drifted.",
      "Exit 0 when nothing is pending and every applied changeset's objects are as the changelog says;",
      "otherwise list pending changesets, changed checksums, unknown revision rows and drift.",
      "Read-only: takes no lock, writes nothing."
    },
    footer = {
      "",
      "Examples:",
      "  migrate check && echo up to date    # exit 3 when anything is off",
      "  migrate check --json"
    })
final class CheckCommand extends Subcommand {
  @Override
  boolean writes() {
    return false;
  }

  /** The exit code of a check that found something. */
  static final int FOUND = 3;

  @Override
  public Integer call() {
    CheckReport report = migrator(true).check();
    if (options().isJson()) {
      Reports.json(report, spec.commandLine().getOut());
    } else {
      Reports.text(report, spec.commandLine().getOut());
    }
    return report.ok() ? 0 : FOUND;
  }
}
