package dev.migrate.engine;

import java.util.List;

/** What {@code check} found: every problem, in the order pending, changed, unknown, drift. */
public record CheckReport(
    String database, String schema, String changelog, List<Problem> problems) {
  public boolean ok() {
    return problems.isEmpty();
  }
}
