package dev.migrate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/migrate} as a separate process, exactly as a user or a CI job does. */
public final class BinMigrate {
  private final Path script;
  private final Map<String, String> env = new HashMap<>();
  private Path workingDirectory = Path.of("").toAbsolutePath();

  public BinMigrate() {
    this(Path.of("bin/migrate").toAbsolutePath());
  }

  public BinMigrate(Path script) {
    this.script = script;
  }

  public BinMigrate env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs in {@code directory} instead of the project root. */
  public BinMigrate in(Path directory) {
    workingDirectory = directory;
    return this;
  }

  public Process start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("MIGRATE_"));
    builder.environment().putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Cli.Result run(String... args) {
    return finish(start(args));
  }

  /** Waits for a started run and collects its output. */
  public static Cli.Result finish(Process process) {
    try {
      // Read both streams before waiting, so a full pipe cannot stall the process.
      var err = new java.util.concurrent.CompletableFuture<String>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  err.complete(
                      new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  err.completeExceptionally(e);
                }
              });
      reader.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("bin/migrate did not finish in 120 s");
      }
      return new Cli.Result(process.exitValue(), out, err.get());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the script alone into {@code dir}/bin, where no jar was built. */
  public static Path copyWithoutJar(Path dir) {
    try {
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path copy = bin.resolve("migrate");
      Files.copy(Path.of("bin/migrate"), copy);
      copy.toFile().setExecutable(true);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
