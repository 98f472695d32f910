package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Preconditions.OnFail;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A changeset's preConditions in the {@code --sql} script, decided as {@code upgrade} decides them:
 * {@code onFail} where the condition is false, and {@code onError} where checking it fails (a
 * {@code sqlCheck} of a table that is not there): HALT stops the script, CONTINUE passes the
 * changeset over unrecorded, MARK_RAN records it as ran, WARN says so and runs it. An {@code
 * onError} other than HALT checks the condition inside a block of its own that catches the error;
 * the outcome is kept in the setting {@code migrate.pre} ({@code held}, {@code failed} or {@code
 * error}) for the lines after it.
 *
 * <p>On a rerun over a database found ahead of its revision rows, HALT goes on where upgrade goes
 * on: a false condition that asks for what a later change removed ({@link ConditionsSince}), and a
 * check that fails on what a later change removed ({@link LaterRemoval}); the steps then run, each
 * guarded, and a notice says why.
 */
final class ScriptPreconditions {
  private final PgDdl ddl;
  private final PreconditionSql preconditions;
  private final ScriptRows rows;
  private final String revisionTable;

  ScriptPreconditions(
      PgDdl ddl, PreconditionSql preconditions, ScriptRows rows, String revisionTable) {
    this.ddl = ddl;
    this.preconditions = preconditions;
    this.rows = rows;
    this.revisionTable = revisionTable;
  }

  /**
   * Lines of the changeset's own DO block, in its transaction: they return before its steps where
   * the changeset is passed over or marked ran, and raise where it must stop.
   */
  String inTransaction(Changeset c, List<Change> after) {
    Preconditions p = c.preconditions();
    String holds = preconditions.script(p.condition(), revisionTable);
    String since = since(c, after);
    String explained = p.onError() == OnFail.HALT ? explained(c, after) : null;
    if (p.onError() == OnFail.HALT && explained == null) {
      return "  IF NOT (" + holds + ") THEN\n" + failed(c, p.onFail(), since, true) + "  END IF;\n";
    }
    return settle(holds, true, onError(c, explained, true))
        + "  IF current_setting('migrate.pre') = 'failed' THEN\n"
        + failed(c, p.onFail(), since, true)
        + "  END IF;\n"
        + (p.onError() == OnFail.HALT
            ? ""
            : "  IF current_setting('migrate.pre') = 'error' THEN\n"
                + action(c, p.onError(), true, true)
                + "  END IF;\n");
  }

  /**
   * Outside a transaction the steps are statements of their own: a DO block settles the
   * preconditions first (HALT stops the script, MARK_RAN records the row), then psql's {@code \if}
   * runs the steps only while the changeset is unrecorded and they allow it.
   */
  String autocommit(Changeset c, String unrecorded, List<Change> after) {
    Preconditions p = c.preconditions();
    String holds = preconditions.script(p.condition(), revisionTable);
    String since = since(c, after);
    String explained = p.onError() == OnFail.HALT ? explained(c, after) : null;
    if (p.onError() == OnFail.HALT && explained == null) {
      return block(
              "  IF "
                  + unrecorded
                  + " AND NOT ("
                  + holds
                  + ") THEN\n"
                  + failed(c, p.onFail(), since, false)
                  + "  END IF;\n")
          + "SELECT "
          + unrecorded
          + (p.onFail() == OnFail.WARN
              ? ""
              : " AND (" + holds + (since == null ? "" : " OR " + excused(since)) + ")")
          + " AS migrate_go \\gset\n\\if :migrate_go\n";
    }
    return block(
            "  PERFORM set_config('migrate.pre', 'recorded', false);\n"
                + "  IF "
                + unrecorded
                + " THEN\n"
                + settle(holds, false, onError(c, explained, false))
                + "  END IF;\n"
                + "  IF current_setting('migrate.pre') = 'failed' THEN\n"
                + failed(c, p.onFail(), since, false)
                + "  END IF;\n"
                + (p.onError() == OnFail.HALT
                    ? ""
                    : "  IF current_setting('migrate.pre') = 'error' THEN\n"
                        + action(c, p.onError(), true, false)
                        + "  END IF;\n"))
        + "SELECT current_setting('migrate.pre') IN ("
        + runs(p)
        + ") AS migrate_go \\gset\n\\if :migrate_go\n";
  }

  /**
   * Where the condition asks for an object that a later change removed (see {@link
   * ConditionsSince}): a CASE that gives the words of the first such question that holds, else
   * null; null where no later change removes anything it asks for.
   */
  private String since(Changeset c, List<Change> after) {
    List<LostHistory.Skip> skips =
        new ConditionsSince(null, ddl)
            .skips(c.preconditions().condition(), new LaterChanges(after, ddl)).stream()
                .distinct()
                .toList();
    if (skips.isEmpty()) {
      return null;
    }
    StringBuilder reason = new StringBuilder("CASE");
    for (LostHistory.Skip skip : skips) {
      reason
          .append(" WHEN ")
          .append(skip.when().literal())
          .append(" THEN ")
          .append(literal(skip.reason()));
    }
    return reason.append(" END").toString();
  }

  // On a rerun over a database found ahead, one of the questions holds.
  private static String excused(String since) {
    return "(" + ScriptReplay.PAST + " AND (" + since + ") IS NOT NULL)";
  }

