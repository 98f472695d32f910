package dev.migrate.postgres;

import java.util.List;

/** What a guard decided for one step, after asking the catalog. */
public sealed interface Decision {

  /** The database already has what the step wants: nothing to run. */
  record Skip(String reason) implements Decision {}

  /**
   * Run these statements; {@code summary} says what they do ("created table x").
   *
   * @param excuse when a statement fails, says whether a later change explains the failure (it
   *     drops the column the statement reads, say); null when nothing can
   */
  record Act(List<String> sql, String summary, Excuse excuse) implements Decision {
    public Act(List<String> sql, String summary) {
      this(sql, summary, null);
    }
  }

  /**
   * Explains why a failed statement needs not succeed (a later change removes what it needs; the
   * rows it inserts are there already), or returns null. Called after the failure was rolled back
   * to a savepoint, so it may ask the catalog.
   */
  @FunctionalInterface
  public interface Excuse {
    String explain(String sql, String sqlState, String message);
  }

  /** The database has something of that name that differs from the changelog: stop. */
  record Drift(String message) implements Decision {}
}
