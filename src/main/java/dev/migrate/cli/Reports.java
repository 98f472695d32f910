package dev.migrate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.migrate.engine.CheckReport;
import dev.migrate.engine.CurrentReport;
import dev.migrate.engine.HistoryReport;
import dev.migrate.engine.Problem;
import dev.migrate.model.Changeset;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Revision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the reports of {@code upgrade}, {@code current}, {@code check} and errors are printed: as
 * text for a person, or with {@code --json} as one JSON document for a program (a CI step), whose
 * fields are documented in docs/options.md and do not change meaning between versions.
 */
final class Reports {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();

  /** The version of the JSON documents' format, the first field of each. */
  static final int FORMAT_VERSION = 1;

  private Reports() {}

  static void text(CurrentReport r, PrintWriter out) {
    if (!r.verbose()) {
      out.println(r.current());
      out.flush();
      return;
    }
    out.printf("Database:  %s (schema %s)%n", r.database(), r.schema());
    out.printf(
        "Changelog: %s (%d changeset%s)%n",
        r.changelog(), r.changesets(), r.changesets() == 1 ? "" : "s");
    out.printf("Current:   %s%n", r.current());
    out.printf("Lock:      %s%n%n", r.lockHolder() == null ? "free" : "held by " + r.lockHolder());
    int width =
        Math.max(
            9, r.entries().stream().mapToInt(e -> label(e.changeset()).length()).max().orElse(9));
    String row = "%-8s  %-" + width + "s  %-20s  %8s  %-5s  %s%n";
    out.printf(row, "STATUS", "CHANGESET", "APPLIED AT", "DURATION", "STEPS", "CHECKSUM");
    for (CurrentReport.Entry e : r.entries()) {
      Revision rev = e.row();
      if (rev == null) {
        out.printf(row, "pending", label(e.changeset()), "-", "-", "-", "-");
      } else {
        String checksum = e.checksumMatches() ? "ok" : "CHANGED (recorded " + rev.checksum() + ")";
        String steps =
            rev.status() == Revision.Status.APPLIED
                ? rev.stepsRun() + "/" + (rev.stepsRun() + rev.stepsSkipped())
                : "-";
        out.printf(
            "%-8s  %-" + width + "s  %-20s  %6d ms  %-5s  %s%n",
            status(rev),
            label(e.changeset()),
            TIME.format(rev.appliedAt()),
            rev.durationMs(),
            steps,
            checksum);
      }
    }
    if (!r.unknown().isEmpty()) {
      out.printf("%nRecorded but not in the changelog (%d):%n", r.unknown().size());
      for (Revision u : r.unknown()) {
        out.printf("  %-8s  %s  %s%n", status(u), u.key(), TIME.format(u.appliedAt()));
      }
    }
    out.println();
    out.println(
        "STEPS is run/total: the others were skipped by their guards, the database already had them.");
    out.println(
        r.drift().isEmpty()
            ? "Drift:     none (the objects of applied changesets are as the changelog says)"
            : "Drift:");
    r.drift().forEach(p -> out.println("  " + p.line()));
    out.flush();
  }

  static void text(CheckReport r, PrintWriter out) {
    int n = r.problems().size();
    out.printf(
        "Checked %s (schema %s) against %s: %s%n",
        r.database(),
        r.schema(),
        r.changelog(),
        r.ok() ? "up to date, no drift" : n + " problem" + (n == 1 ? "" : "s"));
    r.problems().forEach(p -> out.println("  " + p.line()));
    out.flush();
  }

