package dev.migrate.engine;

import dev.migrate.model.Step;

/** What happened to one step, and the guard's words for it. */
public record StepResult(Step step, Outcome outcome, String summary) {
  /** What the step did to the database. */
  public enum Outcome {
    /** Its guard found what it makes in place: nothing ran. */
    SKIPPED,
    /** It ran as written: the object was absent, or the step is data or SQL. */
    RAN,
    /**
     * The object existed with part of what it wants; the rest was added (or some statements
     * excused).
     */
    ADJUSTED,
    /** The object existed but could not be used (an INVALID index): made again. */
    REBUILT
  }

  public boolean ran() {
    return outcome != Outcome.SKIPPED;
  }
}
