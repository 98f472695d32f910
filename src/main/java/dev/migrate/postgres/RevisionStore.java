package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Revision;
import java.util.List;

/** The revision table: created when missing, read, and written a row at a time. */
public final class RevisionStore {
  private final Jdbc jdbc;
  private final String schema;
  private final String table;
  private final String qualified;
  private boolean created;
  // The catalog the run's guards ask, told what making the table changes (PgCatalog#changing).
  private PgCatalog catalog;

  public RevisionStore(Jdbc jdbc, String schema, String table) {
    this.jdbc = jdbc;
    this.schema = schema;
    this.table = table;
    this.qualified = PgNames.qualified(schema, table);
  }

  public String name() {
    return qualified;
  }

  /** From now on, makes the table through {@code catalog}, so a snapshot of it can follow. */
  public void tell(PgCatalog catalog) {
    this.catalog = catalog;
  }

  /** Whether the table is there; asked before creating it so a read-only user can still look. */
  public boolean exists() {
    return PgCatalog.live(jdbc).relationExists(schema, table);
  }

  /**
   * Creates the schema and table when missing. Called inside the first changeset's transaction, so
   * a run that fails there leaves no table behind; callers hold the migrate lock, so no race.
   */
  public void ensure() {
    if (created || (created = exists())) {
      return;
    }
    PgCatalog told = catalog != null ? catalog : PgCatalog.live(jdbc);
    told.changing(
        List.of(schema, table),
        () -> {
          createStatements().forEach(jdbc::execute);
          return null;
        });
    created = true;
  }

  /** The statements that make the schema and the table when missing; safe to run twice. */
  public List<String> createStatements() {
    return RevisionTable.createStatements(schema, table);
  }

