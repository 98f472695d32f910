package dev.migrate.engine;

import dev.migrate.model.Changeset;
import java.util.List;

/**
 * What a {@code stamp} wrote: each revision row it added, accepted or removed, and where the
 * database stands after.
 *
 * @param kind which of stamp's forms ran
 * @param target the revision given to {@code stamp REV}; the history table's name for {@code
 *     --from-liquibase}; null for {@code --accept-edits}
 * @param sourceRows for {@code --from-liquibase}, how many rows Liquibase's table has; else 0
 * @param current the current revision after, as text ({@code 0002_x (head)})
 */
public record StampReport(
    String database,
    String schema,
    Kind kind,
    String target,
    List<Row> rows,
    int sourceRows,
    String current) {

  /** {@code stamp REV}, {@code stamp --accept-edits}, {@code stamp --from-liquibase}. */
  public enum Kind {
    STAMP,
    ACCEPT_EDITS,
    FROM_LIQUIBASE
  }

  /** What happened to one revision row. */
  public enum Action {
    /** Recorded as applied without running. */
    STAMPED,
    /** Recorded as Liquibase had it: skipped by a precondition (MARK_RAN). */
    MARK_RAN,
    /** Given the edited changeset's checksum. */
    ACCEPTED,
    /** Removed: the changeset comes after the target. */
    REMOVED,
    /** A Liquibase row that names no changeset of the changelog; nothing written. */
    NO_MATCH
  }

  /**
   * One row: the changeset it concerns, or for {@link Action#NO_MATCH} only the identity Liquibase
   * recorded.
   */
  public record Row(Action action, String id, String author, String path, Changeset changeset) {
    static Row of(Action action, Changeset c) {
      return new Row(action, c.id(), c.author(), c.path(), c);
    }
  }

  /** How many rows had this action. */
  public int count(Action action) {
    return (int) rows.stream().filter(r -> r.action() == action).count();
  }
}
