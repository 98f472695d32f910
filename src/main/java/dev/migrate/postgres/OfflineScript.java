package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Step;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code upgrade --sql}: a psql script of the same work, with every guard rendered in SQL. Each
 * changeset is one DO block that runs only when its revision row is missing, inside BEGIN/COMMIT,
 * and each structured step inside it asks pg_catalog first; so the script can run twice.
 */
public final class OfflineScript {
  private static final String DO = "$migrate_do$";

  private final PgDdl ddl;
  private final Families families;
  private final RevisionStore store;
  private final ScriptRows rows;
  private final PreconditionSql preconditions;
  private final ScriptPreconditions scriptPreconditions;
  private final SqlScript sqlScript;
  private final IndexGuards indexes;
  private final List<Preconditions> changelogPreconditions; // those that need the database
  private final ScriptReplay replay;
  private final String unrecordFound; // deletes the rows of changesets found in place
  private final String searchPath; // upgrade's, which the script sets; null: psql's own

  public OfflineScript(
      PgDdl ddl,
      RevisionStore store,
      String deploymentId,
      String toolVersion,
      List<Preconditions> changelogPreconditions,
      String searchPath,
      List<Changeset> writtenOtherwise) {
    this.searchPath = searchPath;
    this.changelogPreconditions = changelogPreconditions;
    this.preconditions = new PreconditionSql(ddl);
    this.ddl = ddl;
    this.families = new Families(null, ddl);
    this.sqlScript = new SqlScript(ddl);
    this.indexes = new IndexGuards(null, ddl);
    this.store = store;
    this.rows = new ScriptRows(store.name(), deploymentId, toolVersion, writtenOtherwise);
    this.scriptPreconditions = new ScriptPreconditions(ddl, preconditions, rows, store.name());
    this.replay = new ScriptReplay(ddl);
    this.unrecordFound = store.foundInPlaceDelete().replace("?", literal(deploymentId)) + ";";
  }

  // Literals are written with doubled quotes only, which is safe when backslashes are plain
  // characters: so the script says so rather than trusting the server's setting. The changelog's
  // own preConditions come after the revision table, which a changeSetExecuted reads.
  private void preamble(StringBuilder out) {
    out.append("SET standard_conforming_strings = on;\n");
    out.append(searchPath == null ? "" : "SET search_path TO " + searchPath + ";\n");
    store.createStatements().forEach(sql -> out.append(sql.strip()).append(";\n"));
    out.append(rows.renamesWritten());
    out.append(preconditions.changelogBlocks(changelogPreconditions, store.name()));
  }