  /** Every row in the order applied; empty when the table does not exist yet. */
  public List<Revision> readAll() {
    if (!exists()) {
      return List.of();
    }
    return jdbc.query(
        """
        SELECT id, author, filename, seq, checksum, status, applied_at, duration_ms,
               steps_run, steps_skipped, deployment_id, tool_version, description, tag
        FROM %s
        ORDER BY seq
        """
            .formatted(qualified),
        rs ->
            new Revision(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                Revision.Status.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)),
                rs.getTimestamp(7).toInstant(),
                rs.getLong(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14)));
  }

  /** Forgets that the table was created: the transaction that created it was rolled back. */
  public void forget() {
    created = false;
  }

  /**
   * Records an edited changeset as Liquibase's {@code onValidationFail: MARK_RAN} does: its new
   * checksum, and {@code mark_ran} for what its edit would have run.
   */
  public void markRanWithChecksum(String id, String author, String filename, String checksum) {
    jdbc.record(
        "UPDATE %s SET checksum = ?, status = 'mark_ran' WHERE id = ? AND author = ? AND filename = ?"
            .formatted(qualified),
        checksum,
        id,
        author,
        filename);
  }

  /** Gives a row another id and author: those its changeset is now read with. */
  public void renameIdentity(
      String id, String author, String filename, String newId, String newAuthor) {
    jdbc.record(
        "UPDATE %s SET id = ?, author = ? WHERE id = ? AND author = ? AND filename = ?"
            .formatted(qualified),
        newId,
        newAuthor,
        id,
        author,
        filename);
  }

  /** Sets the stored checksum of a row to the changelog's: an edit the user accepted. */
  public void updateChecksum(String id, String author, String filename, String checksum) {
    jdbc.record(
        "UPDATE %s SET checksum = ? WHERE id = ? AND author = ? AND filename = ?"
            .formatted(qualified),
        checksum,
        id,
        author,
        filename);
  }

  /**
   * Writes one row, numbered after the last; runs inside the changeset's transaction. A changeset
   * that runs again (runAlways, runOnChange) has its row replaced, keeping its place.
   */
  public void insert(Revision r) {
    ensure();
    jdbc.record(insertSql(REPLACE, "?"), values(r).toArray());
  }

  /**
   * Writes one row as {@link #insert} does and commits the changeset's transaction with it, once
   * {@code lock} proves it is still held, all in one round trip. The row's duration is {@code r}'s,
   * the time before the transaction began, and the transaction's own time until the row, which the
   * server measures: statements held back to go with the row run in that round trip.
   */
  public void insertAndCommit(Revision r, AdvisoryLock lock) {
    ensure();
    String duration = "? + (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint";
    lock.commitProven(jdbc, insertSql(REPLACE, duration), values(r).toArray());
  }

  private static final String REPLACE =
      """
      DO UPDATE
      SET checksum = excluded.checksum, status = excluded.status, applied_at = now(),
          duration_ms = excluded.duration_ms, steps_run = excluded.steps_run,
          steps_skipped = excluded.steps_skipped, deployment_id = excluded.deployment_id,
          tool_version = excluded.tool_version, description = excluded.description, tag = excluded.tag""";

  // What a claim fails with when the row is another run's.
  private static final String TAKEN = "migrate: another run recorded this changeset";

  /**
   * Writes a changeset's row unless one exists, waiting for any run that is writing the same row to
   * finish: the row's key decides which of two runs applies a changeset. When the row is another
   * run's, the statement fails ({@link #taken}), so that nothing sent after it in the same round
   * trip runs: in a transaction, it is held back to go with the changeset's first statements.
   */
  public void claim(Revision r) {
    ensure();
    jdbc.recordHeld(
        "WITH claimed AS (%s\nRETURNING 1)\nSELECT CASE WHEN EXISTS (SELECT 1 FROM claimed) THEN 0"
                .formatted(insertSql("DO NOTHING", "?"))
            + " ELSE (SELECT '"
            + TAKEN
            + "'::text)::integer END",
        values(r).toArray());
  }

  /** Whether {@code e} says that a {@link #claim} found the row another run's. */
  public static boolean taken(MigrateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MigrateException m
          && "22P02".equals(m.detail().sqlState())
          && m.getMessage().contains(TAKEN)) {
        return true;
      }
    }
    return false;
  }

  private String insertSql(String onConflict, String duration) {
    return """
        INSERT INTO %s (id, author, filename, seq, checksum, status, duration_ms, steps_run,
                        steps_skipped, deployment_id, tool_version, description, tag)
        SELECT ?, ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, %s, ?, ?, ?, ?, ?, ?
        FROM %s
        ON CONFLICT (id, author, filename) %s"""
        .formatted(qualified, duration, qualified, onConflict);
  }

  // A row's values in the order both INSERTs name the columns, seq left out.
  private static List<Object> values(Revision r) {
    return java.util.Arrays.asList(
        r.id(),
        r.author(),
        r.filename(),
        r.checksum(),
        r.status().name().toLowerCase(java.util.Locale.ROOT),
        r.durationMs(),
        r.stepsRun(),
        r.stepsSkipped(),
        r.deploymentId(),
        r.toolVersion(),
        r.description(),
        r.tag());
  }

  // How many rows one statement of recordAll writes: 13 parameters a row, well under the
  // protocol's 32,767.
  private static final int ROWS_PER_STATEMENT = 500;

  /**
   * Writes rows, numbered after the last in the order given, each unless a row with its key exists;
   * runs inside the caller's transaction. Returns how many it wrote: fewer means another run
   * recorded some of them.
   */
  public int recordAll(List<Revision> rows) {
    ensure();
    int written = 0;
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Revision> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      StringBuilder values = new StringBuilder();
      List<Object> params = new java.util.ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        Revision r = part.get(i);
        values.append(i == 0 ? "" : ", ").append("(?, ?, ?, ").append(i + 1);
        values.append(", ?, ?, ?::bigint, ?::integer, ?::integer, ?, ?, ?, ?)");
        params.addAll(values(r));
      }
      written +=
          jdbc.record(
              """
              INSERT INTO %s (id, author, filename, seq, checksum, status, duration_ms, steps_run,
                              steps_skipped, deployment_id, tool_version, description, tag)
              SELECT v.id, v.author, v.filename, last.seq + v.n, v.checksum, v.status,
                     v.duration_ms, v.steps_run, v.steps_skipped, v.deployment_id,
                     v.tool_version, v.description, v.tag
              FROM (VALUES %s) AS v (id, author, filename, n, checksum, status, duration_ms,
                                     steps_run, steps_skipped, deployment_id, tool_version,
                                     description, tag)
              CROSS JOIN (SELECT COALESCE(MAX(seq), 0) AS seq FROM %s) AS last
              ORDER BY v.n
              ON CONFLICT (id, author, filename) DO NOTHING
              """
                  .formatted(qualified, values, qualified),
              params.toArray());
    }
    return written;
  }

  /** Who recorded a changeset: its deployment id, or null when it has no row. */
  public String recordedBy(String id, String author, String filename) {
    return jdbc.queryFirst(
        "SELECT deployment_id FROM %s WHERE id = ? AND author = ? AND filename = ?"
            .formatted(qualified),
        rs -> rs.getString(1),
        id,
        author,
        filename);
  }

  /**
   * Deletes the rows a deployment wrote for changesets that ran no step (each found its effect in
   * place); returns how many.
   */
  public int deleteFoundInPlace(String deploymentId) {
    return jdbc.record(foundInPlaceDelete(), deploymentId);
  }

  /** The statement of {@link #deleteFoundInPlace}, the deployment its one parameter. */
  String foundInPlaceDelete() {
    return "DELETE FROM %s WHERE deployment_id = ? AND status = 'applied' AND steps_run = 0 AND steps_skipped > 0"
        .formatted(qualified);
  }

  public int delete(String id, String author, String filename) {
    return jdbc.record(
        "DELETE FROM %s WHERE id = ? AND author = ? AND filename = ?".formatted(qualified),
        id,
        author,
        filename);
  }
}
