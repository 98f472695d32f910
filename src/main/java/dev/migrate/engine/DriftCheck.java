package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Step;
import dev.migrate.plan.Facts;
import dev.migrate.plan.FinalNames;
import dev.migrate.postgres.Decision;
import dev.migrate.postgres.Guards;
import java.util.ArrayList;
import java.util.List;

/**
 * The guards run read-only over applied changesets, for {@code check}: a step that creates or adds
 * something whose guard would act finds it missing; one whose guard reports drift finds it
 * different. A raw-SQL statement that makes a named object finds it missing when the database lacks
 * it. Steps with no object to look at (data, drops) are not checked.
 */
final class DriftCheck {
  private final Guards guards;
  private final FinalNames names;

  DriftCheck(Guards guards, Changelog changelog) {
    this.guards = guards;
    this.names = FinalNames.of(changelog, guards::schema);
  }

  List<Problem> check(Changeset changeset) {
    List<Problem> problems = new ArrayList<>();
    for (Step step : changeset.steps()) {
      for (String invalid : guards.checks().invalidIndexes(step.change())) {
        problems.add(
            problem(
                Problem.Kind.INVALID,
                changeset,
                step,
                invalid
                    + " (a concurrent build that did not finish);"
                    + " rebuild it with REINDEX INDEX CONCURRENTLY"));
      }
      // Asked in the names the changelog leaves, so that what a later rename moved is still
      // checked where it now is.
      if (names.change(step) instanceof Change.Sql sql) {
        List<String> statements = Guards.guardedStatements(sql, true);
        for (int i = 0; i < statements.size(); i++) {
          Decision wrong =
              guards
                  .checks()
                  .madeWrong(statements.get(i), new RestOfStep(statements, i, names.later(step)));
          if (wrong instanceof Decision.Drift drift) {
            problems.add(problem(Problem.Kind.DRIFT, changeset, step, drift.message()));
          } else if (wrong instanceof Decision.Act missing) {
            problems.add(problem(Problem.Kind.MISSING, changeset, step, missing.summary()));
          }
        }
        continue;
      }
      Change change = names.change(step);
      List<Change> after = names.later(step);
      if (!Facts.leavesState(change) || guards.checks().reworkedLater(change, after)) {
        continue;
      }
      Decision decision = guards.decide(change, after);
      if (decision instanceof Decision.Drift drift) {
        problems.add(problem(Problem.Kind.DRIFT, changeset, step, drift.message()));
      } else if (decision instanceof Decision.Act act) {
        problems.add(
            problem(
                Problem.Kind.MISSING,
                changeset,
                step,
                "the database lacks what it makes (" + act.summary() + " would run)"));
      }
    }
    return problems;
  }

  private static Problem problem(Problem.Kind kind, Changeset changeset, Step step, String detail) {
    return new Problem(
        kind,
        changeset.id(),
        changeset.author(),
        step.location().toString(),
        step.change().changeType(),
        detail);
  }

  /**
   * What an applied changeset made that the database still has: each step that makes an object
   * whose guard would skip it (no later change reworks it). Data changes and raw SQL leave nothing
   * to look for, so when the changeset {@code ran} they count as still there.
   */
  List<Problem> present(Changeset changeset, boolean ran) {
    List<Problem> found = new ArrayList<>();
    for (Step step : changeset.steps()) {
      if (ran && Facts.leavesNoTrace(step.change())) {
        found.add(
            problem(
                Problem.Kind.RAN,
                changeset,
                step,
                "what it did cannot be looked up, and would be done again"));
        continue;
      }
      Change change = names.change(step);
      List<Change> after = names.later(step);
      if (Facts.leavesState(change)
          && !guards.checks().reworkedLater(change, after)
          && guards.decide(change, after) instanceof Decision.Skip skip) {
        found.add(problem(Problem.Kind.PRESENT, changeset, step, skip.reason()));
      }
    }
    return found;
  }
}
