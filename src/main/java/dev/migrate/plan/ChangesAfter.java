package dev.migrate.plan;

import dev.migrate.model.Background;
import dev.migrate.model.Change;
import dev.migrate.plan.Facts.Fact;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * The changes of a changelog after one step, in order: what its guard asks about. Every step's view
 * shares one list of the changelog's changes and of their facts, each made once per run, where
 * making them again for every step's questions made a run's cost grow with the square of its size.
 */
public final class ChangesAfter extends AbstractList<Change> implements RandomAccess {
  private final List<Change> all;
  private final List<Fact>[] facts;
  private final Map<Object, Object> shared;
  private final int from;

  private ChangesAfter(List<Change> all, List<Fact>[] facts, Map<Object, Object> shared, int from) {
    this.all = all;
    this.facts = facts;
    this.shared = shared;
    this.from = from;
  }

  /** The view of {@code all} after index {@code step}; views of one list share their facts. */
  public static ChangesAfter of(List<Change> all, ChangesAfter sibling, int step) {
    @SuppressWarnings("unchecked")
    List<Fact>[] facts = sibling != null ? sibling.facts : new List[all.size()];
    Map<Object, Object> shared = sibling != null ? sibling.shared : new HashMap<>();
    return new ChangesAfter(all, facts, shared, step + 1);
  }

  /** Where this view starts in the whole changelog's list of changes. */
  public int from() {
    return from;
  }

  /**
   * A value made from the whole changelog's changes once per run and shared by every step's view,
   * under {@code key}: an index that lets a step's question skip the changes it cannot concern.
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Function<List<Change>, T> make) {
    Object value = shared.computeIfAbsent(key, k -> make.apply(all));
    if (value instanceof Ahead ahead) {
      try {
        value = ahead.value().join();
      } catch (java.util.concurrent.CompletionException e) {
        value = make.apply(all); // made here, it fails here, as it would have
      }
      shared.put(key, value);
    }
    return (T) value;
  }

  // A shared value being made on a thread of its own.
  private record Ahead(java.util.concurrent.CompletableFuture<?> value) {}

  /**
   * Starts making the shared value under {@code key} on a thread of its own, for a command that
   * will ask for it after other work (building its checks, waiting for the catalog): {@link
   * #shared} then waits for it. The changes are records, never changed, so both threads may read
   * them.
   */
  public <T> void makeAhead(Object key, Function<List<Change>, T> make) {
    if (shared.containsKey(key)) {
      return;
    }
    shared.put(key, new Ahead(Background.start("migrate-index", () -> make.apply(all))));
  }

  @Override
  public Change get(int index) {
    return all.get(from + index);
  }

  @Override
  public int size() {
    return all.size() - from;
  }

  /** The facts of the change at {@code index} of {@code changes}, made once where they can be. */
  public static List<Fact> facts(List<Change> changes, int index) {
    if (!(changes instanceof ChangesAfter after)) {
      return Facts.of(changes.get(index));
    }
    int at = after.from + index;
    List<Fact> known = after.facts[at];
    if (known == null) {
      known = Facts.of(after.all.get(at));
      after.facts[at] = known;
    }
    return known;
  }
}
