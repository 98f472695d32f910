package dev.migrate.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code migrate man}: the manual page, migrate(1), in troff, written from the same command model
 * that parses the command line and prints --help, so it names every command and option there is.
 * {@code migrate man > ~/.local/share/man/man1/migrate.1}, then {@code man migrate}.
 */
@Command(
    name = "man",
    description = "Print the manual page, migrate(1), in troff (man migrate, once installed).")
final class ManPage implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec root = spec.parent();
    StringBuilder page = new StringBuilder();
    page.append(".TH MIGRATE 1 \"\" \"migrate ")
        .append(text(version(root)))
        .append("\" \"User Commands\"\n");
    section(page, "NAME");
    page.append("migrate \\- ").append(text(first(root.usageMessage().description()))).append('\n');
    section(page, "SYNOPSIS");
    page.append(".B migrate\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n");
    section(page, "DESCRIPTION");
    for (String line : root.usageMessage().description()) {
      page.append(text(line)).append("\n.PP\n");
    }
    page.append(
        "The user guide and the reference of every change type and command are in the docs/"
            + " folder of the release.\n");
    section(page, "OPTIONS");
    page.append("Every command takes these; each command's own follow it below.\n");
    options(page, root, java.util.Set.of());
    java.util.Set<String> common =
        root.options().stream()
            .map(OptionSpec::longestName)
            .collect(java.util.stream.Collectors.toSet());
    section(page, "COMMANDS");
    for (Map.Entry<String, CommandLine> entry : root.subcommands().entrySet()) {
      CommandSpec command = entry.getValue().getCommandSpec();
      if (!command.name().equals(entry.getKey()) || command.usageMessage().hidden()) {
        continue; // an alias: listed under its command
      }
      page.append(".SS ").append(text(command.qualifiedName(" "))).append('\n');
      List<String> aliases = List.of(command.aliases());
      if (!aliases.isEmpty()) {
        page.append("(also: ").append(text(String.join(", ", aliases))).append(")\n.br\n");
      }
      for (String line : command.usageMessage().description()) {
        page.append(text(line)).append('\n');
      }
      options(page, command, common);
    }
    section(page, "EXIT STATUS");
    page.append(
        ".TP\n0\nsuccess\n.TP\n1\nfailure while running: an SQL error, drift, a precondition that"
            + " halts, an edited changeset, the lock not granted, no connection\n.TP\n2\nbad usage"
            + " or an invalid changelog; nothing was run\n.TP\n3\n\\fBcheck\\fR found something"
            + " pending, changed, unknown, missing or different\n.TP\n130\ninterrupted\n");
    section(page, "ENVIRONMENT");
    page.append(
        "MIGRATE_URL, MIGRATE_CHANGELOG, MIGRATE_SCHEMA, MIGRATE_PASSWORD and the other MIGRATE_*"
            + " variables stand for the options of those names; PGHOST, PGPORT, PGDATABASE,"
            + " PGUSER, PGPASSWORD, PGPASSFILE, PGSERVICE, PGSSLMODE and the other variables of"
            + " libpq work as for psql. Flags win over MIGRATE_*, which win over PG*, which win"
            + " over migrate.yaml.\n");
    section(page, "SEE ALSO");
    page.append(".BR psql (1),\n.BR pg_dump (1)\n");
    spec.commandLine().getOut().print(page);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void section(StringBuilder page, String name) {
    page.append(".SH ").append(name).append('\n');
  }

  private static void options(
      StringBuilder page, CommandSpec command, java.util.Set<String> common) {
    for (OptionSpec option : command.options()) {
      if (option.hidden() || option.inherited() || common.contains(option.longestName())) {
        continue;
      }
      page.append(".TP\n.B ").append(text(String.join(", ", option.names())));
      if (option.arity().max() > 0) {
        page.append(" \\fI").append(text(option.paramLabel())).append("\\fR");
      }
      page.append('\n');
      for (String line : option.description()) {
        page.append(text(line)).append('\n');
      }
    }
  }

  // Text as troff reads it: backslashes and hyphens escaped, and a line that would start with a
  // period or a quote (a request to troff) guarded with \&.
  private static String text(String line) {
    String escaped =
        line.replace("%n", "\n.br\n").replace("%%", "%").replace("\\", "\\e").replace("-", "\\-");
    StringBuilder ascii = new StringBuilder();
    // groff reads ASCII: any other character as its Unicode escape (… is \[u2026]).
    escaped
        .codePoints()
        .forEach(
            c -> {
              if (c < 128) {
                ascii.appendCodePoint(c);
              } else {
                ascii.append(String.format("\\[u%04X]", c));
              }
            });
    String line2 = ascii.toString();
    return line2.startsWith(".") || line2.startsWith("'") ? "\\&" + line2 : line2;
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  private static String version(CommandSpec root) {
    String[] version = root.version();
    return version.length == 0 ? "" : version[0].replaceFirst("^migrate ", "");
  }
}
