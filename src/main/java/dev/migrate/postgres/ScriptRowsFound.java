package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script's side of the question {@code upgrade} asks before a run has found the database ahead
 * of its revision rows (see ChangesetRunner's rowsFoundFirst): the first INSERT of a changeset into
 * a table that held rows before this run wrote it, are its rows all there already? psql has no
 * catalog of types to compare values as, so the script asks PostgreSQL: in a block that is rolled
 * back, it runs the INSERT into an empty copy of the table (its defaults, identity and generated
 * columns; no key to refuse a row) with RETURNING, and counts, for each row it returned, the rows
 * equal to it in the table. When every row is there as often as it is written, the changeset ran
 * before: the database is ahead, and the watch of {@link ScriptReplay#write} skips the statement. A
 * value given afresh each time (now(), nextval) is not compared, as upgrade does not compare it.
 */
final class ScriptRowsFound {
  private static final Pattern INSERT =
      Pattern.compile(
          "INSERT\\s+INTO\\s+" + SqlName.PATTERN + "\\s*(?:\\(([^)]*)\\))?\\s*(.*)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  // Up to the end of the table's name, after any comments.
  private static final Pattern HEAD =
      Pattern.compile(
          "(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*INSERT\\s+INTO\\s+" + SqlName.PATTERN,
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The setting that says an INSERT of the changeset being run was asked so. */
  static final String ASKED = "migrate.asked";

  private ScriptRowsFound() {}

  /**
   * PL/pgSQL lines that ask it of {@code code}, an INSERT into {@code table} run by {@code EXECUTE
   * sql} where {@code sql} names a variable holding it; none where the INSERT cannot be asked so
   * (RETURNING or ON CONFLICT of its own, or nothing of its rows to compare).
   */
  // A nextval the copy's defaults call would draw from the table's own sequence, which a rollback
  // does not give back: those columns are given nothing (their values are left out of the
  // comparison, as values given afresh are).
  private static final String NO_SEQUENCES =
      "      EXECUTE COALESCE('ALTER TABLE pg_temp.migrate_probe ' || (SELECT string_agg(format("
          + "'ALTER COLUMN %I DROP DEFAULT, ALTER COLUMN %I DROP NOT NULL', a.attname, a.attname),"
          + " ', ') FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_attrdef d ON d.adrelid ="
          + " a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = 'pg_temp.migrate_probe'::regclass"
          + " AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%'), 'SELECT 1');\n";

  static String asked(String code, SqlName table, String sql) {
    String returned = returned(code);
    Matcher head = HEAD.matcher(JdbcText.sent(code));
    if (returned == null || !head.lookingAt()) {
      return "";
    }
    String old = returned.equals("*") ? "o.*" : "o." + returned.replace(", ", ", o.");
    // The rows go to an empty copy of the table, where no key refuses them and from where they
    // are compared; RETURNING on a line of its own: the statement may end with a -- comment.
    String query =
        " || "
            + literal(
                "\nRETURNING "
                    + returned
                    + ") SELECT EXISTS (SELECT 1 FROM i) AND NOT EXISTS (SELECT 1 FROM i n WHERE"
                    + " (SELECT count(*) FROM "
                    + table
                    + " o WHERE ROW("
                    + old
                    + ") IS NOT DISTINCT FROM ROW(n.*)) < (SELECT count(*) FROM i m WHERE ROW(m.*)"
                    + " IS NOT DISTINCT FROM ROW(n.*)))");
    String trial =
        ScriptTrial.tried(
            "    ",
            "      CREATE TEMPORARY TABLE migrate_probe (LIKE "
                + table
                + " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED);\n"
                + NO_SEQUENCES
                + "      EXECUTE 'WITH i AS (INSERT INTO pg_temp.migrate_probe' ||"
                + " regexp_replace(substr("
                + sql
                + ", "
                + (head.end() + 1)
                + "), '[;\\s]+$', '')"
                + query
                + " INTO migrate_found;\n",
            "NULL;");
    // Once the database is found ahead, every INSERT of a changeset not yet found to have run is
    // asked, as upgrade asks it (Replay#rowsAgain); before, only the first of a changeset.
    return "IF (CASE WHEN "
        + ScriptReplay.AHEAD
        + " THEN current_setting('migrate.ran', true) IS DISTINCT FROM 'on' ELSE current_setting('"
        + ASKED
        + "', true) = 'off' END)"
        + ScriptReplay.heldRows(table)
        + "  ELSE\n"
        + "    PERFORM set_config('"
        + ASKED
        + "', 'on', false);\n"
        + trial
        + "    IF migrate_found THEN\n"
        + "      RAISE NOTICE '%', "
        + literal("its rows are in " + table + " already, value for value: it ran before")
        + ";\n"
        + "      PERFORM set_config('migrate.ahead', 'on', false);\n"
        + "      IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN\n"
        + "        PERFORM set_config('migrate.ran', 'on', false);\n"
        + "        PERFORM set_config('migrate.past', 'on', false);\n"
        + "      END IF;\n"
        + "    END IF;\n"
        + "  END IF;\n"
        + "END IF;\n";
  }

  // The columns to compare, as RETURNING names them: the INSERT's list without those given a
  // fresh value; * for an INSERT without a list whose values are all constant; null for none.
  private static String returned(String code) {
    Matcher m = INSERT.matcher(SqlName.withoutLeadingComments(code));
    String rest = m.matches() ? m.group(3) : null;
    if (rest == null || rest.toUpperCase(Locale.ROOT).matches(RowsPresent.CONFLICT_OR_RETURNING)) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    if (m.group(2) != null) {
      for (String column : m.group(2).split(",")) {
        columns.add(column.strip());
      }
    }
    boolean values = rest.regionMatches(true, 0, "VALUES", 0, 6);
    List<List<String>> rows =
        values ? ValuesList.rows(rest.strip().replaceAll(";\\s*$", "")) : List.of();
    List<String> compared = new ArrayList<>(columns);
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (RowsPresent.VOLATILE.matcher(row.get(i).strip()).matches()) {
          if (columns.isEmpty()) {
            return null; // no names to leave it out by
          }
          compared.remove(i < columns.size() ? columns.get(i) : null);
        }
      }
    }
    if (columns.isEmpty()) {
      return "*";
    }
    return compared.isEmpty() ? null : String.join(", ", compared);
  }
}
