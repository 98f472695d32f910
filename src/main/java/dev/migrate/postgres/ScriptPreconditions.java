package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Changeset;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Preconditions.OnFail;

/**
 * A changeset's preConditions in the {@code --sql} script, decided as {@code upgrade} decides them:
 * {@code onFail} where the condition is false, and {@code onError} where checking it fails (a
 * {@code sqlCheck} of a table that is not there): HALT stops the script, CONTINUE passes the
 * changeset over unrecorded, MARK_RAN records it as ran, WARN says so and runs it. An {@code
 * onError} other than HALT checks the condition inside a block of its own that catches the error;
 * the outcome is kept in the setting {@code migrate.pre} ({@code held}, {@code failed} or {@code
 * error}) for the lines after it.
 */
final class ScriptPreconditions {
  private final PreconditionSql preconditions;
  private final ScriptRows rows;
  private final String revisionTable;

  ScriptPreconditions(PreconditionSql preconditions, ScriptRows rows, String revisionTable) {
    this.preconditions = preconditions;
    this.rows = rows;
    this.revisionTable = revisionTable;
  }

  /**
   * Lines of the changeset's own DO block, in its transaction: they return before its steps where
   * the changeset is passed over or marked ran, and raise where it must stop.
   */
  String inTransaction(Changeset c) {
    Preconditions p = c.preconditions();
    String holds = preconditions.script(p.condition(), revisionTable);
    if (p.onError() == OnFail.HALT) {
      return "  IF NOT (" + holds + ") THEN\n" + action(c, p.onFail(), false, true) + "  END IF;\n";
    }
    return settle(holds, true)
        + "  IF current_setting('migrate.pre') = 'failed' THEN\n"
        + action(c, p.onFail(), false, true)
        + "  END IF;\n"
        + "  IF current_setting('migrate.pre') = 'error' THEN\n"
        + action(c, p.onError(), true, true)
        + "  END IF;\n";
  }

  /**
   * Outside a transaction the steps are statements of their own: a DO block settles the
   * preconditions first (HALT stops the script, MARK_RAN records the row), then psql's {@code \if}
   * runs the steps only while the changeset is unrecorded and they allow it.
   */
  String autocommit(Changeset c, String unrecorded) {
    Preconditions p = c.preconditions();
    String holds = preconditions.script(p.condition(), revisionTable);
    if (p.onError() == OnFail.HALT) {
      return block(
              "  IF "
                  + unrecorded
                  + " AND NOT ("
                  + holds
                  + ") THEN\n"
                  + action(c, p.onFail(), false, false)
                  + "  END IF;\n")
          + "SELECT "
          + unrecorded
          + (p.onFail() == OnFail.WARN ? "" : " AND (" + holds + ")")
          + " AS migrate_go \\gset\n\\if :migrate_go\n";
    }
    return block(
            "  PERFORM set_config('migrate.pre', 'recorded', false);\n"
                + "  IF "
                + unrecorded
                + " THEN\n"
                + settle(holds, false)
                + "  END IF;\n"
                + "  IF current_setting('migrate.pre') = 'failed' THEN\n"
                + action(c, p.onFail(), false, false)
                + "  END IF;\n"
                + "  IF current_setting('migrate.pre') = 'error' THEN\n"
                + action(c, p.onError(), true, false)
                + "  END IF;\n")
        + "SELECT current_setting('migrate.pre') IN ("
        + runs(p)
        + ") AS migrate_go \\gset\n\\if :migrate_go\n";
  }

  // The condition checked in a block of its own: an error in it is caught and kept as the outcome.
  private static String settle(String holds, boolean local) {
    String scope = local ? "true" : "false";
    return "  BEGIN\n    PERFORM set_config('migrate.pre', CASE WHEN ("
        + holds
        + ") THEN 'held' ELSE 'failed' END, "
        + scope
        + ");\n  EXCEPTION WHEN OTHERS THEN\n"
        + "    PERFORM set_config('migrate.pre', 'error', "
        + scope
        + ");\n    PERFORM set_config('migrate.pre_error', SQLERRM, "
        + scope
        + ");\n  END;\n";
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
