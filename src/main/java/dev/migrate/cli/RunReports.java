package dev.migrate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.migrate.engine.ChangesetResult;
import dev.migrate.engine.RunProgress;
import dev.migrate.engine.StampReport;
import dev.migrate.engine.StepResult;
import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the commands that write are reported: {@code upgrade} and {@code downgrade} as they go,
 * {@code stamp} when it is done; as text for a person or, with {@code --json}, as one JSON document
 * whose fields docs/options.md lists.
 */
final class RunReports {
  /** From this many changesets on, a run numbers its lines and gives its total time. */
  static final int LONG_RUN = 10;

  private RunReports() {}

  /**
   * The progress a command prints: JSON when asked, else text (every step under -v); the messages
   * of its output steps besides.
   */
  static RunProgress progress(GlobalOptions options, PrintWriter out, PrintWriter err) {
    RunProgress report = options.isJson() ? json(out) : text(out, options.isVerbose());
    return saying(report, options.isJson() ? err : out, err, options);
  }

  /**
   * The report, and before each changeset's lines the messages of its output steps that ran: a
   * STDOUT one on {@code stdout} (standard error under --json, whose standard output is the
   * document), any other on standard error, as the log would show its level: DEBUG under --debug,
   * INFO and WARN but under -q, the rest always.
   */
  static RunProgress saying(
      RunProgress report, PrintWriter stdout, PrintWriter stderr, GlobalOptions options) {
    return new RunProgress() {
      @Override
      public void started(
          Direction direction,
          String database,
          String schema,
          String target,
          int count,
          int total) {
        report.started(direction, database, schema, target, count, total);
      }

      @Override
      public void finished(ChangesetResult result) {
        for (StepResult step : result.steps()) {
          if (step.outcome() == StepResult.Outcome.RAN
              && step.step().change() instanceof Change.Output said
              && shown(said.target(), options)) {
            PrintWriter to = said.target().equals("STDOUT") ? stdout : stderr;
            to.println(said.message());
            to.flush();
          }
        }
        report.finished(result);
      }

      @Override
      public void done(int count, String current) {
        report.done(count, current);
      }
    };
  }

  private static boolean shown(String target, GlobalOptions options) {
    return switch (target) {
      case "DEBUG" -> options.isDebug();
      case "INFO", "WARN", "WARNING" -> !options.isQuiet();
      default -> true;
    };
  }

