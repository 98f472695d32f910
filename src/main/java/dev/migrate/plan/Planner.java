package dev.migrate.plan;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Revision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, without a database, what is pending and what changed: the changelog against the rows of
 * the revision table. Every changeset without a row is pending, even one merged in the middle.
 */
public final class Planner {
  private final Changelog changelog;
  private final Map<String, Revision> rows = new HashMap<>();
  private final List<Revision> revisions;

  public Planner(Changelog changelog, List<Revision> revisions) {
    this.changelog = changelog;
    this.revisions = revisions;
    for (Revision r : revisions) {
      rows.put(r.key(), r);
    }
  }

  /** The plan for reaching {@code target}, the index of the last changeset to include. */
  public Plan plan(int target) {
    List<Changeset> pending = new ArrayList<>();
    List<Plan.Changed> changed = new ArrayList<>();
    for (int i = 0; i < changelog.size(); i++) {
      Changeset c = changelog.changesets().get(i);
      Revision row = rows.get(c.key());
      boolean edited = row != null && !c.accepts(row.checksum());
      if (row == null || c.runAlways() || (edited && c.runOnChange())) {
        if (i <= target) {
          pending.add(c);
        }
      } else if (edited) {
        changed.add(new Plan.Changed(c, row));
      }
    }
    return new Plan(List.copyOf(pending), List.copyOf(changed), unknown());
  }

  /** The row of a changeset, or null when it has none. */
  public Revision row(Changeset changeset) {
    return rows.get(changeset.key());
  }

  /** Rows whose changeset is not in the changelog (renamed, deleted, or from another branch). */
  public List<Revision> unknown() {
    Map<String, Boolean> known = new HashMap<>();
    for (Changeset c : changelog.changesets()) {
      known.put(c.key(), true);
    }
    return revisions.stream().filter(r -> !known.containsKey(r.key())).toList();
  }

  /**
   * How many changesets still wait: those without a row, and edited runOnChange ones; a recorded
   * runAlways changeset runs on every upgrade but is not counted as waiting.
   */
  public int outstanding() {
    int count = 0;
    for (Changeset c : changelog.changesets()) {
      Revision row = rows.get(c.key());
      if (row == null || (c.runOnChange() && !c.accepts(row.checksum()))) {
        count++;
      }
    }
    return count;
  }

  /** The index of the last recorded changeset in changelog order; {@link Targets#BASE} if none. */
  public int current() {
    int last = Targets.BASE;
    for (int i = 0; i < changelog.size(); i++) {
      if (rows.containsKey(changelog.changesets().get(i).key())) {
        last = i;
      }
    }
    return last;
  }

  /** Changesets after {@code target} that have rows: what stamp removes. */
  public List<Changeset> recordedAfter(int target) {
    List<Changeset> after = new ArrayList<>();
    for (int i = target + 1; i < changelog.size(); i++) {
      Changeset c = changelog.changesets().get(i);
      if (rows.containsKey(c.key())) {
        after.add(c);
      }
    }
    return after;
  }
}
