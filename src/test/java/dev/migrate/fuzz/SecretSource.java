package dev.migrate.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every way a password reaches migrate: the flag, MIGRATE_PASSWORD, inside a libpq or a JDBC URL,
 * migrate.yaml, a pgpass file and a service file (the last two read by the driver, pointed at
 * through its system properties, as PGPASSFILE and PGSERVICEFILE point at them for a process).
 */
enum SecretSource {
  FLAG,
  ENVIRONMENT,
  LIBPQ_URL,
  JDBC_URL,
  CONFIG_FILE,
  PGPASS_FILE,
  SERVICE_FILE;

  /** Where to connect and how the password is given. */
  record Given(List<String> args, Map<String, String> env, Map<String, String> properties) {}

  Given give(Path dir, String host, int port, String database, String role, String password) {
    List<String> args = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    Map<String, String> properties = new HashMap<>();
    String plain = "postgresql://" + role + "@" + host + ":" + port + "/" + database;
    // PGPASSWORD is set everywhere: migrate does not read it today, and must not print it either.
    env.put("PGPASSWORD", password);
    switch (this) {
      case FLAG -> args.addAll(List.of("--url", plain, "--password", password));
      case ENVIRONMENT -> {
        args.addAll(List.of("--url", plain));
        env.put("MIGRATE_PASSWORD", password);
      }
      case LIBPQ_URL ->
          args.addAll(
              List.of(
                  "--url",
                  "postgresql://"
                      + role
                      + ":"
                      + password
                      + "@"
                      + host
                      + ":"
                      + port
                      + "/"
                      + database));
      case JDBC_URL ->
          args.addAll(
              List.of(
                  "--url",
                  "jdbc:postgresql://"
                      + host
                      + ":"
                      + port
                      + "/"
                      + database
                      + "?user="
                      + role
                      + "&password="
                      + password));
      case CONFIG_FILE ->
          write(
              dir.resolve("migrate.yaml"),
              "url: " + plain + "\nusername: " + role + "\npassword: \"" + password + "\"\n");
      case PGPASS_FILE -> {
        args.addAll(List.of("--url", plain));
        Path file = write(dir.resolve("pgpass"), "*:*:*:" + role + ":" + password + "\n");
        properties.put("org.postgresql.pgpassfile", file.toString());
      }
      case SERVICE_FILE -> {
        args.addAll(List.of("--url", "jdbc:postgresql://?service=fuzzsecret"));
        Path file =
            write(
                dir.resolve("pg_service.conf"),
                "[fuzzsecret]\nhost="
                    + host
                    + "\nport="
                    + port
                    + "\ndbname="
                    + database
                    + "\nuser="
                    + role
                    + "\npassword="
                    + password
                    + "\n");
        properties.put("org.postgresql.pgservicefile", file.toString());
      }
    }
    return new Given(args, env, properties);
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text);
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
      file.toFile().setWritable(true, true);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
