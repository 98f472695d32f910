package dev.migrate.engine;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.plan.Planner;
import java.io.PrintWriter;

/** The table of {@code history}: one line per changeset. */
final class StatusTable {
  private final PrintWriter out;

  StatusTable(PrintWriter out) {
    this.out = out;
  }

  /** Every changeset in changelog order, marked [x] when recorded; no marks without a database. */
  void history(Changelog changelog, Planner planner) {
    int width = idWidth(changelog);
    int head = changelog.size() - 1;
    int current = planner == null ? -2 : planner.current();
    for (int i = 0; i < changelog.size(); i++) {
      Changeset c = changelog.changesets().get(i);
      String mark = planner == null ? "" : planner.row(c) == null ? "[ ] " : "[x] ";
      String tags = (i == head ? " (head)" : "") + (i == current ? " (current)" : "");
      out.printf("%s%-" + width + "s  %s%s%n", mark, label(c), c.path(), tags);
    }
    if (changelog.size() == 0) {
      out.println("(the changelog has no changesets)");
    }
  }

  private static String label(Changeset c) {
    return c.id() + " (" + c.author() + ")";
  }

  private static int idWidth(Changelog changelog) {
    return Math.max(
        9, changelog.changesets().stream().mapToInt(c -> label(c).length()).max().orElse(9));
  }
}
