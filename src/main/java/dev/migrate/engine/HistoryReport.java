package dev.migrate.engine;

import dev.migrate.model.Changeset;
import java.util.List;

/**
 * What {@code history} lists: every changeset in changelog order, and, when a database was given,
 * whether each is recorded there.
 *
 * @param database where it looked, or null when no database was given
 * @param current the index of the last recorded changeset in changelog order; -1 when nothing is
 * @param entries every changeset, with whether it has a row (null without a database)
 */
public record HistoryReport(String database, String changelog, int current, List<Entry> entries) {
  /** A changeset, and whether the database has its row (null without a database). */
  public record Entry(Changeset changeset, Boolean recorded) {}
}