  /**
   * A run as text, a line as each changeset is done; steps that simply ran only with {@code
   * everyStep}. A run of {@link #LONG_RUN} or more changesets numbers each line and gives the total
   * time, so a long deployment shows where it is.
   */
  static RunProgress text(PrintWriter out, boolean everyStep) {
    return new RunProgress() {
      private Direction direction;
      private int count;
      private int done;
      private long start;

      @Override
      public void started(
          Direction direction,
          String database,
          String schema,
          String target,
          int count,
          int total) {
        this.direction = direction;
        this.count = count;
        this.start = System.nanoTime();
        switch (direction) {
          case UPGRADE ->
              out.printf(
                  "Upgrading %s (schema %s) to %s: %d of %d changesets pending%n",
                  database, schema, target, count, total);
          case DOWNGRADE ->
              out.printf(
                  "Downgrading %s (schema %s) to %s: %d changeset%s to undo%n",
                  database, schema, target, count, count == 1 ? "" : "s");
          case REPAIR ->
              out.printf(
                  "Repairing %s (schema %s): %s%n",
                  database,
                  schema,
                  count == 0
                      ? "nothing that applied changesets made is missing"
                      : count
                          + " applied changeset"
                          + (count == 1 ? " lacks" : "s lack")
                          + " objects");
        }
        out.flush();
      }

      @Override
      public void finished(ChangesetResult result) {
        Changeset c = result.changeset();
        done++;
        String n = count >= LONG_RUN ? " (" + done + "/" + count + ")" : "";
        // The changeset's lines are printed at once, the common ones without format strings: this
        // runs once per changeset, and the writer flushes at every line it is given.
        StringBuilder lines = new StringBuilder(200);
        switch (result.outcome()) {
          case APPLIED, REVERTED, REPAIRED -> {
            String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
            lines
                .append("  ")
                .append(padded(outcome, 8))
                .append(' ')
                .append(c.id())
                .append(" (")
                .append(c.author())
                .append("): ")
                .append(result.run())
                .append(" step")
                .append(result.run() == 1 ? "" : "s")
                .append(" run, ")
                .append(result.skipped())
                .append(" skipped, ")
                .append(result.millis())
                .append(" ms")
                .append(n);
          }
          case MARK_RAN ->
              lines.append(
                  "  marked   %s (%s): not run, recorded as ran: %s%s"
                      .formatted(c.id(), c.author(), result.note(), n));
          case SKIPPED ->
              lines.append(
                  "  skipped  %s (%s): not run, not recorded: %s%s"
                      .formatted(c.id(), c.author(), result.note(), n));
        }
        for (StepResult step : result.steps()) {
          // Steps that simply ran are the expected case; the others say why the database differed.
          // A repair's steps are all it did, so each is shown.
          if (step.outcome() != StepResult.Outcome.RAN
              || everyStep
              || result.outcome() == ChangesetResult.Outcome.REPAIRED) {
            lines
                .append(System.lineSeparator())
                .append("      ")
                .append(padded(step.outcome().name().toLowerCase(Locale.ROOT), 8))
                .append(' ')
                .append(step.step().change().changeType())
                .append(": ")
                .append(step.summary());
          }
        }
        out.println(lines);
        out.flush();
      }

      @Override
      public void done(int finished, String current) {
        String took =
            count >= LONG_RUN
                ? String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - start) / 1e9)
                : "";
        out.printf(
            "Done: %d changeset%s %s%s; current revision %s%n",
            finished,
            finished == 1 ? "" : "s",
            switch (direction) {
              case UPGRADE -> "recorded";
              case DOWNGRADE -> "undone";
              case REPAIR -> "repaired";
            },
            took,
            current);
        out.flush();
      }
    };
  }

  // The text, then spaces up to {@code width} characters, as %-Ns prints it.
  private static String padded(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /** A run as one JSON document, written when it is done. */
  static RunProgress json(PrintWriter out) {
    return new RunProgress() {
      private final List<ChangesetResult> results = new ArrayList<>();
      private Direction direction;
      private String database;
      private String schema;
      private String target;
      private int count;
      private int total;

      @Override
      public void started(
          Direction direction,
          String database,
          String schema,
          String target,
          int count,
          int total) {
        this.direction = direction;
        this.database = database;
        this.schema = schema;
        this.target = target;
        this.count = count;
        this.total = total;
      }

      @Override
      public void finished(ChangesetResult result) {
        results.add(result);
      }

      @Override
      public void done(int finished, String current) {
        Reports.write(
            out,
            g -> {
              g.writeStringField("database", database);
              g.writeStringField("schema", schema);
              g.writeStringField("target", target);
              g.writeNumberField(
                  switch (direction) {
                    case UPGRADE -> "pending";
                    case DOWNGRADE -> "toUndo";
                    case REPAIR -> "toRepair";
                  },
                  count);
              g.writeNumberField("changesets", total);
              g.writeNumberField(
                  switch (direction) {
                    case UPGRADE -> "recorded";
                    case DOWNGRADE -> "undone";
                    case REPAIR -> "repaired";
                  },
                  finished);
              g.writeStringField("current", current);
              g.writeArrayFieldStart("results");
              for (ChangesetResult r : results) {
                result(g, r);
              }
              g.writeEndArray();
            });
      }
    };
  }

  private static void result(JsonGenerator g, ChangesetResult r) throws IOException {
    g.writeStartObject();
    Reports.changeset(g, r.changeset());
    g.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
    g.writeNumberField("millis", r.millis());
    g.writeStringField("note", r.note());
    g.writeArrayFieldStart("steps");
    for (StepResult step : r.steps()) {
      g.writeStartObject();
      g.writeStringField("changeType", step.step().change().changeType());
      g.writeStringField("location", step.step().location().toString());
      g.writeStringField("outcome", step.outcome().name().toLowerCase(Locale.ROOT));
      g.writeStringField("summary", step.summary());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** stamp as text: a line per row written or removed, then the summary. */
  static void text(StampReport r, PrintWriter out) {
    for (StampReport.Row row : r.rows()) {
      switch (row.action()) {
        case STAMPED, MARK_RAN -> {
          if (r.kind() == StampReport.Kind.STAMP) {
            out.printf("  stamped  %s (%s)%n", row.id(), row.author());
          }
        }
        case ACCEPTED ->
            out.printf(
                "  accepted %s (%s): its recorded checksum now matches the edited changeset%n",
                row.id(), row.author());
        case REMOVED -> out.printf("  removed  %s (%s)%n", row.id(), row.author());
        case NO_MATCH ->
            out.printf(
                "  no match %s::%s::%s (in %s, not in the changelog)%n",
                row.path(), row.id(), row.author(), r.target());
      }
    }
    int written = r.count(StampReport.Action.STAMPED) + r.count(StampReport.Action.MARK_RAN);
    switch (r.kind()) {
      case STAMP ->
          out.printf(
              "Stamped %s: %d row%s written, %d removed; current revision %s%n",
              r.target(),
              written,
              written == 1 ? "" : "s",
              r.count(StampReport.Action.REMOVED),
              r.current());
      case ACCEPT_EDITS -> {
        int accepted = r.count(StampReport.Action.ACCEPTED);
        out.printf(
            "Accepted %d edited changeset%s; current revision %s%n",
            accepted, accepted == 1 ? "" : "s", r.current());
      }
      case FROM_LIQUIBASE ->
          out.printf(
              "Stamped from %s: %d of its %d rows matched changesets and were recorded;"
                  + " current revision %s%n",
              r.target(), written, r.sourceRows(), r.current());
    }
    out.flush();
  }

  /** stamp as one JSON document. */
  static void json(StampReport r, PrintWriter out) {
    Reports.write(
        out,
        g -> {
          g.writeStringField("database", r.database());
          g.writeStringField("schema", r.schema());
          g.writeStringField("kind", r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
          g.writeStringField("target", r.target());
          g.writeNumberField(
              "written",
              r.count(StampReport.Action.STAMPED) + r.count(StampReport.Action.MARK_RAN));
          g.writeNumberField("accepted", r.count(StampReport.Action.ACCEPTED));
          g.writeNumberField("removed", r.count(StampReport.Action.REMOVED));
          g.writeStringField("current", r.current());
          g.writeArrayFieldStart("rows");
          for (StampReport.Row row : r.rows()) {
            g.writeStartObject();
            g.writeStringField("action", row.action().name().toLowerCase(Locale.ROOT));
            g.writeStringField("id", row.id());
            g.writeStringField("author", row.author());
            g.writeStringField("path", row.path());
            g.writeStringField(
                "location", row.changeset() == null ? null : row.changeset().location().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }
}
