package dev.migrate.cli;

import dev.migrate.engine.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, merged with those given before its name. */
abstract class Subcommand implements Callable<Integer> {
  @Mixin GlobalOptions options;

  @ParentCommand MigrateCommand parent;

  @Spec CommandSpec spec;

  /** The options in force: these, then the ones before the subcommand, then env and migrate.yaml. */
  GlobalOptions options() {
    return options.or(parent.options);
  }

  Migrator migrator(boolean needsDatabase) {
    GlobalOptions merged = options();
    Logging.configure(merged.isVerbose(), merged.isQuiet());
    return new Migrator(parent.sources().settings(merged, needsDatabase), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
