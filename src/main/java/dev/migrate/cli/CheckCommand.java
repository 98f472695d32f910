package dev.migrate.cli;

import picocli.CommandLine.Command;

/** {@code migrate check}: the CI gate. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Exit 0 when nothing is pending and every applied changeset's objects are as the changelog says;",
      "exit 3 otherwise, listing pending changesets, changed checksums, unknown revision rows and drift.",
      "Read-only: takes no lock, writes nothing."
    })
final class CheckCommand extends Subcommand {
  /** The exit code of a check that found something. */
  static final int FOUND = 3;

  @Override
  public Integer call() {
    return migrator(true).check() ? 0 : FOUND;
  }
}
