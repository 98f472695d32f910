package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;
import dev.migrate.plan.Facts;
import dev.migrate.plan.FinalNames;
import dev.migrate.plan.RestOfStep;
import dev.migrate.postgres.Decision;
import dev.migrate.postgres.Guards;
import dev.migrate.postgres.PgNames;
import dev.migrate.postgres.SearchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The guards run read-only over applied changesets, for {@code check}: a step that creates or adds
 * something whose guard would act finds it missing; one whose guard reports drift finds it
 * different. A raw-SQL statement that makes a named object finds it missing when the database lacks
 * it. Steps with no object to look at (data, drops) are not checked.
 */
final class DriftCheck {
  private final Guards guards;
  private final FinalNames names;
  private final Changelog changelog;
  private Function<Step, List<Change>> written; // the later changes as written, when first asked

  DriftCheck(Guards guards, Changelog changelog) {
    this.guards = guards;
    this.changelog = changelog;
    this.names = FinalNames.of(changelog, guards::schema);
    // The guards' questions about later changes read an index of the changelog's names: it is made
    // on a thread of its own while the first questions wait for the catalog.
    Guards.indexAhead(names.all());
  }

  /**
   * One thing found about a step of an applied changeset: its kind, and for what is missing, the
   * statements that make it (in the names the changelog leaves), which {@code repair} runs.
   */
  record Finding(Problem.Kind kind, Step step, String detail, Decision.Act fix) {}

  // A raw statement to run again, for repair, in the search path it ran in: the schema a search
  // path set before it in its changeset names first.
  private static Decision.Act in(String path, Decision.Act act) {
    if (path == null) {
      return act;
    }
    List<String> sql = new ArrayList<>();
    sql.add("SET search_path TO " + PgNames.quote(path));
    sql.addAll(act.sql());
    return new Decision.Act(sql, act.summary(), act.excuse(), act.effect());
  }

  List<Problem> check(Changeset changeset) {
    return findings(changeset).stream()
        .map(f -> problem(f.kind(), changeset, f.step(), f.detail()))
        .toList();
  }

  List<Finding> findings(Changeset changeset) {
    List<Finding> found = new ArrayList<>();
    guards.searchPath(null); // each changeset starts in the session's own (SearchPath)
    for (Step step : changeset.steps()) {
      for (String invalid : guards.checks().invalidIndexes(step.change())) {
        found.add(
            new Finding(
                Problem.Kind.INVALID,
                step,
                invalid
                    + " (a concurrent build that did not finish);"
                    + " rebuild it with REINDEX INDEX CONCURRENTLY",
                null));
      }
      // Asked in the names the changelog leaves, so that what a later rename moved is still
      // checked where it now is.
      if (names.change(step) instanceof Change.Sql sql) {
        List<String> statements = sql.statements(true);
        for (int i = 0; i < statements.size(); i++) {
          String path = guards.searchPath();
          Decision wrong =
              guards
                  .checks()
                  .madeWrong(statements.get(i), new RestOfStep(statements, i, names.later(step)));
          guards.searchPath(SearchPath.after(path, statements.get(i)));
          if (wrong instanceof Decision.Drift drift) {
            found.add(new Finding(Problem.Kind.DRIFT, step, drift.message(), null));
          } else if (wrong instanceof Decision.Act missing) {
            found.add(
                new Finding(Problem.Kind.MISSING, step, missing.summary(), in(path, missing)));
          }
        }
        continue;
      }
      Change change = names.change(step);
      List<Change> after = names.later(step);
      if (!Facts.leavesState(change) || guards.checks().reworkedLater(change, after)) {
        continue;
      }
      Decision decision = decide(step, change, after);
      if (decision instanceof Decision.Drift drift) {
        found.add(new Finding(Problem.Kind.DRIFT, step, drift.message(), null));
      } else if (decision instanceof Decision.Act act) {
        found.add(
            new Finding(
                Problem.Kind.MISSING,
                step,
                "the database lacks what it makes (" + act.summary() + " would run)",
                act));
      }
    }
    return found;
  }

  // The guard's decision in the final names. Where the question does not even run in them (a
  // view's query that reads a column a later change renamed, which the names do not follow into
  // it), it is asked as upgrade asks it: the step as written, with the changes after it.
  private Decision decide(Step step, Change change, List<Change> after) {
    try {
      return guards.decide(change, after);
    } catch (MigrateException e) {
      if (written == null) {
        written = LaterSteps.of(changelog);
      }
      try {
        return guards.decide(step.change(), written.apply(step));
      } catch (MigrateException again) {
        throw e;
      }
    }
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
          && decide(step, change, after) instanceof Decision.Skip skip) {
        found.add(problem(Problem.Kind.PRESENT, changeset, step, skip.reason()));
      }
    }
    return found;
  }
}
