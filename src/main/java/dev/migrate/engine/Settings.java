package dev.migrate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a command needs besides its own arguments.
 *
 * @param connection null for commands that can run without a database
 * @param schema the schema of the revision table and of changes without schemaName; null for the
 *     connection's current schema
 */
public record Settings(
    ConnectionSettings connection,
    String changelog,
    List<Path> searchPath,
    String schema,
    String revisionTable,
    boolean strict,
    Duration lockWait) {}
