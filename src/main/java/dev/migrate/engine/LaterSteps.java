package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Step;
import dev.migrate.plan.ChangesAfter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** For each step, the changes after it in the changelog: the guards' view of what comes later. */
final class LaterSteps {
  private LaterSteps() {}

  static Function<Step, List<Change>> of(Changelog changelog) {
    List<Change> all = new ArrayList<>();
    Map<Step, Integer> index = new IdentityHashMap<>();
    for (Changeset c : changelog.changesets()) {
      for (Step step : c.steps()) {
        index.put(step, all.size());
        all.add(step.change());
      }
    }
    // Steps outside the changelog's own (a rollback's inverses) have nothing after them.
    ChangesAfter first = ChangesAfter.of(all, null, -1);
    return step ->
        index.containsKey(step) ? ChangesAfter.of(all, first, index.get(step)) : List.of();
  }
}
