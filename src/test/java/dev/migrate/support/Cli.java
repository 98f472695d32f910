package dev.migrate.support;

import dev.migrate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args,
            Map.copyOf(env),
            workingDirectory,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** Exit code and the two streams. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
