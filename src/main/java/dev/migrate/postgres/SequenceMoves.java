package dev.migrate.postgres;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw statement that sets where a sequence stands: {@code SELECT setval('s', n [, is_called])},
 * or {@code ALTER SEQUENCE s RESTART [WITH n]}. On a rerun over a database ahead of its revision
 * rows it ran before, and the sequence may have given values since: set back, it would give them a
 * second time, and the application's next insert would meet a row it wrote (or, without a unique
 * key, write a second row of the same id). So on such a rerun it is skipped where the sequence
 * would give, next, a value at or past the one the statement makes it give; one that moves the
 * sequence forward runs. A value the statement computes ({@code setval('s', (SELECT max(id) FROM
 * t))}) is read from the rows as they are now, and runs as written; so does any statement on a
 * first run, where moving a sequence back is what the changelog asks.
 */
final class SequenceMoves {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern SETVAL =
      Pattern.compile(
          "SELECT\\s+(?:pg_catalog\\s*\\.\\s*)?setval\\s*\\(\\s*'((?:[^']|'')+)'"
              + "(?:\\s*::\\s*regclass)?\\s*,\\s*([+-]?\\d{1,18})\\s*(?:,\\s*(true|false)\\s*)?\\)"
              + "[\\s;]*",
          FLAGS);
  private static final Pattern RESTART =
      Pattern.compile(
          "ALTER\\s+SEQUENCE\\s+(?:IF\\s+EXISTS\\s+)?"
              + SqlName.PATTERN
              + "\\s+RESTART(?:\\s+(?:WITH\\s+)?([+-]?\\d{1,18}))?[\\s;]*",
          FLAGS);

  // The sequence was read from (pg_sequence_last_value is NULL before that), and the value it
  // gives next is at or past {target} in its direction. Numeric: a last value at the type's end
  // would overflow.
  private static final String PAST =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_sequence q WHERE q.seqrelid = to_regclass(?)"
          + " AND pg_catalog.pg_sequence_last_value(q.seqrelid) IS NOT NULL AND CASE WHEN"
          + " q.seqincrement > 0 THEN pg_catalog.pg_sequence_last_value(q.seqrelid)::numeric"
          + " + q.seqincrement >= {target} ELSE"
          + " pg_catalog.pg_sequence_last_value(q.seqrelid)::numeric + q.seqincrement <= {target}"
          + " END)";

  private SequenceMoves() {}

  /** The script's condition: the same question, asked once its run found the database ahead. */
  static CatalogQuestion inScript(String code, PgDdl ddl) {
    LostHistory.Skip skip = of(code, ddl);
    return skip == null
        ? null
        : new CatalogQuestion(ScriptReplay.AHEAD, List.of()).and(skip.when());
  }

  /**
   * The skip of a statement that sets its sequence to a constant, asked only on a rerun that found
   * the database ahead of its revision rows; null for another statement.
   */
  static LostHistory.Skip of(String code, PgDdl ddl) {
    Matcher m = SETVAL.matcher(code);
    if (m.matches()) {
      boolean called = m.group(3) == null || m.group(3).equalsIgnoreCase("true");
      // Called, the value set is the last one given: the next is one step on.
      return skip(
          m.group(1).replace("''", "'"),
          m.group(2),
          called ? "?::numeric + q.seqincrement" : "?::numeric");
    }
    m = RESTART.matcher(code);
    if (m.matches()) {
      String sequence = ddl.sqlName(m.group(1)).toString();
      return m.group(2) == null
          ? skip(sequence, null, "q.seqstart")
          : skip(sequence, m.group(2), "?::numeric");
    }
    return null;
  }

  private static LostHistory.Skip skip(String sequence, String value, String target) {
    List<String> values =
        value == null ? List.of(sequence) : List.of(sequence, value, value); // {target} twice
    return new LostHistory.Skip(
        new CatalogQuestion(PAST.replace("{target}", target), values),
        "sequence "
            + sequence
            + " gives values at or past what it sets already: set back, it would give again"
            + " values the database may hold");
  }
}
