package dev.migrate.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A pg_dump of a test database, normalised the way the corpus's compare.sh normalises it (no
 * comments, SET lines or search_path line), leaving out both tools' history tables.
 */
public final class SchemaDump {
  private SchemaDump() {}

  /** Schema and data, as pg_dump prints them, normalised. */
  public static String of(TestDb db) {
    return dump(db, List.of());
  }

  /** The schema alone (pg_dump -s), normalised. */
  public static String schemaOnly(TestDb db) {
    return dump(db, List.of("--schema-only"));
  }

  private static String dump(TestDb db, List<String> options) {
    List<String> command =
        new java.util.ArrayList<>(List.of("pg_dump", "--no-owner", "--no-privileges"));
    command.addAll(options);
    command.addAll(
        List.of(
            "--exclude-table=databasechangelog",
            "--exclude-table=databasechangeloglock",
            "--exclude-table=migrate_revisions",
            "-h",
            db.server.host(),
            "-p",
            String.valueOf(db.server.port()),
            "-U",
            db.server.user(),
            db.name));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", db.server.password());
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("pg_dump failed: " + out);
      }
      return out.lines()
          .filter(line -> !line.startsWith("--"))
          .filter(line -> !line.matches("^\\\\(un)?restrict .*"))
          .filter(line -> !line.matches("^SET [a-z_]+ = [^;]*;$"))
          .filter(line -> !line.equals("SELECT pg_catalog.set_config('search_path', '', false);"))
          .collect(Collectors.joining("\n"))
          .replaceAll("\n{3,}", "\n\n")
          .strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
