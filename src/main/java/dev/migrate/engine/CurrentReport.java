package dev.migrate.engine;

import dev.migrate.model.Changeset;
import dev.migrate.model.Revision;
import java.util.List;

/**
 * What {@code current} found. The last four parts are there only for {@code current -v}.
 *
 * @param currentId the last recorded changeset's id in changelog order; null when nothing is
 * @param current that revision as the text output says it ({@code x (head)}, {@code base (…)})
 * @param lockHolder who holds the migrate lock, or null when it is free
 * @param entries every changeset with its row, in changelog order
 * @param unknown rows whose changeset the changelog does not have
 * @param drift what applied changesets made that is missing, differs or is INVALID
 */
public record CurrentReport(
    String database,
    String schema,
    String changelog,
    int changesets,
    String currentId,
    String current,
    int pending,
    String lockHolder,
    List<Entry> entries,
    List<Revision> unknown,
    List<Problem> drift) {

  /** A changeset and its revision row, or null when it is pending. */
  public record Entry(Changeset changeset, Revision row) {
    /** Whether the row's checksum still counts for the changeset as it now reads. */
    public boolean checksumMatches() {
      return row != null && changeset.accepts(row.checksum());
    }
  }

  public boolean verbose() {
    return entries != null;
  }
}
