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
    String code = SqlName.withoutLeadingComments(statement);
    Matcher m;
    List<String> remake;
    String read;
    String what;
    if ((m = FUNCTION.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      what = m.group(1).toLowerCase(Locale.ROOT) + " " + name;
      remake = List.of(code.replaceFirst("(?i)^CREATE\\s+", "CREATE OR REPLACE "));
      read =
          "SELECT string_agg(pg_get_functiondef(p.oid), E'\\n' ORDER BY p.oid) FROM pg_catalog.pg_proc p"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = "
              + PgNames.literal(name.schema())
              + " AND p.proname = "
              + PgNames.literal(name.name());
    } else if ((m = TRIGGER.matcher(code)).matches()) {
      String trigger = ddl.sqlName(m.group(1)).name();
      SqlName table = ddl.sqlName(m.group(2));
      what = "trigger " + trigger + " on " + table;
      remake = List.of("DROP TRIGGER " + PgNames.quote(trigger) + " ON " + table, statement);
      read =
          "SELECT pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t WHERE t.tgname = "
              + PgNames.literal(trigger)
              + " AND t.tgrelid = to_regclass("
              + PgNames.literal(table.toString())
              + ")";
    } else if ((m = POLICY.matcher(code)).matches()) {
      String policy = ddl.sqlName(m.group(1)).name();
      SqlName table = ddl.sqlName(m.group(2));
      what = "policy " + policy + " on " + table;
      remake = List.of("DROP POLICY " + PgNames.quote(policy) + " ON " + table, statement);
      read =
          "SELECT concat_ws(' ', p.polcmd, p.polpermissive, p.polroles::text, pg_get_expr(p.polqual, p.polrelid),"
              + " pg_get_expr(p.polwithcheck, p.polrelid)) FROM pg_catalog.pg_policy p WHERE p.polname = "
              + PgNames.literal(policy)
              + " AND p.polrelid = to_regclass("
              + PgNames.literal(table.toString())
              + ")";
    } else {
      return null;
    }
    String have = catalog.text(read);
    if (have == null) {
      return null;
    }
    String kind = what.substring(0, what.indexOf(' '));
    String bare = m.group(kind.equals("function") || kind.equals("procedure") ? 2 : 1);
    if (after.redefinedBySql(kind, ddl.sqlName(bare).name())) {
      return what
          + " exists; a later change drops or redefines it, and its definition is that change's to check";
    }
    String wanted;
    try {
      wanted = catalog.probe(remake, read);
    } catch (RuntimeException e) {
      return null; // it cannot be made again here (dependencies, rights): the error stands
    }
    return have.equals(wanted) ? what + " exists with the same definition" : null;
  }
}