  // A false condition: onFail HALT goes on where a later change removed what it asks for, on a
  // rerun over a database found ahead, as upgrade does (Liquibase halts on it, so it held when the
  // changeset ran); its steps run, each guarded. Any other action as it says.
  private String failed(Changeset c, OnFail action, String since, boolean inTransaction) {
    if (action != OnFail.HALT || since == null) {
      return action(c, action, false, inTransaction);
    }
    return "    IF "
        + excused(since)
        + " THEN\n      RAISE NOTICE '%', "
        + literal("changeset " + c.id() + " (" + c.author() + "): its precondition is false, but ")
        + " || ("
        + since
        + ") || "
        + literal("; its steps run, each guarded")
        + ";\n"
        + (inTransaction ? "" : "      PERFORM set_config('migrate.pre', 'held', false);\n")
        + "    ELSE\n"
        + action(c, action, false, inTransaction)
        + "    END IF;\n";
  }

  // The condition checked in a block of its own, whose error the handler's lines take.
  private static String settle(String holds, boolean local, String handler) {
    return "  BEGIN\n    PERFORM set_config('migrate.pre', CASE WHEN ("
        + holds
        + ") THEN 'held' ELSE 'failed' END, "
        + local
        + ");\n  EXCEPTION WHEN OTHERS THEN\n"
        + handler
        + "  END;\n";
  }

  /**
   * Where the error goes: with onError HALT, on a rerun over a database found ahead, the check is
   * excused where a later change (its own steps' included) removed what it reads, as upgrade
   * excuses it (see {@link LaterRemoval}), and its steps run, each guarded; else it stops the
   * script as it is. With another onError, it is kept as the outcome for the action to follow.
   */
  private static String onError(Changeset c, String explained, boolean local) {
    if (explained == null) {
      return "    PERFORM set_config('migrate.pre', 'error', "
          + local
          + ");\n    PERFORM set_config('migrate.pre_error', SQLERRM, "
          + local
          + ");\n";
    }
    return "    IF "
        + ScriptReplay.PAST
        + " AND ("
        + explained
        + ") THEN\n      RAISE NOTICE '%', "
        + literal(
            "changeset "
                + c.id()
                + " ("
                + c.author()
                + "): its precondition could not be checked (")
        + " || SQLERRM || "
        + literal(
            "), but a later change removes or remakes what it needs, and its effect is in the"
                + " database already; its steps run, each guarded")
        + ";\n      PERFORM set_config('migrate.pre', 'held', "
        + local
        + ");\n    ELSE\n      RAISE;\n    END IF;\n";
  }

  // The rule upgrade excuses a failed check by, over the changes from the changeset's first step.
  private String explained(Changeset c, List<Change> after) {
    if (c.steps().isEmpty()) {
      return null;
    }
    List<Change> from = new ArrayList<>(List.of(c.steps().get(0).change()));
    from.addAll(after);
    Set<String> read = new TreeSet<>();
    reads(c.preconditions().condition(), read);
    return new LaterRemoval(null, ddl).script(new LaterChanges(from, ddl), read);
  }

  // A name after FROM or JOIN in a sqlCheck's query, without its schema or quotes.
  private static final Pattern READS =
      Pattern.compile("(?i)\\b(?:from|join)\\s+(?:\"?[\\w$]+\"?\\s*\\.\\s*)?\"?([\\w$]+)\"?");

  // The relations a condition reads rows of: a rowCount's or tableIsEmpty's table, and the names
  // after FROM and JOIN in a sqlCheck's query.
  private static void reads(Precondition condition, Set<String> read) {
    if (condition instanceof Precondition.SqlCheck x) {
      Matcher m = READS.matcher(x.sql());
      while (m.find()) {
        read.add(m.group(1));
      }
    } else if (condition instanceof Precondition.RowCount x) {
      read.add(x.tableName());
    } else if (condition instanceof Precondition.TableIsEmpty x) {
      read.add(x.tableName());
    } else if (condition instanceof Precondition.And x) {
      x.conditions().forEach(part -> reads(part, read));
    } else if (condition instanceof Precondition.Or x) {
      x.conditions().forEach(part -> reads(part, read));
    } else if (condition instanceof Precondition.Not x) {
      x.conditions().forEach(part -> reads(part, read));
    }
  }

  // The outcomes under which the steps run: held, and a false or failed check whose action is
  // WARN.
  private static String runs(Preconditions p) {
    return "'held'"
        + (p.onFail() == OnFail.WARN ? ", 'failed'" : "")
        + (p.onError() == OnFail.WARN ? ", 'error'" : "");
  }

  // What onFail (or onError) does, as lines; in a transaction CONTINUE and MARK_RAN return before
  // the steps, outside one psql's \if leaves them out. The message is raised through '%', so that
  // no character of the changeset's key is taken for a placeholder.
  private String action(Changeset c, OnFail action, boolean error, boolean inTransaction) {
    String message =
        error
            ? literal("precondition could not be checked for " + c.key() + " (")
                + " || current_setting('migrate.pre_error') || "
                + literal("); onError is " + action)
            : literal("precondition failed for " + c.key());
    String back = inTransaction ? "    RETURN;\n" : "";
    return switch (action) {
      case HALT -> "    RAISE EXCEPTION '%', " + message + ";\n";
      case CONTINUE -> back.isEmpty() ? "    NULL;\n" : back;
      case MARK_RAN -> "    " + rows.insert(c, "mark_ran") + "\n" + back;
      case WARN ->
          "    RAISE NOTICE '%', " + message + " || " + literal("; running it anyway") + ";\n";
    };
  }

  private static String block(String body) {
    return "DO $migrate_do$\nBEGIN\n" + body + "END\n$migrate_do$;\n";
  }
}
