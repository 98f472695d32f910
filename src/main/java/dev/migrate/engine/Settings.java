package dev.migrate.engine;

import dev.migrate.changelog.ParseCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a command needs besides its own arguments.
 *
 * @param connection null for commands that can run without a database
 * @param schema the schema of the revision table and of changes without schemaName; null for the
 *     connection's current schema
 * @param lockTimeout how long one statement may wait for a table lock before it is retried
 * @param statementTimeout how long one statement may run; null for no limit
 * @param retries how many times a step that timed out waiting for a lock is tried again
 * @param properties changelog parameters from the command line ({@code -Dname=value})
 * @param contexts the run's contexts; null runs every changeset
 * @param labelFilter an expression over changeset labels; null runs every changeset
 * @param cache where changelogs read before are kept; null for none
 */
public record Settings(
    ConnectionSettings connection,
    String changelog,
    List<Path> searchPath,
    String schema,
    String revisionTable,
    boolean strict,
    Duration lockWait,
    Duration lockTimeout,
    Duration statementTimeout,
    int retries,
    Map<String, String> properties,
    Map<String, String> environment,
    String contexts,
    String labelFilter,
    ParseCache cache) {}
