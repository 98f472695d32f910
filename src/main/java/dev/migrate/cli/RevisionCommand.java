package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate revision -m MESSAGE}: a new changelog file with one changeset to fill in. */
@Command(
    name = "revision",
    aliases = "new",
    mixinStandardHelpOptions = true,
    description = {
      "Write a new changelog file with one changeset to fill in, named after the time and the message,",
      "in the changes folder beside the root changelog (db/changes/ after migrate init)."
    },
    footer = {
      "",
      "Example:",
      "  migrate revision -m \"create users\"   # db/changes/20261129T224500Z_create_users.yaml"
    })
final class RevisionCommand extends Subcommand {
  @Override
  boolean writes() {
    return false;
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Option(
      names = {"-m", "--message"},
      required = true,
      paramLabel = "MESSAGE",
      description = "What the changeset does; it names the file and becomes its comment.")
  String message;

  @Option(
      names = "--author",
      paramLabel = "NAME",
      description = "The changeset's author (default: the user name).")
  String author;

  @Override
  public Integer call() {
    String slug =
        message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    if (slug.isEmpty()) {
      throw MigrateException.invalid("the message must have a letter or a digit to name the file");
    }
    String id =
        STAMP.format(Instant.now()) + "_" + (slug.length() > 60 ? slug.substring(0, 60) : slug);
    Path root =
        parent
            .sources()
            .workingDirectory()
            .resolve(parent.sources().settings(options(), false).changelog())
            .normalize();
    Path file = root.resolveSibling("changes").resolve(id + ".yaml");
    String who = author != null ? author : System.getProperty("user.name", "unknown");
    String text =
        """
        databaseChangeLog:
          - changeSet:
              id: %s
              author: %s
              comment: %s
              changes: []
              # changes:
              #   - createTable:
              #       tableName: users
              #       columns:
              #         - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}
        """
            .formatted(id, yaml(who), yaml(message));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw MigrateException.invalid(file + " exists already; nothing was written");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    spec.commandLine()
        .getOut()
        .println("  created  " + parent.sources().workingDirectory().relativize(file));
    spec.commandLine().getOut().flush();
    return 0;
  }

  // A YAML scalar in double quotes, so any message is read back as written.
  private static String yaml(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
