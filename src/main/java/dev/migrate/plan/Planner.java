package dev.migrate.plan;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Revision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, without a database, what is pending and what changed: the changelog against the rows of
 * the revision table. Every changeset without a row is pending, even one merged in the middle.
 */
public final class Planner {
  private final Changelog changelog;
  private final Map<String, Revision> rows = new HashMap<>();
  private final List<Revision> revisions;
  private final Map<String, Revision> aliases;

  public Planner(Changelog changelog, List<Revision> revisions) {
    this.changelog = changelog;
    this.revisions = revisions;
    for (Revision r : revisions) {
      rows.put(r.key(), r);
    }
    aliases = aliases(changelog, rows);
  }

  // Changesets whose only row is under their id and author as written (an earlier version read
  // YAML's 007 so where Liquibase reads 7).
  private static Map<String, Revision> aliases(Changelog changelog, Map<String, Revision> rows) {
    Map<String, Revision> found = new HashMap<>();
    for (Changeset c : writtenOtherwise(changelog)) {
      if (!rows.containsKey(c.key()) && rows.containsKey(c.writtenKey())) {
        found.put(c.key(), rows.get(c.writtenKey()));
      }
    }
    return found;
  }

  /**
   * Changesets an earlier version may have recorded under their id and author as written: those
   * with such an identity that is not another changeset's own (a quoted {@code '007'} beside an
   * unquoted {@code 007} is that changeset's).
   */
  public static List<Changeset> writtenOtherwise(Changelog changelog) {
    List<Changeset> found = new ArrayList<>();
    Set<String> keys = null;
    for (Changeset c : changelog.changesets()) {
      if (c.writtenAs() == null) {
        continue;
      }
      if (keys == null) {
        keys = new HashSet<>();
        for (Changeset each : changelog.changesets()) {
          keys.add(each.key());
        }
      }
      if (!keys.contains(c.writtenKey())) {
        found.add(c);
      }
    }
    return found;
  }

  /** The plan for reaching {@code target}, the index of the last changeset to include. */
  public Plan plan(int target) {
    List<Changeset> pending = new ArrayList<>();
    List<Plan.Changed> changed = new ArrayList<>();
    for (int i = 0; i < changelog.size(); i++) {
      Changeset c = changelog.changesets().get(i);
      Revision row = row(c);
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
    Revision row = rows.get(changeset.key());
    return row != null || aliases.isEmpty() ? row : aliases.get(changeset.key());
  }

  /**
   * Changesets recorded under their id and author as written, each with that row: the row is
   * theirs, and a command that writes gives it the id and author Liquibase reads.
   */
  public Map<Changeset, Revision> recordedAsWritten() {
    Map<Changeset, Revision> found = new LinkedHashMap<>();
    for (Changeset c : changelog.changesets()) {
      Revision r = aliases.get(c.key());
      if (r != null) {
        found.put(c, r);
      }
    }
    return found;
  }

  /** Rows whose changeset is not in the changelog (renamed, deleted, or from another branch). */
  public List<Revision> unknown() {
    Map<String, Boolean> known = new HashMap<>();
    for (Changeset c : changelog.changesets()) {
      known.put(c.key(), true);
    }
    aliases.values().forEach(r -> known.put(r.key(), true));
    return revisions.stream().filter(r -> !known.containsKey(r.key())).toList();
  }

  /**
   * How many changesets still wait: those without a row, and edited runOnChange ones; a recorded
   * runAlways changeset runs on every upgrade but is not counted as waiting.
   */
  public int outstanding() {
    int count = 0;
    for (Changeset c : changelog.changesets()) {
      Revision row = row(c);
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
      if (row(changelog.changesets().get(i)) != null) {
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
      if (row(c) != null) {
        after.add(c);
      }
    }
    return after;
  }
}
