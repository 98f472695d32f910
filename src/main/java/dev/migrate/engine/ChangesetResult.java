package dev.migrate.engine;

import dev.migrate.model.Changeset;
import java.util.List;

/** What happened to one changeset in an upgrade or a downgrade. */
public record ChangesetResult(
    Changeset changeset, Outcome outcome, List<StepResult> steps, long millis, String note) {

  public enum Outcome {
    APPLIED,
    /** A precondition failed with onFail: MARK_RAN: recorded without running. */
    MARK_RAN,
    /** A precondition failed with onFail: CONTINUE: neither run nor recorded. */
    SKIPPED,
    /** Undone by a downgrade: its rollback ran and its revision row is gone. */
    REVERTED,
    /** Applied before, and what it made that was missing is made again by repair. */
    REPAIRED
  }

  public int run() {
    return (int) steps.stream().filter(StepResult::ran).count();
  }

  public int skipped() {
    return steps.size() - run();
  }
}
