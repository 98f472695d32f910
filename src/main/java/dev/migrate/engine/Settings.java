package dev.migrate.engine;

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
 * @param properties changelog parameters from the command line ({@code -Dname=value})
 * @param contexts the run's contexts; null runs every changeset
 * @param labelFilter an expression over changeset labels; null runs every changeset
 */
public record Settings(
    ConnectionSettings connection,
    String changelog,
    List<Path> searchPath,
    String schema,
    String revisionTable,
    boolean strict,
    Duration lockWait,
    Map<String, String> properties,
    Map<String, String> environment,
    String contexts,
    String labelFilter) {}
