package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code migrate stamp REV | head | base}. */
@Command(
    name = "stamp",
    mixinStandardHelpOptions = true,
    description = {
      "Record every changeset up to REV as applied (status stamped) without running anything,",
      "and remove the rows of changesets after it, as Alembic's stamp does."
    })
final class StampCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "REV", description = "head, base, or a revision (id, id::author or path::id::author).")
  String target;

  @Override
  public Integer call() {
    migrator(true).stamp(target);
    return 0;
  }
}
