package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;

/** The entry point: builds the command line, runs it, and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Preload.start();
    System.exit(
        run(
            args,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true)));
  }

  /** Runs one command line with the given environment and streams; returns the exit code. */
  public static int run(
      String[] args,
      Map<String, String> env,
      Path workingDirectory,
      PrintWriter out,
      PrintWriter err) {
    try (ConfigSources sources = new ConfigSources(env, workingDirectory)) {
      String named = named(args);
      if (named == null) {
        return run(commandLine(sources, SUBCOMMANDS), args, out, err);
      }
      sources.readAhead();
      // picocli reads every option of every command it is given, a tenth of a second for all of
      // them; a run that names its command gets that one alone. Where the arguments do not parse
      // so (the name was an option's value, or a usage error), the whole model reads them again,
      // and says what is wrong as it always would.
      CommandLine one = commandLine(sources, List.of(named));
      return run(
          one,
          args,
          out,
          err,
          (e, again) -> run(commandLine(sources, SUBCOMMANDS), again, out, err));
    }
  }

  /** Every subcommand's name, in the order help lists them. */
  static final List<String> SUBCOMMANDS =
      List.of(
          "upgrade",
          "downgrade",
          "stamp",
          "repair",
          "current",
          "history",
          "check",
          "init",
          "revision",
          "help",
          "completion",
          "man");

  // A new command of that name. A switch, not a table of constructor references: a run that
  // names its command loads that command's class alone and links no call site for the others.
  private static Object subcommand(String name) {
    return switch (name) {
      case "upgrade" -> new UpgradeCommand();
      case "downgrade" -> new DowngradeCommand();
      case "stamp" -> new StampCommand();
      case "repair" -> new RepairCommand();
      case "current" -> new CurrentCommand();
      case "history" -> new HistoryCommand();
      case "check" -> new CheckCommand();
      case "init" -> new InitCommand();
      case "revision" -> new RevisionCommand();
      case "help" -> new CommandLine.HelpCommand();
      // `source <(migrate completion)`: bash and zsh completion from the command model itself.
      case "completion" -> new AutoComplete.GenerateCompletion();
      // `migrate man > migrate.1`: the manual page, from the same model.
      case "man" -> new ManPage();
      default -> throw new IllegalArgumentException(name);
    };
  }

  // The command the first argument that names one names, where it runs alone: help, completion
  // and the manual speak of every command. An alias (`new`) is no name here: the whole model reads
  // it, as it reads anything else.
  private static String named(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      if (SUBCOMMANDS.contains(arg)) {
        return Set.of("help", "completion", "man").contains(arg) ? null : arg;
      }
    }
    return null;
  }

  /** The command line with these subcommands, as {@code migrate} runs it. */
  static CommandLine commandLine(ConfigSources sources, Collection<String> names) {
    CommandLine cli = new CommandLine(new MigrateCommand(sources));
    for (String name : names) {
      cli.addSubcommand(name, subcommand(name));
    }
    onlyWhereTheyMeanSomething(cli);
    return cli;
  }

  /** Options about the migrate lock and lock timeouts, which only commands that write take. */
  private static final java.util.List<String> WRITING_OPTIONS =
      java.util.List.of("--wait", "--lock-timeout", "--retries");

  // A command that does not write is not offered the lock's options: given, they are an error.
  private static void onlyWhereTheyMeanSomething(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommand() instanceof Subcommand command && !command.writes()) {
        var spec = sub.getCommandSpec();
        for (String name : WRITING_OPTIONS) {
          if (spec.findOption(name) != null) {
            spec.remove(spec.findOption(name));
          }
        }
      }
    }
  }

  private static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    return run(cli, args, out, err, Main::usage);
  }

  private static int run(
      CommandLine cli,
      String[] args,
      PrintWriter out,
      PrintWriter err,
      CommandLine.IParameterExceptionHandler usage) {
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(usage);
    try {
      return cli.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // A changelog deep or large enough to exhaust the JVM: one line, not a trace of thousands.
      err.println(
          "internal error: "
              + e
              + "; nothing more was run (a changelog nested or sized beyond what this JVM"
              + " holds; raise -Xss or -Xmx through MIGRATE_JAVA_OPTS)");
      err.flush();
      return MigrateException.FAILED;
    }
  }

  // A usage mistake: the error, what picocli suggests, and where the help is; not the whole help.
  private static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See: " + command.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return MigrateException.INVALID;
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    // The driver's trace is for --debug, wherever it was given.
    boolean debug =
        parsed.hasMatchedOption("--debug")
            || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--debug"));
    boolean json =
        parsed.hasMatchedOption("--json")
            || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--json"));
    if (e instanceof MigrateException m && json) {
      Reports.json(m, err);
      return m.exitCode();
    }
    if (e instanceof MigrateException m) {
      err.println("error: " + m.getMessage());
      if (debug && m.getCause() != null) {
        m.getCause().printStackTrace(err);
      }
      err.flush();
      return m.exitCode();
    }
    err.println("internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return MigrateException.FAILED;
  }
}
