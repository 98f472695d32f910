package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code migrate init [DIR]}: a migrate.yaml and an empty changelog that includes a folder of
 * changes.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Start a project: write migrate.yaml and db/changelog.yaml, which includes every file of db/changes/ in name order.",
      "Then add a changeset with: migrate revision -m \"create users\". Nothing is overwritten."
    },
    footer = {"", "Example:", "  migrate init && migrate revision -m \"create users\""})
final class InitCommand extends Subcommand {
  @Override
  boolean writes() {
    return false;
  }

  static final String CHANGELOG = "db/changelog.yaml";
  static final String CHANGES = "db/changes";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Where to start the project (default: the current directory).")
  String directory;

  @Override
  public Integer call() {
    Path root =
        parent
            .sources()
            .workingDirectory()
            .resolve(directory == null ? "." : directory)
            .normalize();
    Map<String, String> files =
        Map.of(
            ConfigSources.CONFIG_FILE,
            """
            # Settings for migrate; flags and MIGRATE_* variables override them, PG* variables work as for psql.
            # url: postgresql://app@localhost:5432/app
            # url: embedded    (a PostgreSQL of migrate's own, its data in .migrate/pg; no server needed)
            changelog: %s
            """
                .formatted(CHANGELOG),
            CHANGELOG,
            """
            # The root changelog: every file of changes/ in name order (revision names start with a timestamp).
            databaseChangeLog:
              - includeAll:
                  path: changes/
                  relativeToChangelogFile: true
            """);
    List<String> present =
        files.keySet().stream().filter(f -> Files.exists(root.resolve(f))).sorted().toList();
    if (!present.isEmpty()) {
      throw MigrateException.invalid(
          "init would overwrite "
              + String.join(", ", present)
              + " in "
              + root
              + "; nothing was written");
    }
    try {
      Files.createDirectories(root.resolve(CHANGES));
      for (String name : List.of(ConfigSources.CONFIG_FILE, CHANGELOG)) {
        Files.writeString(root.resolve(name), files.get(name));
        spec.commandLine().getOut().println("  created  " + root.relativize(root.resolve(name)));
      }
      String ignored = ignoreLocalData(root.resolve(".gitignore"));
      if (ignored != null) {
        spec.commandLine().getOut().println("  " + ignored + "  .gitignore");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "Next: set url in migrate.yaml (or MIGRATE_URL, or PGHOST…), then: migrate revision -m \"create users\"");
    spec.commandLine().getOut().flush();
    return 0;
  }

  // `--url embedded` keeps a server's data in .migrate/, which is this machine's alone: kept out of
  // git, as `git init` users expect of a tool's local state. An existing .gitignore gains the line
  // unless some line already names the folder. What was done ("created", "updated"), or null.
  private static String ignoreLocalData(Path gitignore) throws IOException {
    String line = LOCAL_DATA + "\n";
    if (!Files.exists(gitignore)) {
      Files.writeString(gitignore, line);
      return "created";
    }
    String text = Files.readString(gitignore);
    boolean named =
        text.lines()
            .map(String::strip)
            .anyMatch(
                l ->
                    l.equals(LOCAL_DATA)
                        || l.equals("/" + LOCAL_DATA)
                        || l.equals(".migrate")
                        || l.equals("/.migrate"));
    if (named) {
      return null;
    }
    Files.writeString(
        gitignore, (text.isEmpty() || text.endsWith("\n") ? text : text + "\n") + line);
    return "updated";
  }

  private static final String LOCAL_DATA = ".migrate/";
}
