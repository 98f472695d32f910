package dev.migrate.postgres;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a raw-SQL statement that failed needs not succeed, asked after the failure was rolled back to
 * a savepoint: the rows an INSERT met a unique key over are all there already, value for value; or
 * the function, procedure, trigger or policy it makes exists and is the same as it would make.
 */
final class StatementExcuses {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern FUNCTION =
      Pattern.compile("CREATE\\s+(FUNCTION|PROCEDURE)\\s+" + SqlName.PATTERN + "\\s*\\(.*", FLAGS);
  private static final Pattern TRIGGER =
      Pattern.compile(
          "CREATE\\s+(?:CONSTRAINT\\s+)?TRIGGER\\s+"
              + SqlName.PATTERN
              + "\\s.*?\\sON\\s+"
              + SqlName.PATTERN
              + "\\s.*",
          FLAGS);
  private static final Pattern POLICY =
      Pattern.compile(
          "CREATE\\s+POLICY\\s+" + SqlName.PATTERN + "\\s+ON\\s+" + SqlName.PATTERN + "(\\s.*)?",
          FLAGS);
  private static final Pattern ADD_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+ADD\\s+CONSTRAINT\\s+"
              + SqlName.PATTERN
              + "\\s.*",
          FLAGS);
  private static final Pattern REPLACE_VIEW =
      Pattern.compile(
          "CREATE\\s+OR\\s+REPLACE\\s+(?:TEMP(?:ORARY)?\\s+)?(?:RECURSIVE\\s+)?VIEW\\s+"
              + SqlName.PATTERN
              + "[\\s(].*",
          FLAGS);

  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final RowsPresent rows;
  private final SetAgainLater setAgain;

  StatementExcuses(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.rows = new RowsPresent(catalog, ddl);
    this.setAgain = new SetAgainLater(catalog, ddl);
  }

  /** See {@link RowsPresent#rowsPresent}. */
  String rowsPresent(String statement, LaterChanges after) {
    return rows.rowsPresent(statement, after);
  }

  /** See {@link SetAgainLater#why}. */
  String setAgainLater(String statement, LaterChanges after) {
    return setAgain.why(statement, after);
  }

  /** See {@link RowsPresent#insertsMissingColumn}. */
  boolean insertsMissingColumn(String statement) {
    return rows.insertsMissingColumn(statement);
  }

  /**
   * For an {@code ALTER TABLE t ADD CONSTRAINT c …} that failed (its rows do not satisfy it, a
   * column or table it names is gone): why it needs not succeed, when c is absent and a later
   * change drops it. The rerun is over a database that went past that drop. Null otherwise.
   */
  String constraintDroppedLater(String statement, LaterChanges after) {
    Matcher m = ADD_CONSTRAINT.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    SqlName table = ddl.sqlName(m.group(1));
    String constraint = ddl.sqlName(m.group(2)).name();
    boolean absent = !catalog.constraintExists(table.toString(), constraint);
    return absent && after.dropsConstraint(table.schema(), table.name(), constraint)
        ? "constraint " + constraint + " on " + table + " is absent, and a later change drops it"
        : null;
  }

  /**
   * For a CREATE OR REPLACE VIEW that failed (the view in place has columns it would drop, or of
   * other types): why it needs not succeed, when the view exists and a later change redefines or
   * drops it. The view in place is then that change's. Null otherwise.
   */
  String viewRedefinedLater(String statement, LaterChanges after) {
    Matcher m = REPLACE_VIEW.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    SqlName view = ddl.sqlName(m.group(1));
    return catalog.relationExists(view.schema(), view.name())
            && after.redefineView(view.schema(), view.name())
        ? "view " + view + " exists, and a later change redefines or drops it"
        : null;
  }

  /**
   * For a CREATE FUNCTION, PROCEDURE, TRIGGER or POLICY that failed because its object exists:
   * whether the object is the same as the statement makes it, judged by PostgreSQL itself. The
   * statement is run again in a savepoint over the object (OR REPLACE, or after dropping it), the
   * stored definition is read and compared with the one in place, and the savepoint is rolled back.
   * Returns why it needs not run, or null when the object differs (the error stands).
   */
  String sameDefinition(String statement, LaterChanges after) {
    Redefinition r = redefinition(SqlName.withoutLeadingComments(statement), ddl);
    if (r == null) {
      return null;
    }
    String have = catalog.text(r.read());
    if (have == null) {
      return null;
    }
    if (after.redefinedBySql(r.kind(), r.name())) {
      return r.redefinedLater();
    }
    String wanted;
    try {
      wanted = catalog.probe(r.remake(), r.read());
    } catch (RuntimeException e) {
      return null; // it cannot be made again here (dependencies, rights): the error stands
    }
    return have.equals(wanted) ? r.same() : null;
  }

  /**
   * What a CREATE FUNCTION, PROCEDURE, TRIGGER or POLICY makes, for {@link #sameDefinition} and the
   * script's side of it: the statements that make it again over the one in place (OR REPLACE, or
   * after dropping it), and the query that reads its stored definition.
   */
  record Redefinition(String what, String kind, String name, List<String> remake, String read) {
    String same() {
      return what + " exists with the same definition";
    }

    String redefinedLater() {
      return what
          + " exists; a later change drops or redefines it, and its definition is that change's to"
          + " check";
    }

    /**
     * The script's side: PL/pgSQL lines that run {@code statement} and, where it fails because its
     * object exists, make it again in a block that is rolled back and compare the definitions read,
     * re-raising the error where they differ ({@code later}: a later change redefines it, and it is
     * passed over).
     */
    List<String> script(String statement, boolean later) {
      String passed = "  RAISE NOTICE '%', " + PgNames.literal(redefinedLater()) + ";";
      String compared =
          "  DECLARE\n"
              + "    migrate_have text := ("
              + read
              + ");\n"
              + "    migrate_wanted text;\n"
              + "  BEGIN\n"
              + ScriptTrial.tried(
                  "    ",
                  String.join(
                          "",
                          remake.stream()
                              .map(sql -> "      " + Family.execute(sql) + "\n")
                              .toList())
                      + "      migrate_wanted := ("
                      + read
                      + ");\n",
                  "migrate_wanted := NULL;")
              + "    IF migrate_have IS NULL OR migrate_have IS DISTINCT FROM migrate_wanted THEN\n"
              + "      RAISE;\n"
              + "    END IF;\n"
              + "  END;";
      return List.of(
          "BEGIN\n  "
              + Family.execute(statement)
              + "\nEXCEPTION WHEN duplicate_function OR duplicate_object THEN\n"
              + (later ? passed : compared)
              + "\nEND;");
    }
  }

  /** The redefinition of such a statement (without leading comments); null for another. */
  static Redefinition redefinition(String code, PgDdl ddl) {
    Matcher m;
    if ((m = FUNCTION.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      return new Redefinition(
          kind + " " + name,
          kind,
          name.name(),
          List.of(code.replaceFirst("(?i)^CREATE\\s+", "CREATE OR REPLACE ")),
          "SELECT string_agg(pg_get_functiondef(p.oid), E'\\n' ORDER BY p.oid) FROM pg_catalog.pg_proc p"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = "
              + PgNames.literal(name.schema())
              + " AND p.proname = "
              + PgNames.literal(name.name()));
    } else if ((m = TRIGGER.matcher(code)).matches()) {
      String trigger = ddl.sqlName(m.group(1)).name();
      SqlName table = ddl.sqlName(m.group(2));
      return new Redefinition(
          "trigger " + trigger + " on " + table,
          "trigger",
          trigger,
          List.of("DROP TRIGGER " + PgNames.quote(trigger) + " ON " + table, code),
          "SELECT pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t WHERE t.tgname = "
              + PgNames.literal(trigger)
              + " AND t.tgrelid = to_regclass("
              + PgNames.literal(table.toString())
              + ")");
    } else if ((m = POLICY.matcher(code)).matches()) {
      String policy = ddl.sqlName(m.group(1)).name();
      SqlName table = ddl.sqlName(m.group(2));
      return new Redefinition(
          "policy " + policy + " on " + table,
          "policy",
          policy,
          List.of("DROP POLICY " + PgNames.quote(policy) + " ON " + table, code),
          "SELECT concat_ws(' ', p.polcmd, p.polpermissive, p.polroles::text, pg_get_expr(p.polqual, p.polrelid),"
              + " pg_get_expr(p.polwithcheck, p.polrelid)) FROM pg_catalog.pg_policy p WHERE p.polname = "
              + PgNames.literal(policy)
              + " AND p.polrelid = to_regclass("
              + PgNames.literal(table.toString())
              + ")");
    }
    return null;
  }
}
