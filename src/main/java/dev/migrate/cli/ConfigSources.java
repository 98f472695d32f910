package dev.migrate.cli;

import dev.migrate.changelog.ParseCache;
import dev.migrate.engine.ConnectionSettings;
import dev.migrate.engine.Settings;
import dev.migrate.model.Durations;
import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds {@link Settings} from flags, then the environment, then {@code migrate.yaml}: first found
 * wins.
 */
final class ConfigSources implements AutoCloseable {
  static final String CONFIG_FILE = "migrate.yaml";
  private static final List<String> KEYS =
      List.of(
          "url",
          "username",
          "password",
          "changelog",
          "schema",
          "revisionTable",
          "contexts",
          "labelFilter");

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final ParseCache cache;
  private EmbeddedServer embedded;

  ConfigSources(Map<String, String> env, Path workingDirectory) {
    this.env = env;
    this.workingDirectory = workingDirectory;
    this.cache = ParseCache.of(env);
  }

  /**
   * Starts reading the changelog cache's entry that the last run here used, while the command line
   * is read; a tenth of a second of a run that repeats the last one.
   */
  void readAhead() {
    if (cache != null) {
      cache.readAhead();
    }
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  Settings settings(GlobalOptions options, boolean needsDatabase) {
    Map<String, Object> file = readFile();
    PgEnvironment libpq = new PgEnvironment(env);
    // Flags, then MIGRATE_*, then libpq's PG* variables, then migrate.yaml. PG* make a URL only
    // for a command that needs a database: a global PGHOST does not turn --sql or history online.
    String url = first(options.url, env.get("MIGRATE_URL"), null);
    if (url == null) {
      url = first(needsDatabase ? libpq.url() : null, null, file.get("url"));
    }
    String username = first(options.username, env.get("MIGRATE_USERNAME"), file.get("username"));
    String password = first(options.password, env.get("MIGRATE_PASSWORD"), file.get("password"));
    String changelog =
        first(options.changelog, env.get("MIGRATE_CHANGELOG"), file.get("changelog"));
    String schema = first(options.schema, env.get("MIGRATE_SCHEMA"), file.get("schema"));
    String table = first(options.revisionTable, null, file.get("revisionTable"));
    if (changelog == null) {
      throw MigrateException.invalid(
          "no changelog given: pass --changelog FILE, or set MIGRATE_CHANGELOG");
    }
    ConnectionSettings connection;
    if (EmbeddedServer.isEmbedded(url)) {
      connection = embedded(url);
    } else {
      connection =
          url == null && !needsDatabase
              ? null
              : ConnectionSettings.of(url, username, password)
                  .withDefaults(libpq.defaults(), libpq.user(), libpq.password());
    }
    // The working directory comes first, then --search-path, as Liquibase's search path works.
    List<Path> searchPath = new ArrayList<>(List.of(workingDirectory));
    if (options.searchPath != null) {
      options.searchPath.forEach(dir -> searchPath.add(workingDirectory.resolve(dir)));
    }
    return new Settings(
        connection,
        changelog,
        List.copyOf(searchPath),
        schema,
        table == null ? "migrate_revisions" : table,
        Boolean.TRUE.equals(options.strict),
        duration(options.wait == null ? "10m" : options.wait),
        duration(options.lockTimeout == null ? "5s" : options.lockTimeout),
        options.statementTimeout == null ? null : duration(options.statementTimeout),
        retries(options.retries),
        options.properties == null ? Map.of() : Map.copyOf(options.properties),
        env,
        first(options.contexts, env.get("MIGRATE_CONTEXTS"), file.get("contexts")),
        first(options.labelFilter, env.get("MIGRATE_LABEL_FILTER"), file.get("labelFilter")),
        cache);
  }

  // The server starts once per command, whatever asks for settings, and stops in close().
  private ConnectionSettings embedded(String url) {
    if (embedded == null) {
      embedded = EmbeddedServer.start(EmbeddedServer.directory(url, workingDirectory));
    }
    return new ConnectionSettings(
        embedded.jdbcUrl(), embedded.user(), null, embedded.toString(workingDirectory));
  }

  /** Stops the embedded server if this command started one. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  private Map<String, Object> readFile() {
    Path file = workingDirectory.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      Object loaded = new Yaml().load(reader);
      if (loaded == null) {
        return Map.of();
      }
      if (!(loaded instanceof Map<?, ?> map)) {
        throw MigrateException.invalid(
            CONFIG_FILE + " must be a mapping of settings (url, username, changelog, schema…)");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = (Map<String, Object>) map;
      for (String key : settings.keySet()) {
        if (!KEYS.contains(key)) {
          throw MigrateException.invalid(
              CONFIG_FILE + ": unknown setting '" + key + "'; known: " + String.join(", ", KEYS));
        }
      }
      return settings;
    } catch (MarkedYAMLException e) {
      // Only the problem and where: the loader's message quotes the line, which may be the
      // password.
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
      throw MigrateException.invalid(
          CONFIG_FILE
              + where
              + ": invalid YAML: "
              + (e.getContext() == null ? "" : e.getContext() + ": ")
              + e.getProblem()
              + "; fix the file or pass the settings as flags");
    } catch (IOException | YAMLException e) {
      throw MigrateException.invalid("cannot read " + CONFIG_FILE + ": " + e.getMessage());
    }
  }

  private static int retries(Integer given) {
    if (given != null && given < 0) {
      throw MigrateException.invalid("--retries must be 0 or more, not " + given);
    }
    return given == null ? 3 : given;
  }

  static Duration duration(String text) {
    Duration duration = Durations.parse(text, java.time.temporal.ChronoUnit.SECONDS);
    if (duration == null) {
      throw MigrateException.invalid(
          "'" + text + "' is not a duration; write e.g. 500ms, 30s, 5m or 1h");
    }
    return duration;
  }

  private static String first(String flag, String environment, Object file) {
    if (flag != null && !flag.isEmpty()) {
      return flag;
    }
    if (environment != null && !environment.isEmpty()) {
      return environment;
    }
    return file == null ? null : file.toString();
  }
}
