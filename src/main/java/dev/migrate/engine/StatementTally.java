package dev.migrate.engine;

import dev.migrate.model.Step;
import dev.migrate.postgres.Decision;
import java.util.ArrayList;
import java.util.List;

/** What the statements of a raw-SQL step did, counted as they run, and the step's result. */
final class StatementTally {

  private int ran;
  final List<String> skipped = new ArrayList<>();
  private final List<String> rebuilt = new ArrayList<>();
  private final List<String> adjusted = new ArrayList<>();

  StatementTally copy() {
    StatementTally copy = new StatementTally();
    copy.ran = ran;
    copy.skipped.addAll(skipped);
    copy.rebuilt.addAll(rebuilt);
    copy.adjusted.addAll(adjusted);
    return copy;
  }

  void count(Decision.Act act, List<String> excused) {
    skipped.addAll(excused);
    if (excused.size() < act.sql().size()) {
      ran++;
      if (act.effect() == Decision.Effect.REBUILD) {
        rebuilt.add(act.summary());
      } else if (act.effect() == Decision.Effect.ADJUST) {
        adjusted.add(act.summary());
      }
    }
  }

  StepResult result(Step step) {
    String summary =
        "ran "
            + ran
            + " statement"
            + (ran == 1 ? "" : "s")
            + (rebuilt.isEmpty() ? "" : "; " + String.join("; ", rebuilt))
            + (adjusted.isEmpty() ? "" : "; " + String.join("; ", adjusted))
            + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
    if (ran == 0 && !skipped.isEmpty()) {
      return new StepResult(
          step, StepResult.Outcome.SKIPPED, "skipped " + String.join("; ", skipped));
    }
    StepResult.Outcome outcome =
        !rebuilt.isEmpty()
            ? StepResult.Outcome.REBUILT
            : skipped.isEmpty() && adjusted.isEmpty()
                ? StepResult.Outcome.RAN
                : StepResult.Outcome.ADJUSTED;
    return new StepResult(step, outcome, summary);
  }
}
