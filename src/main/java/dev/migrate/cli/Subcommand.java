package dev.migrate.cli;

import dev.migrate.engine.Migrator;
import java.io.PrintWriter;
import java.io.Writer;
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

  /**
   * The options in force: these, then the ones before the subcommand, then env and migrate.yaml.
   */
  GlobalOptions options() {
    return options.or(parent.options);
  }

  /**
   * Whether the command writes to the database, and so waits for the migrate lock and retries on
   * lock timeouts; the others are not offered {@code --wait}, {@code --lock-timeout} or {@code
   * --retries}.
   */
  boolean writes() {
    return true;
  }

  Migrator migrator(boolean needsDatabase) {
    GlobalOptions merged = options();
    Logging.configure(merged.isDebug(), merged.isQuiet());
    // -q: errors only, so warnings go nowhere; errors reach stderr through Main's handler.
    PrintWriter warnings =
        merged.isQuiet() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getErr();
    return new Migrator(
        parent.sources().settings(merged, needsDatabase), spec.commandLine().getOut(), warnings);
  }
}
