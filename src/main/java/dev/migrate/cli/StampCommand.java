package dev.migrate.cli;

import dev.migrate.engine.StampReport;
import dev.migrate.model.MigrateException;
import dev.migrate.postgres.LiquibaseHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate stamp REV | head | base}. */
@Command(
    name = "stamp",
    mixinStandardHelpOptions = true,
    description = {
      "Record every changeset up to REV as applied without running anything.",
      "Rows of changesets after REV are removed, as Alembic's stamp does; what it records is verified first.",
      "Rows of applied changesets whose objects are still there are not removed without --force.",
      "With --accept-edits: give edited applied changesets their new checksum, nothing else.",
      "With --from-liquibase: record what Liquibase's DATABASECHANGELOG says was run."
    },
    footer = {
      "",
      "Examples:",
      "  migrate stamp head                   # the database was made by hand: record it all",
      "  migrate stamp --accept-edits         # accept applied changesets edited since",
      "  migrate stamp --from-liquibase       # switch from Liquibase without rerunning"
    })
final class StampCommand extends Subcommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REV",
      description = "head, base, or a revision (id, id::author, path::id::author or a tag).")
  String target;

  @Option(
      names = "--from-liquibase",
      description =
          "Record the changesets that Liquibase's DATABASECHANGELOG lists as run (same id, author and file).")
  boolean fromLiquibase;

  @Option(
      names = "--accept-edits",
      description =
          "Accept applied changesets edited since they ran: record their new checksum once the database matches them. Adds and removes no row.")
  boolean acceptEdits;

  @Option(
      names = "--sql",
      description = "Print a psql script that writes the same rows instead of writing them.")
  boolean sql;

  @Option(
      names = "--force",
      description =
          "Write even when the objects are missing or differ, or (moving back) still there.")
  boolean force;

  @Option(
      names = "--liquibase-table",
      paramLabel = "NAME",
      defaultValue = LiquibaseHistory.TABLE,
      description = "Liquibase's history table (default: ${DEFAULT-VALUE}).")
  String liquibaseTable;

  @Override
  public Integer call() {
    if ((target != null ? 1 : 0) + (fromLiquibase ? 1 : 0) + (acceptEdits ? 1 : 0) != 1) {
      throw MigrateException.invalid("stamp takes one of REV, --accept-edits or --from-liquibase");
    }
    if ((acceptEdits || fromLiquibase) && sql) {
      throw MigrateException.invalid(
          "stamp " + (acceptEdits ? "--accept-edits" : "--from-liquibase") + " has no --sql form");
    }
    if (sql) {
      migrator(false).stampScript(target);
      return 0;
    }
    StampReport report =
        acceptEdits
            ? migrator(true).acceptEdits(force)
            : fromLiquibase
                ? migrator(true).stampFromLiquibase(liquibaseTable)
                : migrator(true).stamp(target, force);
    if (options().isJson()) {
      RunReports.json(report, spec.commandLine().getOut());
    } else {
      RunReports.text(report, spec.commandLine().getOut());
    }
    return 0;
  }
}
