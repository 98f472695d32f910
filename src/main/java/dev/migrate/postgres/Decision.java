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
   * @param effect what running them does to the object: makes it, completes it, or remakes it
   */
  record Act(List<String> sql, String summary, Excuse excuse, Effect effect) implements Decision {
    public Act(List<String> sql, String summary) {
      this(sql, summary, null, Effect.CREATE);
    }

    public Act(List<String> sql, String summary, Excuse excuse) {
      this(sql, summary, excuse, Effect.CREATE);
    }
  }

  /** What an {@link Act} does to its object, which the report tells apart. */
  enum Effect {
    /** The object was absent, or the step is not about one object (data, raw SQL): it runs. */
    CREATE,
    /**
     * The object exists but lacks part of what the changelog wants (enum labels, columns): added.
     */
    ADJUST,
    /** The object exists but is unusable (an INVALID index): dropped and made again. */
    REBUILD
  }

  /** Completes an object that exists with part of what the changelog wants. */
  static Act adjust(List<String> sql, String summary) {
    return new Act(sql, summary, null, Effect.ADJUST);
  }

  /** Remakes an object that exists but cannot be used. */
  static Act rebuild(List<String> sql, String summary) {
    return new Act(sql, summary, null, Effect.REBUILD);
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

  /**
   * The database has something of that name that differs from the changelog: stop. The message may
   * quote the statement, so a password written in it is hidden here, once for every command that
   * prints a drift.
   */
  record Drift(String message) implements Decision {
    public Drift {
      message = Passwords.hidden(message);
    }
  }
}