  static void json(CurrentReport r, PrintWriter out) {
    write(
        out,
        g -> {
          g.writeStringField("database", r.database());
          g.writeStringField("schema", r.schema());
          g.writeStringField("changelog", r.changelog());
          g.writeNumberField("changesets", r.changesets());
          g.writeStringField("current", r.currentId());
          g.writeNumberField("pending", r.pending());
          g.writeBooleanField("head", r.currentId() != null && r.pending() == 0);
          if (!r.verbose()) {
            return;
          }
          g.writeStringField("lock", r.lockHolder());
          g.writeArrayFieldStart("entries");
          for (CurrentReport.Entry e : r.entries()) {
            g.writeStartObject();
            changeset(g, e.changeset());
            Revision rev = e.row();
            g.writeStringField("status", rev == null ? "pending" : status(rev));
            if (rev != null) {
              g.writeStringField("appliedAt", rev.appliedAt().toString());
              g.writeNumberField("durationMs", rev.durationMs());
              g.writeNumberField("stepsRun", rev.stepsRun());
              g.writeNumberField("stepsSkipped", rev.stepsSkipped());
              g.writeStringField("checksum", rev.checksum());
              g.writeBooleanField("checksumMatches", e.checksumMatches());
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("unknown");
          for (Revision u : r.unknown()) {
            g.writeStartObject();
            g.writeStringField("id", u.id());
            g.writeStringField("author", u.author());
            g.writeStringField("path", u.filename());
            g.writeStringField("status", status(u));
            g.writeStringField("appliedAt", u.appliedAt().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
          problems(g, "drift", r.drift());
        });
  }

  /**
   * {@code history}: one line per changeset, marked [x] when recorded and [ ] when pending (no
   * marks without a database), the head and the current one named.
   */
  static void text(HistoryReport r, PrintWriter out) {
    int width =
        Math.max(
            9, r.entries().stream().mapToInt(e -> label(e.changeset()).length()).max().orElse(9));
    int head = r.entries().size() - 1;
    for (int i = 0; i <= head; i++) {
      HistoryReport.Entry e = r.entries().get(i);
      String mark = e.recorded() == null ? "" : e.recorded() ? "[x] " : "[ ] ";
      String tags =
          (i == head ? " (head)" : "")
              + (r.database() != null && i == r.current() ? " (current)" : "");
      out.printf(
          "%s%-" + width + "s  %s%s%n", mark, label(e.changeset()), e.changeset().path(), tags);
    }
    if (r.entries().isEmpty()) {
      out.println("(the changelog has no changesets)");
    }
    out.flush();
  }

  static void json(HistoryReport r, PrintWriter out) {
    write(
        out,
        g -> {
          g.writeStringField("database", r.database());
          g.writeStringField("changelog", r.changelog());
          g.writeArrayFieldStart("changesets");
          int head = r.entries().size() - 1;
          for (int i = 0; i <= head; i++) {
            HistoryReport.Entry e = r.entries().get(i);
            g.writeStartObject();
            changeset(g, e.changeset());
            if (e.recorded() == null) {
              g.writeNullField("recorded");
            } else {
              g.writeBooleanField("recorded", e.recorded());
            }
            g.writeBooleanField("head", i == head);
            g.writeBooleanField("current", r.database() != null && i == r.current());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  static void json(CheckReport r, PrintWriter out) {
    write(
        out,
        g -> {
          g.writeStringField("database", r.database());
          g.writeStringField("schema", r.schema());
          g.writeStringField("changelog", r.changelog());
          g.writeBooleanField("ok", r.ok());
          problems(g, "problems", r.problems());
        });
  }

  /** An error as JSON, for stderr: the sentence and what it is about. */
  static void json(MigrateException e, PrintWriter err) {
    MigrateException.Detail d = e.detail();
    write(
        err,
        g -> {
          g.writeObjectFieldStart("error");
          g.writeStringField("message", e.getMessage());
          g.writeNumberField("exitCode", e.exitCode());
          g.writeStringField("changeset", d.changeset());
          Location at = d.location();
          g.writeStringField("location", at == null ? null : at.toString());
          g.writeStringField("sql", d.sql());
          g.writeStringField("sqlState", d.sqlState());
          g.writeEndObject();
        });
  }

  private static void problems(JsonGenerator g, String field, List<Problem> problems)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Problem p : problems) {
      g.writeStartObject();
      g.writeStringField("kind", p.kind().name().toLowerCase(Locale.ROOT));
      g.writeStringField("changeset", p.changeset());
      g.writeStringField("author", p.author());
      g.writeStringField("location", p.location());
      g.writeStringField("changeType", p.changeType());
      g.writeStringField("detail", p.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void changeset(JsonGenerator g, Changeset c) throws IOException {
    g.writeStringField("id", c.id());
    g.writeStringField("author", c.author());
    g.writeStringField("path", c.path());
    g.writeStringField("location", c.location().toString());
  }

  interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  // One object per run, pretty-printed, then a newline; fields that are null are written as null.
  static void write(PrintWriter out, Fields fields) {
    try {
      JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter();
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      // docs/json/migrate-output.schema.json; it changes only when a field is removed or changes
      // meaning.
      g.writeNumberField("formatVersion", FORMAT_VERSION);
      fields.write(g);
      g.writeEndObject();
      g.flush();
      out.println();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String status(Revision row) {
    return row.status().name().toLowerCase(Locale.ROOT);
  }

  private static String label(Changeset c) {
    return c.id() + " (" + c.author() + ")";
  }
}
