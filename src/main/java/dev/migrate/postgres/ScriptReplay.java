package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --sql} script's side of a rerun that finds the database ahead of its revision rows
 * (see {@link Replay}, which {@code upgrade} asks): the script notes, as psql runs it, when a step
 * of a pending changeset finds the object it makes in place while no earlier step of the same run
 * made it, and from then on a statement that writes rows into a table holding rows this run did not
 * write may have run before. It is skipped when an earlier step of its own changeset found its
 * object (the changeset ran whole before); otherwise it runs, and when it changed a row the
 * changeset stops, rolled back, with {@code upgrade}'s message (one a unique key refuses stops it
 * with the server's). An INSERT is first asked whether its rows are in place ({@link
 * ScriptRowsFound}), which also finds a changeset whose revision row alone was lost. The script
 * asks less than {@code upgrade}, which also leaves out of its comparisons what later changes
 * wrote: it stops where {@code upgrade} may go on, never the other way.
 *
 * <p>What the run found lives in settings of the session (set_config), as psql runs the script's
 * blocks one after another: {@code migrate.ahead} (a step found its object in place), {@code
 * migrate.past} (the same, found outside a first changeset killed half done: the later changes ran,
 * see {@link #PAST}), {@code migrate.made} and {@code migrate.written} (the objects this run made,
 * the tables whose rows are all its own), and for the changeset being run {@code migrate.ran} (a
 * step of it found its object) and {@code migrate.partial} (the first changeset of the run, outside
 * a transaction: a run killed inside it left it half done, so what it finds is no sign that it ran
 * whole) and {@code migrate.wrote} (outside a transaction, a block of it wrote something).
 */
final class ScriptReplay {
  /** The SQLSTATE with which a write that may have run before stops the script. */
  static final String MAY_HAVE_RUN = "MG001";

  /** The condition that holds once the script has found the database ahead of its rows. */
  static final String AHEAD = "current_setting('migrate.ahead', true) = 'on'";

  /**
   * The same, found outside the first changeset of a run outside a transaction (which a killed run
   * leaves half done, every later change undone): then the later changes ran, and what they dropped
   * stays dropped ({@link DroppedSince}).
   */
  static final String PAST = "current_setting('migrate.past', true) = 'on'";

  // What only a watched write's lines hold.
  static final String WRITE = "set_config('migrate.write', 'run', true)";

  private final PgDdl ddl;
  private Replay replay; // made at the first note: upgrade builds a SqlScript it never renders

  ScriptReplay(PgDdl ddl) {
    this.ddl = ddl;
  }

  private Replay replay() {
    if (replay == null) {
      replay = new Replay(null, ddl, null);
    }
    return replay;
  }

  /** Whether these PL/pgSQL lines hold a watched write ({@link #write}). */
  static boolean watched(String line) {
    return line.contains(WRITE);
  }

  /**
   * {@code lines} in a block of their own that, when a write stops them, rolls them back, runs
   * {@code unrecordFound} (which deletes the rows this script wrote for changesets that found
   * everything in place, so that the next run finds them again and stops here again, as {@code
   * upgrade} leaves them), and returns, with the reason kept for {@link #stopIfStopped} after
   * {@code changeset}, the words that say which changeset failed where.
   */
  static List<String> stoppable(List<String> lines, String unrecordFound, String changeset) {
    List<String> out = new ArrayList<>();
    out.add("BEGIN");
    out.addAll(lines);
    out.add(
        "EXCEPTION WHEN SQLSTATE '"
            + MAY_HAVE_RUN
            + "' THEN\n  "
            + unrecordFound
            + "\n  PERFORM set_config('migrate.stop', "
            + literal(changeset + ":\n  ")
            + " || replace(SQLERRM, E'\\n', E'\\n  '), false);\n  RETURN;\nEND;");
    return out;
  }

  /** The statement, after a stoppable block has committed, that stops the script if it stopped. */
  static String stopIfStopped() {
    return "DO $migrate_do$\nBEGIN\n"
        + "  IF current_setting('migrate.stop', true) <> '' THEN\n"
        + "    RAISE EXCEPTION '%', current_setting('migrate.stop');\n"
        + "  END IF;\n"
        + "END\n$migrate_do$;\n";
  }

  /** The statement that starts a run's record of what it found, before the first changeset. */
  static String start() {
    return "DO $migrate_do$\nBEGIN\n"
        + "  PERFORM set_config('migrate.ahead', 'off', false);\n"
        + "  PERFORM set_config('migrate.past', 'off', false);\n"
        + "  PERFORM set_config('migrate.made', '|', false);\n"
        + "  PERFORM set_config('migrate.written', '|', false);\n"
        + "  PERFORM set_config('migrate.started', 'off', false);\n"
        + "  PERFORM set_config('migrate.stop', '', false);\n"
        + "END\n$migrate_do$;\n";
  }

  /**
   * PL/pgSQL lines that begin a changeset, once its row is known to be missing. Its first INSERT
   * asks whether its rows are in place ({@link ScriptRowsFound}), unless it runs again by design
   * (runAlways, runOnChange).
   */
  static List<String> changeset(Changeset c) {
    boolean transactional = c.runInTransaction();
    return List.of(
        "PERFORM set_config('"
            + ScriptRowsFound.ASKED
            + "', "
            + (c.runAlways() || c.runOnChange() ? "'on'" : "'off'")
            + ", false);",
        "PERFORM set_config('migrate.ran', 'off', false);",
        "PERFORM set_config('migrate.partial', CASE WHEN "
            + (transactional ? "true" : "false")
            + " OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END,"
            + " false);",
        "PERFORM set_config('migrate.started', 'on', false);",
        "PERFORM set_config('migrate.wrote', 'off', false);");
  }

  /**
   * The line that ends a block of a changeset outside a transaction: it notes whether the block
   * wrote anything (a transaction id was assigned), which its row says (see {@link
   * ScriptRows#insertLast}).
   */
  static String wrote() {
    return "IF pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL THEN\n"
        + "  PERFORM set_config('migrate.wrote', 'on', false);\n"
        + "END IF;";
  }

  /** PL/pgSQL lines, before a step, that note whether it finds its object in place. */
  List<String> note(Change change, List<Change> later) {
    return note(replay().madeKey(change), replay().placed(change, later));
  }

  /** The same before a raw statement. */
  List<String> note(String statement, List<Change> later) {
    return note(
        replay().statements().madeKey(statement), replay().statements().placed(statement, later));
  }

  // Found in place while this run made no object of that key: the database is ahead. Absent, the
  // step makes it, and a table made so holds only this run's rows.
  private static List<String> note(String key, CatalogQuestion placed) {
    if (key == null || placed == null) {
      return List.of();
    }
    String made =
        "  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || "
            + literal(key + "|")
            + ", false);\n";
    String table = Replay.madeRelation(key);
    String written = table != null ? writtenBy(table, "  ") : "";
    return List.of(
        "IF position("
            + literal("|" + key + "|")
            + " IN current_setting('migrate.made', true)) = 0 THEN\n"
            + "  IF "
            + placed.literal()
            + " THEN\n"
            + "    PERFORM set_config('migrate.ahead', 'on', false);\n"
            + "    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN\n"
            + "      PERFORM set_config('migrate.ran', 'on', false);\n"
            + "      PERFORM set_config('migrate.past', 'on', false);\n"
            + "    END IF;\n"
            + "  ELSE\n"
            + made
            + written
            + "  END IF;\n"
            + "END IF;");
  }

  private static String writtenBy(String table, String indent) {
    return indent
        + "PERFORM set_config('migrate.written', current_setting('migrate.written', true) || "
        + literal(table + "|")
        + ", false);\n";
  }

  /** Whether a statement writes rows, so that {@link #write} watches it. */
  static boolean watches(String statement, PgDdl ddl) {
    return RowWrites.table(SqlName.withoutLeadingComments(statement), ddl) != null;
  }

  /**
   * PL/pgSQL lines that run a statement, watched as above when it writes rows: {@code
   * migrate.write} says, for this statement, {@code run}, {@code skip}, or the rows' fingerprint to
   * compare after it ran. The statement is written once, however long (a loadData's rows). Each
   * question about the table is asked in an IF of its own, reached only where the table is there:
   * PL/pgSQL plans a condition whole, and a table the name does not find (a temporary one) would
   * fail it.
   */
  static List<String> write(String statement, PgDdl ddl) {
    SqlName table = RowWrites.table(SqlName.withoutLeadingComments(statement), ddl);
    if (table == null) {
      return List.of(Family.execute(statement));
    }
    String sql = statement.strip();
    String fingerprint = "(" + RowWrites.fingerprint(table, "r::text") + ")";
    String asked = ScriptRowsFound.asked(sql, table, "migrate_sql");
    String run = asked.isEmpty() ? Family.execute(sql) : "EXECUTE migrate_sql;";
    String watch = watch(table, sql, fingerprint, run, RowWrites.changesRowsInPlace(sql));
    return List.of(
        asked.isEmpty()
            ? watch
            : "DECLARE\n  migrate_sql text := "
                + literal(JdbcText.sent(sql))
                + ";\n  migrate_found boolean := false;\nBEGIN\n"
                + asked
                + watch
                + "\nEND;");
  }

  /**
   * The end of an IF condition, and the start of its body: the table is there, this run did not
   * begin writing it, and, where it holds no rows, what is written from here on is this run's. An
   * ELSIF or ELSE for a table with rows follows.
   */
  static String heldRows(SqlName table) {
    return " AND to_regclass("
        + literal(table.toString())
        + ") IS NOT NULL AND position("
        + literal("|" + table + "|")
        + " IN current_setting('migrate.written', true)) = 0 THEN\n"
        + "  IF NOT EXISTS (SELECT 1 FROM "
        + table
        + ") THEN\n"
        + writtenBy(table.toString(), "    ");
  }

  // An UPDATE or DELETE of a table that holds no rows has none to change, and is skipped as
  // upgrade skips it (RowWrites#nothingToChange): run over a schema later changes moved on, it
  // could only fail.
  private static String watch(
      SqlName table, String sql, String fingerprint, String run, boolean inPlace) {
    return "PERFORM "
        + WRITE
        + ";\n"
        + "IF "
        + AHEAD
        + heldRows(table)
        + (inPlace
            ? "    RAISE NOTICE '%', "
                + literal(table + " holds no rows: the statement has none to change")
                + ";\n    PERFORM set_config('migrate.write', 'skip', true);\n"
            : "")
        + "  ELSIF current_setting('migrate.ran', true) = 'on' THEN\n"
        + "    RAISE NOTICE '%', "
        + literal(RowWrites.skippedAsRan(sql))
        + ";\n"
        + "    PERFORM set_config('migrate.write', 'skip', true);\n"
        + "  ELSE\n"
        + "    PERFORM set_config('migrate.write', "
        + fingerprint
        + ", true);\n"
        + "  END IF;\n"
        + "END IF;\n"
        + "IF current_setting('migrate.write', true) <> 'skip' THEN\n"
        + "  "
        + run
        + "\n  IF current_setting('migrate.write', true) <> 'run' THEN\n"
        + "    IF "
        + fingerprint
        + " IS DISTINCT FROM current_setting('migrate.write', true) THEN\n"
        + "      RAISE EXCEPTION USING ERRCODE = '"
        + MAY_HAVE_RUN
        + "', MESSAGE = "
        + literal(RowWrites.mayHaveRun(table, sql) + SCRIPT_ADVICE)
        + ";\n    END IF;\n  END IF;\n"
        + "END IF;";
  }

  private static final String SCRIPT_ADVICE =
      "\n(migrate upgrade against this database also compares the rows an INSERT writes with"
          + " those in place.)";
}
