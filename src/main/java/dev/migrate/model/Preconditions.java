package dev.migrate.model;

/**
 * The {@code preConditions} block of a changeset: the condition and what to do when it fails.
 *
 * @param onFail what a false condition does
 * @param onError what an error while checking does
 * @param onFailMessage printed when the condition fails; null for a generated one
 */
public record Preconditions(
    OnFail onFail,
    OnFail onError,
    String onFailMessage,
    Precondition condition,
    Location location) {

  /** Liquibase's onFail / onError values. */
  public enum OnFail {
    /** Stop the run with an error (the default). */
    HALT,
    /** Skip the changeset without recording it; it is checked again on the next run. */
    CONTINUE,
    /** Skip the changeset and record it as run. */
    MARK_RAN,
    /** Print a warning and run the changeset anyway. */
    WARN
  }
}
