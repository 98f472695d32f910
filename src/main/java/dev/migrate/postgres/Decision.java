package dev.migrate.postgres;

import java.util.List;

/** What a guard decided for one step, after asking the catalog. */
public sealed interface Decision {

  /** The database already has what the step wants: nothing to run. */
  record Skip(String reason) implements Decision {}

  /** Run these statements; {@code summary} says what they do ("created table x"). */
  record Act(List<String> sql, String summary) implements Decision {}

  /** The database has something of that name that differs from the changelog: stop. */
  record Drift(String message) implements Decision {}
}
