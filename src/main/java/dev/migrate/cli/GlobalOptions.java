package dev.migrate.cli;

import picocli.CommandLine.Option;

/**
 * The options every command takes, before or after the subcommand name. Each command has its own
 * copy; {@link #or} lets the one given after the subcommand win over the one given before it.
 */
final class GlobalOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Database: jdbc:postgresql://… or postgresql://user@host:port/db; embedded[:DIR] for a"
              + " PostgreSQL of its own with its data in DIR (default .migrate/pg). Env: MIGRATE_URL.")
  String url;

  @Option(
      names = {"-U", "--username"},
      paramLabel = "USER",
      description = "Database user. Env: MIGRATE_USERNAME.")
  String username;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description =
          "Database password (never printed). Env: MIGRATE_PASSWORD; ~/.pgpass works too.")
  String password;

  @Option(
      names = {"-c", "--changelog"},
      paramLabel = "FILE",
      description = "The root changelog file. Env: MIGRATE_CHANGELOG.")
  String changelog;

  @Option(
      names = "--schema",
      paramLabel = "SCHEMA",
      description =
          "Schema of the revision table and of changes without schemaName (default: the connection's current schema).")
  String schema;

  @Option(
      names = "--search-path",
      paramLabel = "DIRS",
      split = ",",
      description = "Directories where includes are looked up after the current one.")
  java.util.List<String> searchPath;

  @Option(
      names = "--revision-table",
      paramLabel = "NAME",
      description = "Name of the revision table (default: migrate_revisions).")
  String revisionTable;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description =
          "How long to wait for the migrate lock held by another run, e.g. 30s, 5m (default: 10m).")
  String wait;

  @Option(
      names = {"-D", "--property"},
      paramLabel = "NAME=VALUE",
      description = "A changelog parameter for $${NAME}; may repeat.")
  java.util.Map<String, String> properties;

  @Option(
      names = "--contexts",
      paramLabel = "LIST",
      description =
          "Run changesets whose context expression holds for these contexts (default: all).")
  String contexts;

  @Option(
      names = "--label-filter",
      paramLabel = "EXPRESSION",
      description = "Run changesets whose labels satisfy this expression (default: all).")
  String labelFilter;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      description =
          "How long a statement may wait for a table lock before the changeset is retried (default: 5s).")
  String lockTimeout;

  @Option(
      names = "--statement-timeout",
      paramLabel = "DURATION",
      description = "How long one statement may run (default: no limit).")
  String statementTimeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "How often a changeset that hit the lock timeout is tried again (default: 3).")
  Integer retries;

  @Option(names = "--strict", description = "Make warnings about unknown changelog keys errors.")
  Boolean strict;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Say more: every step (upgrade, downgrade); every changeset, the lock and drift (current).")
  Boolean verbose;

  @Option(
      names = "--debug",
      description = "Log each SQL statement with its duration, and an error's full trace.")
  Boolean debug;

  @Option(
      names = {"-q", "--quiet"},
      description = "Log errors only.")
  Boolean quiet;

  @Option(
      names = "--json",
      description =
          "Print one JSON document instead of text (upgrade, downgrade, repair, stamp, current,"
              + " history, check); errors go to stderr as JSON.")
  Boolean json;

  /**
   * This command's options, each filled from {@code before} (given before the subcommand) when
   * unset.
   */
  GlobalOptions or(GlobalOptions before) {
    GlobalOptions merged = new GlobalOptions();
    merged.url = url != null ? url : before.url;
    merged.username = username != null ? username : before.username;
    merged.password = password != null ? password : before.password;
    merged.changelog = changelog != null ? changelog : before.changelog;
    merged.schema = schema != null ? schema : before.schema;
    merged.searchPath = searchPath != null ? searchPath : before.searchPath;
    merged.revisionTable = revisionTable != null ? revisionTable : before.revisionTable;
    merged.wait = wait != null ? wait : before.wait;
    merged.strict = strict != null ? strict : before.strict;
    merged.lockTimeout = lockTimeout != null ? lockTimeout : before.lockTimeout;
    merged.statementTimeout = statementTimeout != null ? statementTimeout : before.statementTimeout;
    merged.retries = retries != null ? retries : before.retries;
    merged.properties = new java.util.HashMap<>();
    if (before.properties != null) {
      merged.properties.putAll(before.properties);
    }
    if (properties != null) {
      merged.properties.putAll(properties);
    }
    merged.contexts = contexts != null ? contexts : before.contexts;
    merged.labelFilter = labelFilter != null ? labelFilter : before.labelFilter;
    merged.verbose = verbose != null ? verbose : before.verbose;
    merged.debug = debug != null ? debug : before.debug;
    merged.quiet = quiet != null ? quiet : before.quiet;
    merged.json = json != null ? json : before.json;
    return merged;
  }

  boolean isVerbose() {
    return Boolean.TRUE.equals(verbose);
  }

  boolean isDebug() {
    return Boolean.TRUE.equals(debug);
  }

  boolean isJson() {
    return Boolean.TRUE.equals(json);
  }

  boolean isQuiet() {
    return Boolean.TRUE.equals(quiet);
  }
}
