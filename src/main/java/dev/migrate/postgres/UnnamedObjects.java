package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index or constraint a raw statement makes without a name ({@code CREATE INDEX ON t …}, {@code
 * ALTER TABLE t ADD UNIQUE …}): run again, PostgreSQL makes a second one under the next free name
 * ({@code t_c_key1}). Whether the table has one of the same definition is told by running the
 * statement where it is undone and comparing the table's definitions, as PostgreSQL prints them
 * without their names: online in a savepoint ({@link SupersededSql#sameUnnamed}), in the {@code
 * --sql} script in a block that is rolled back ({@link #probe}), one question for both.
 */
final class UnnamedObjects {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?ON\\s+(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "[\\s(].*",
          FLAGS);
  private static final Pattern CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+ADD\\s+(?:UNIQUE|PRIMARY\\s+KEY|CHECK|FOREIGN\\s+KEY|EXCLUDE)[\\s(].*",
          FLAGS);
  private static final Pattern PRIMARY_KEY =
      Pattern.compile("ALTER\\s+TABLE\\s+\\S.*?\\s+ADD\\s+PRIMARY\\s+KEY[\\s(].*", FLAGS);

  private UnnamedObjects() {}

  /**
   * The table such a statement (without leading comments) makes its object on; null for another
   * statement, or for an ALTER TABLE of several actions, each of which is asked alone.
   */
  static SqlName table(String code, PgDdl ddl) {
    Matcher m = INDEX.matcher(code);
    if (!m.matches()) {
      m = CONSTRAINT.matcher(code);
      if (!m.matches() || AlterActions.of(code) != null) {
        return null;
      }
    }
    return SqlName.of(m.group(1), ddl.sqlSchema());
  }

  /** Whether it adds a primary key: a table has one, so the one there is dropped first. */
  static boolean primaryKey(String code) {
    return PRIMARY_KEY.matcher(code).matches();
  }

  /** The statement as it is tried: CONCURRENTLY cannot run where it is undone. */
  static String tried(String code) {
    return code.replaceFirst("(?i)\\s+CONCURRENTLY\\s+", " ");
  }

  /** A query of the table's index and constraint definitions without their names, one a line. */
  static String definitions(SqlName table) {
    String oid = "to_regclass(" + literal(table.toString()) + ")";
    return "SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
        + "SELECT regexp_replace(pg_catalog.pg_get_indexdef(x.indexrelid),"
        + " '^CREATE (UNIQUE )?INDEX \\S+ ON ', 'CREATE \\1INDEX ON ') AS d"
        + " FROM pg_catalog.pg_index x WHERE x.indrelid = "
        + oid
        + " UNION ALL SELECT c.contype::text || ' ' || pg_catalog.pg_get_constraintdef(c.oid)"
        + " FROM pg_catalog.pg_constraint c WHERE c.contype <> 'n' AND c.conrelid = "
        + oid
        + ") AS defs";
  }

  /**
   * The setting in which the script's probe notes that the object is there (see {@link #probe}).
   */
  static final String FOUND = "migrate.unnamed";

  /** The probe's finding in {@code setting}, as a question: the object is there already. */
  static CatalogQuestion found(String setting) {
    return new CatalogQuestion(
        "coalesce(current_setting(" + literal(setting) + ", true), '') = 'on'", List.of());
  }

  /**
   * PL/pgSQL lines that note in {@code setting} whether, once the script found the database ahead,
   * the table has an object of the same definition as the statement makes, decided as upgrade
   * decides it (a concurrent build is tried without CONCURRENTLY); null for a statement that makes
   * no unnamed object. What the statement then does is the caller's: it runs unless {@link #found}.
   */
  static List<String> probe(String statement, PgDdl ddl, String setting) {
    String code = SqlName.withoutLeadingComments(statement).strip();
    SqlName table = table(code, ddl);
    if (table == null) {
      return null;
    }
    boolean key = primaryKey(code);
    String read = "string_to_array((" + definitions(table) + "), E'\\n')";
    String dropKey =
        key
            ? "      EXECUTE (SELECT format('ALTER TABLE %s DROP CONSTRAINT %I CASCADE', "
                + literal(table.toString())
                + ", conname) FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass("
                + literal(table.toString())
                + ") AND contype = 'p');\n"
            : "";
    String same =
        key
            ? "(SELECT array_agg(d ORDER BY d) FROM unnest(migrate_before) d) IS NOT DISTINCT FROM"
                + " (SELECT array_agg(d ORDER BY d) FROM unnest(migrate_after) d)"
            : "migrate_added IS NOT NULL AND migrate_added <@ migrate_before";
    return List.of(
        "DECLARE\n"
            + "  migrate_before text[];\n"
            + "  migrate_after text[];\n"
            + "  migrate_added text[];\n"
            + "  migrate_same boolean := false;\n"
            + "BEGIN\n"
            + "  IF "
            + ScriptReplay.AHEAD
            + " AND to_regclass("
            + literal(table.toString())
            + ") IS NOT NULL THEN\n"
            + "    migrate_before := coalesce("
            + read
            + ", '{}');\n"
            + ScriptTrial.tried(
                "    ",
                (key
                        ? "      IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint"
                            + " WHERE conrelid = to_regclass("
                            + literal(table.toString())
                            + ") AND contype = 'p') THEN\n"
                            + dropKey
                            + "      END IF;\n"
                        : "")
                    + "      "
                    + Family.execute(tried(code))
                    + "\n      migrate_after := coalesce("
                    + read
                    + ", '{}');\n",
                "migrate_after := NULL;")
            + "    migrate_added := (SELECT array_agg(d) FROM (SELECT unnest(migrate_after) EXCEPT"
            + " ALL SELECT unnest(migrate_before)) AS added (d));\n"
            + "    migrate_same := migrate_after IS NOT NULL AND "
            + same
            + ";\n"
            + "  END IF;\n"
            + "  PERFORM set_config("
            + literal(setting)
            + ", CASE WHEN migrate_same THEN 'on' ELSE 'off' END, false);\n"
            + "  IF migrate_same THEN\n"
            + "    RAISE NOTICE '%', "
            + literal(
                "table " + table + " already has an index or constraint of the same definition")
            + ";\n"
            + "  END IF;\n"
            + "END;");
  }
}
