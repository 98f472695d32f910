package dev.migrate.engine;

import dev.migrate.model.Changeset;
import java.util.List;

/** What happened to one changeset in an upgrade. */
record ChangesetResult(Changeset changeset, Outcome outcome, List<StepResult> steps, long millis, String note) {

  enum Outcome {
    APPLIED,
    /** A precondition failed with onFail: MARK_RAN: recorded without running. */
    MARK_RAN,
    /** A precondition failed with onFail: CONTINUE: neither run nor recorded. */
    SKIPPED
  }

  int run() {
    return (int) steps.stream().filter(StepResult::ran).count();
  }

  int skipped() {
    return steps.size() - run();
  }
}
