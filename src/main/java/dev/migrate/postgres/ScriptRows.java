package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Changeset;
import java.util.List;

/**
 * The revision rows as a script writes and asks them: each written only where it is not there
 * already, so a script run twice records each changeset once.
 */
final class ScriptRows {
  private static final String COLUMNS =
      " (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag)";
  // The same, and the steps skipped, which a row of a changeset that wrote nothing gives.
  private static final String COLUMNS_SKIPPED =
      " (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag,"
          + " steps_skipped)";

  private final String table;
  private final String deploymentId;
  private final String toolVersion;
  private final List<Changeset> writtenOtherwise;

  /**
   * @param table the revision table's qualified name
   * @param writtenOtherwise changesets whose rows an earlier version may have recorded under their
   *     id and author as written ({@link Changeset#writtenAs})
   */
  ScriptRows(
      String table, String deploymentId, String toolVersion, List<Changeset> writtenOtherwise) {
    this.table = table;
    this.deploymentId = deploymentId;
    this.toolVersion = toolVersion;
    this.writtenOtherwise = writtenOtherwise;
  }

  /** The changeset's row with this status, as one line. */
  String insert(Changeset c, String status) {
    return "INSERT INTO "
        + table
        + COLUMNS
        + " SELECT "
        + values(c, status)
        + " FROM "
        + table
        + " ON CONFLICT (id, author, filename) DO NOTHING;";
  }

  /**
   * The row of a changeset run in a transaction, as one line: when the transaction wrote nothing
   * (no transaction id was assigned: every step found its effect in place), it says so as {@code
   * upgrade} does, no step run and every step skipped, which a script stopped by a write that may
   * have run before deletes again (see {@link ScriptReplay}).
   */
  String insertApplied(Changeset c) {
    return "PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned()"
        + " IS NULL THEN 'on' ELSE 'off' END, true);\n"
        + "INSERT INTO "
        + table
        + COLUMNS_SKIPPED
        + " SELECT "
        + values(c, "applied")
        + ", CASE WHEN current_setting('migrate.found', true) = 'on' THEN "
        + c.steps().size()
        + " ELSE 0 END FROM "
        + table
        + " ON CONFLICT (id, author, filename) DO NOTHING;";
  }

  /**
   * The row of a changeset run outside a transaction, a statement of its own after its steps. When
   * {@code told}, every block of it noted whether it wrote anything ({@link ScriptReplay#wrote}):
   * the row of one that wrote nothing says every step was skipped, as {@link #insertApplied} does.
   */
  String insertLast(Changeset c, boolean told) {
    String skipped =
        told
            ? ", CASE WHEN current_setting('migrate.wrote', true) = 'off' THEN "
                + c.steps().size()
                + " ELSE 0 END"
            : ", 0";
    return "INSERT INTO "
        + table
        + COLUMNS_SKIPPED
        + "\nSELECT "
        + values(c, "applied")
        + skipped
        + " FROM "
        + table
        + "\nON CONFLICT (id, author, filename) DO NOTHING;\n";
  }

  private String values(Changeset c, String status) {
    return String.join(
        ", ",
        literal(c.id()),
        literal(c.author()),
        literal(c.path()),
        "COALESCE(MAX(seq), 0) + 1",
        literal(c.checksum()),
        literal(status),
        literal(deploymentId),
        literal(toolVersion),
        c.comment() == null ? "NULL" : literal(c.comment()),
        c.tag() == null ? "NULL" : literal(c.tag()));
  }

  String recorded(Changeset c) {
    return "EXISTS (SELECT 1 FROM " + table + " WHERE " + identity(c) + ")";
  }

  String unrecorded(Changeset c) {
    return "NOT " + recorded(c);
  }

  /** The statement that deletes the changeset's row. */
  String delete(Changeset c) {
    return "DELETE FROM " + table + " WHERE " + identity(c) + ";";
  }

  /**
   * Gives each row an earlier version recorded under a changeset's id and author as written the
   * identity they are read with (unless the changeset has a row under it already), one line each.
   */
  String renamesWritten() {
    StringBuilder out = new StringBuilder();
    writtenOtherwise.forEach(c -> out.append(renameWritten(c)).append('\n'));
    return out.toString();
  }

  private String renameWritten(Changeset c) {
    Changeset.WrittenAs written = c.writtenAs();
    return "UPDATE "
        + table
        + " SET id = "
        + literal(c.id())
        + ", author = "
        + literal(c.author())
        + " WHERE id = "
        + literal(written.id())
        + " AND author = "
        + literal(written.author())
        + " AND filename = "
        + literal(c.path())
        + " AND "
        + unrecorded(c)
        + ";";
  }

  String identity(Changeset c) {
    return "id = "
        + literal(c.id())
        + " AND author = "
        + literal(c.author())
        + " AND filename = "
        + literal(c.path());
  }
}
