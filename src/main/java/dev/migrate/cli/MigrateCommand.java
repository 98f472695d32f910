package dev.migrate.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command and its global options; {@link Main} gives it its subcommands. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Apply Liquibase changelogs (YAML, XML, JSON, SQL) to PostgreSQL, every step guarded by a catalog check.",
    footer = {
      "",
      "Exit codes: 0 success, 1 failure while running (SQL error, drift, lock),",
      "2 bad usage or invalid changelog, 3 check found something pending, changed or drifted.",
      "Options are accepted before or after the command; flags beat MIGRATE_* variables, which beat ./migrate.yaml."
    })
final class MigrateCommand implements Callable<Integer> {
  @Mixin GlobalOptions options;

  @Spec CommandSpec spec;

  private final ConfigSources sources;

  MigrateCommand(Map<String, String> env, Path workingDirectory) {
    this(new ConfigSources(env, workingDirectory));
  }

  MigrateCommand(ConfigSources sources) {
    this.sources = sources;
  }

  ConfigSources sources() {
    return sources;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
