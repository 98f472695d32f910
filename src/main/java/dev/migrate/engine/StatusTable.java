package dev.migrate.engine;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Revision;
import dev.migrate.plan.Planner;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The tables of {@code current -v} and {@code history}: one line per changeset. */
final class StatusTable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final PrintWriter out;

  StatusTable(PrintWriter out) {
    this.out = out;
  }

  /** Every changeset with its status, when it was applied, how long it took, and its checksum. */
  void print(Changelog changelog, Planner planner) {
    int width = idWidth(changelog);
    out.printf("%-8s  %-" + width + "s  %-20s  %8s  %-5s  %s%n", "STATUS", "CHANGESET", "APPLIED AT", "DURATION", "STEPS", "CHECKSUM");
    for (Changeset c : changelog.changesets()) {
      Revision row = planner.row(c);
      if (row == null) {
        out.printf("%-8s  %-" + width + "s  %-20s  %8s  %-5s  %s%n", "pending", label(c), "-", "-", "-", "-");
      } else {
        String checksum = row.checksum().equals(c.checksum()) ? "ok" : "CHANGED (recorded " + row.checksum() + ")";
        String steps = row.status() == Revision.Status.APPLIED ? row.stepsRun() + "/" + (row.stepsRun() + row.stepsSkipped()) : "-";
        out.printf("%-8s  %-" + width + "s  %-20s  %6d ms  %-5s  %s%n", status(row), label(c), TIME.format(row.appliedAt()),
            row.durationMs(), steps, checksum);
      }
    }
    List<Revision> unknown = planner.unknown();
    if (!unknown.isEmpty()) {
      out.printf("%nRecorded but not in the changelog (%d):%n", unknown.size());
      for (Revision r : unknown) {
        out.printf("  %-8s  %s  %s%n", status(r), r.key(), TIME.format(r.appliedAt()));
      }
    }
    out.println();
    out.println("STEPS is run/total: the others were skipped by their guards, the database already had them.");
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

  private static String status(Revision row) {
    return row.status().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String label(Changeset c) {
    return c.id() + " (" + c.author() + ")";
  }

  private static int idWidth(Changelog changelog) {
    return Math.max(9, changelog.changesets().stream().mapToInt(c -> label(c).length()).max().orElse(9));
  }
}
