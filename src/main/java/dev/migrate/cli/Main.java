package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/** The entry point: builds the command line, runs it, and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
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
    MigrateCommand command = new MigrateCommand(env, workingDirectory);
    try (ConfigSources sources = command.sources()) {
      CommandLine cli = new CommandLine(command);
      // `source <(migrate completion)`: bash and zsh completion from the command model itself.
      cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
      // `migrate man > migrate.1`: the manual page, from the same model.
      cli.addSubcommand("man", new ManPage());
      onlyWhereTheyMeanSomething(cli);
      return run(cli, args, out, err);
    }
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
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(Main::usage);
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
