package dev.migrate.support;

import dev.migrate.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the migrate command line in this JVM, as a user would, and keeps what it printed. */
public final class Cli {
  private final Map<String, String> env = new HashMap<>();
  private Path workingDirectory = Path.of("").toAbsolutePath();

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Cli in(Path directory) {
    workingDirectory = directory;
    return this;
  }

  /** Runs {@code command} with the options a test shares between its commands. */
  public Result command(String command, String[] options) {
    String[] args = new String[options.length + 1];
    args[0] = command;
    System.arraycopy(options, 0, args, 1, options.length);
    return run(args);
  }

  /**
   * {@code command} (with its arguments) against {@code db}, given by MIGRATE_URL, of the changelog
   * {@code changelog}: {@code Cli.on(db, file, "stamp", "1")}.
   */
  public static Result on(TestDb db, Path changelog, String... command) {
    String[] args = java.util.Arrays.copyOf(command, command.length + 2);
    args[command.length] = "--changelog";
    args[command.length + 1] = changelog.toString();
    return new Cli().env("MIGRATE_URL", db.libpqUrl()).run(args);
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    StringWriter both = new StringWriter();
    int code =
        Main.run(
            args,
            Map.copyOf(env),
            workingDirectory,
            new PrintWriter(new Tee(out, both), true),
            new PrintWriter(new Tee(err, both), true));
    return new Result(code, out.toString(), err.toString(), both.toString());
  }

  // Writes to its own stream and to the one both streams share, as a terminal shows them.
  private static final class Tee extends Writer {
    private final Writer own;
    private final Writer shared;

    Tee(Writer own, Writer shared) {
      this.own = own;
      this.shared = shared;
    }

    @Override
    public void write(char[] text, int from, int length) throws IOException {
      own.write(text, from, length);
      shared.write(text, from, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Exit code, the two streams, and both as written one after the other ({@code both}; for a
   * process, stdout then stderr).
   */
  public record Result(int code, String out, String err, String both) {
    public Result(int code, String out, String err) {
      this(code, out, err, out + err);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