  /**
   * The whole script for these pending changesets, in order, written to {@code sink} changeset by
   * changeset (a script of thousands is never held whole in memory); {@code later} gives the
   * changes after a step in the changelog, which explain differences as they do for upgrade.
   */
  public void render(
      List<Changeset> pending, Function<Step, List<Change>> later, PrintWriter sink) {
    StringBuilder out =
        new StringBuilder(
            "-- upgrade script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    out.append(ScriptReplay.start());
    for (Changeset c : pending) {
      if (c.onlyOtherDatabases()) {
        out.append("\n-- ")
            .append(c.key())
            .append(": every change is for another database; nothing to do\n");
        continue;
      }
      out.append("\n-- changeset ").append(c.key()).append(" (").append(c.location()).append(")\n");
      ddl.searchPath(null); // each changeset starts in the session's own search path (SearchPath)
      out.append(c.runInTransaction() ? transactional(c, later) : autocommit(c, later));
      if (c.steps().stream()
          .anyMatch(
              s ->
                  s.change() instanceof Change.Sql sql
                      && sql.statements().stream().anyMatch(SearchPath::sets))) {
        out.append(
            searchPath == null
                ? "RESET search_path;\n"
                : "SET search_path TO " + searchPath + ";\n");
      }
      write(out, sink);
    }
    write(out, sink);
  }

  private static void write(StringBuilder out, PrintWriter sink) {
    sink.append(out);
    out.setLength(0);
  }

  /**
   * The downgrade script: for each changeset, newest first, one DO block that runs only when its
   * revision row exists, undoes it with {@code undo} (each step guarded) and deletes the row.
   */
  public String renderDowngrade(
      List<Changeset> changesets, java.util.function.Function<Changeset, List<Step>> undo) {
    StringBuilder out =
        new StringBuilder(
            "-- downgrade script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    for (Changeset c : changesets) {
      out.append("\n-- undo ")
          .append(c.key())
          .append('\n')
          .append("BEGIN;\nDO ")
          .append(DO)
          .append("\nBEGIN\n");
      out.append("  IF ").append(rows.unrecorded(c)).append(" THEN\n    RETURN;\n  END IF;\n");
      for (Step step : undo.apply(c)) {
        for (String line : guarded(step, List.of())) {
          out.append("  ").append(line).append('\n');
        }
      }
      out.append("  ").append(rows.delete(c)).append('\n');
      out.append("END\n").append(DO).append(";\nCOMMIT;\n");
    }
    return out.toString();
  }

  /** The stamp script: rows written as stamped (kept when there), later rows deleted. */
  public String renderStamp(List<Changeset> record, List<Changeset> remove) {
    StringBuilder out =
        new StringBuilder(
            "-- stamp script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    out.append("BEGIN;\n");
    for (Changeset c : remove) {
      out.append(rows.delete(c)).append('\n');
    }
    for (Changeset c : record) {
      out.append(rows.insert(c, "stamped")).append('\n');
    }
    return out.append("COMMIT;\n").toString();
  }

  private String transactional(Changeset c, Function<Step, List<Change>> later) {
    String recorded = "  IF " + rows.recorded(c) + " THEN\n    RETURN;\n  END IF;\n";
    StringBuilder body = new StringBuilder();
    ScriptReplay.changeset(c).forEach(line -> body.append("  ").append(line).append('\n'));
    if (c.preconditions() != null) {
      body.append(scriptPreconditions.inTransaction(c, firstLater(c, later)));
    }
    List<String> steps = new ArrayList<>();
    for (Step step : c.steps()) {
      steps.addAll(noted(step, later.apply(step)));
    }
    boolean writes = steps.stream().anyMatch(ScriptReplay::watched);
    for (String line : writes ? ScriptReplay.stoppable(steps, unrecordFound, failed(c)) : steps) {
      body.append("  ").append(line).append('\n'); // no re-indenting: lines may be inside literals
    }
    body.append("  ").append(rows.insertApplied(c)).append('\n');
    return "BEGIN;\nDO "
        + DO
        + "\nBEGIN\n"
        + recorded
        + (c.failOnError() ? body : passedOver(c, body))
        + "END\n"
        + DO
        + ";\nCOMMIT;\n"
        + (writes ? ScriptReplay.stopIfStopped() : "");
  }

  // failOnError: false, in a transaction: a failure rolls the changeset back to the block around
  // it, unrecorded, and a warning says so, as upgrade says it; the script goes on.
  private static String passedOver(Changeset c, CharSequence body) {
    return "  BEGIN\n"
        + body
        + "  EXCEPTION WHEN OTHERS THEN\n    RAISE WARNING '%', "
        + literal(failed(c) + ":\n  ")
        + " || replace(SQLERRM, E'\\n', E'\\n  ') || "
        + literal("\n  failOnError is false: the run goes on; the changeset is not recorded")
        + ";\n  END;\n";
  }

  // Outside a transaction each step is a DO block of its own that checks the row, and the row
  // comes last. A DO block cannot hold CREATE INDEX CONCURRENTLY: that one is a plain statement
  // run under psql's \if while the row is absent (IndexGuards.concurrently).
  private String autocommit(Changeset c, Function<Step, List<Change>> later) {
    StringBuilder out = new StringBuilder(unlessRecorded(c, ScriptReplay.changeset(c)));
    if (c.preconditions() != null) {
      out.append(scriptPreconditions.autocommit(c, rows.unrecorded(c), firstLater(c, later)));
    }
    // A statement psql sends itself cannot say whether it wrote: the row then claims nothing.
    boolean told = c.preconditions() == null;
    for (Step step : c.steps()) {
      if (step.change() instanceof Change.CreateIndex index && index.concurrently()) {
        told = false;
        // Checked in a DO block, built by psql under \if while the row is absent: a second run
        // skips it (its table may be gone by then).
        out.append(unlessRecorded(c, noted(step, later.apply(step))))
            .append(indexes.concurrently(index, rows.unrecorded(c)));
      } else if (step.change() instanceof Change.Sql sql) {
        // Statement by statement, as upgrade runs them outside a transaction; one that no block
        // has to hold is sent by psql itself, which runs what a DO block cannot. A text kept
        // whole of several statements runs all or nothing, as PostgreSQL runs such a string:
        // taken apart in a transaction of its own, each statement guarded, as upgrade does.
        boolean own = sql.statements(true).size() > sql.statements().size();
        out.append(own ? "BEGIN;\n" : "");
        for (SqlScript.Part part :
            sqlScript.parts(sql, new LaterChanges(later.apply(step), ddl), own)) {
          told &= part.block() != null;
          out.append(
              part.block() != null
                  ? unlessRecorded(c, part.block())
                  : part.plain(rows.unrecorded(c)));
        }
        out.append(own ? "COMMIT;\n" : "");
      } else {
        out.append(unlessRecorded(c, noted(step, later.apply(step))));
      }
    }
    return out + rows.insertLast(c, told) + (c.preconditions() == null ? "" : "\\endif\n");
  }

  // The row comes last outside a transaction, so each step checks it: a second run skips what the
  // first did. A write that may have run before stops the script there (ScriptReplay.stoppable).
  private String unlessRecorded(Changeset c, List<String> lines) {
    StringBuilder out = new StringBuilder("DO ").append(DO).append("\nBEGIN\n");
    out.append("  IF ").append(rows.recorded(c)).append(" THEN\n    RETURN;\n  END IF;\n");
    boolean writes = lines.stream().anyMatch(ScriptReplay::watched);
    for (String line : writes ? ScriptReplay.stoppable(lines, unrecordFound, failed(c)) : lines) {
      out.append("  ").append(line).append('\n');
    }
    out.append("  ").append(ScriptReplay.wrote().replace("\n", "\n  ")).append('\n');
    out.append("END\n").append(DO).append(";\n");
    return writes ? out + ScriptReplay.stopIfStopped() : out.toString();
  }

  // The same, after the lines that note whether it finds its object in place (ScriptReplay); a
  // raw step notes each of its statements itself.
  private List<String> noted(Step step, List<Change> later) {
    if (step.change() instanceof Change.Sql) {
      return guarded(step, later);
    }
    List<String> lines = new ArrayList<>(replay.note(step.change(), later));
    lines.addAll(guarded(step, later));
    return lines;
  }

  // The changes after the changeset's first step, which its preconditions are read against.
  private static List<Change> firstLater(Changeset c, Function<Step, List<Change>> later) {
    return c.steps().isEmpty() ? List.of() : later.apply(c.steps().get(0));
  }

  // Where a stop of the changeset says it happened, as upgrade says it.
  private static String failed(Changeset c) {
    return "changeset " + c.id() + " (" + c.author() + ") failed at " + c.location();
  }

  /** PL/pgSQL lines that do one step when the catalog says it is not done. */
  private List<String> guarded(Step step, List<Change> later) {
    return families.script(step.change(), new LaterChanges(later, ddl));
  }
}
