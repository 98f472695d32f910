package dev.migrate.postgres;

import java.util.ArrayList;
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
  private static final Pattern INSERT =
      Pattern.compile(
          "INSERT\\s+INTO\\s+" + SqlName.PATTERN + "\\s*\\(([^)]*)\\)\\s*(VALUES\\s*\\(.*)", FLAGS);
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
  private static final Pattern INSERT_COLUMNS =
      Pattern.compile("INSERT\\s+INTO\\s+" + SqlName.PATTERN + "\\s*\\(([^)]*)\\).*", FLAGS);
  private static final Pattern VOLATILE =
      Pattern.compile(
          "(?is).*(\\bnextval\\s*\\(|\\b(gen_random_uuid|uuid_generate_v[14]|now|clock_timestamp"
              + "|statement_timestamp|transaction_timestamp|random|timeofday)\\s*\\(\\s*\\)"
              + "|current_timestamp|localtimestamp).*");
  private static final Pattern SUBQUERY = Pattern.compile("(?is)\\(\\s*select\\s.*\\)");

  private final PgCatalog catalog;
  private final PgDdl ddl;

  StatementExcuses(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  private SqlName name(String text) {
    return SqlName.of(text, ddl.schema(null));
  }

  private String identifier(String text) {
    return name(text).name();
  }

  /**
   * For an {@code INSERT INTO t (columns) VALUES …} that met a unique key: whether every row it
   * inserts is in the table already with the same values (compared as the columns' types), which
   * makes it done; null when not, or when the statement is not of that simple form.
   */
  String rowsPresent(String statement, LaterChanges after) {
    Matcher m = INSERT.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()
        || m.group(3)
            .toUpperCase(Locale.ROOT)
            .matches("(?s).*\\b(ON\\s+CONFLICT|RETURNING)\\b.*")) {
      return null;
    }
    SqlName table = name(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    for (String part : m.group(2).split(",")) {
      columns.add(identifier(part.strip()));
    }
    List<String> types = new ArrayList<>();
    for (String column : columns) {
      PgCatalog.ColumnInfo have = info.column(column);
      if (have == null) {
        return null;
      }
      types.add(have.type());
    }
    String values = m.group(3).strip().replaceAll(";\\s*$", "");
    // A column given a fresh value each time (gen_random_uuid(), now(), nextval) cannot match, nor
    // one a later change updates (it holds that change's value now). A value read by a subquery is
    // compared as it reads now, where it reads something; the others must match.
    List<Boolean> compared = new ArrayList<>();
    columns.forEach(c -> compared.add(true));
    List<List<String>> rows = rows(values);
    for (List<String> row : rows) {
      for (int i = 0; i < row.size() && i < compared.size(); i++) {
        if (VOLATILE.matcher(row.get(i).strip()).matches()) {
          compared.set(i, false);
        }
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (after.updatesColumn(table.schema(), table.name(), columns.get(i))) {
        compared.set(i, false);
      }
    }
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!compared.get(i)) {
        skipped.add(columns.get(i));
      }
    }
    // The values not compared are left out of the query, so that what they read (a table a later
    // change dropped, a sequence) cannot make it fail; so is a subquery that reads nothing now.
    List<String> kept = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> items = new ArrayList<>();
      boolean compares = false;
      for (int i = 0; i < columns.size(); i++) {
        String item = i < row.size() && compared.get(i) ? row.get(i).strip() : "NULL";
        if (SUBQUERY.matcher(item).matches() && readsNothing(item)) {
          item = "NULL";
        }
        compares |=
            compared.get(i)
                && (!item.equals("NULL") || row.get(i).strip().equalsIgnoreCase("NULL"));
        items.add(item);
      }
      if (!compares) {
        return null; // nothing of this row can be compared
      }
      kept.add("(" + String.join(", ", items) + ")");
    }
    List<Boolean> lenient = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      int column = i;
      lenient.add(
          rows.stream()
              .anyMatch(
                  r -> column < r.size() && SUBQUERY.matcher(r.get(column).strip()).matches()));
    }
    return allRowsPresent(
            table.schema(),
            table.name(),
            columns,
            types,
            compared,
            lenient,
            "VALUES " + String.join(", ", kept))
        ? "its rows are in "
            + table
            + " already, value for value"
            + (skipped.isEmpty()
                ? ""
                : " (except " + String.join(", ", skipped) + ", generated or updated later)")
        : null;
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
    SqlName table = name(m.group(1));
    String constraint = identifier(m.group(2));
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
    SqlName view = name(m.group(1));
    return catalog.relationExists(view.schema(), view.name())
            && after.redefineView(view.schema(), view.name())
        ? "view " + view + " exists, and a later change redefines or drops it"
        : null;
  }

  /**
   * Whether an {@code INSERT INTO t (columns) …} names a column that the table lacks: it cannot
   * write anything, and its own error (or what excuses it) decides.
   */
  boolean insertsMissingColumn(String statement) {
    Matcher m = INSERT_COLUMNS.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return false;
    }
    SqlName table = name(m.group(1));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    if (info == null) {
      return false;
    }
    for (String part : m.group(2).split(",")) {
      if (info.column(identifier(part.strip())) == null) {
        return true;
      }
    }
    return false;
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
      SqlName name = name(m.group(2));
      what = m.group(1).toLowerCase(Locale.ROOT) + " " + name;
      remake = List.of(code.replaceFirst("(?i)^CREATE\\s+", "CREATE OR REPLACE "));
      read =
          "SELECT string_agg(pg_get_functiondef(p.oid), E'\\n' ORDER BY p.oid) FROM pg_catalog.pg_proc p"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = "
              + PgNames.literal(name.schema())
              + " AND p.proname = "
              + PgNames.literal(name.name());
    } else if ((m = TRIGGER.matcher(code)).matches()) {
      String trigger = identifier(m.group(1));
      SqlName table = name(m.group(2));
      what = "trigger " + trigger + " on " + table;
      remake = List.of("DROP TRIGGER " + PgNames.quote(trigger) + " ON " + table, statement);
      read =
          "SELECT pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t WHERE t.tgname = "
              + PgNames.literal(trigger)
              + " AND t.tgrelid = to_regclass("
              + PgNames.literal(table.toString())
              + ")";
    } else if ((m = POLICY.matcher(code)).matches()) {
      String policy = identifier(m.group(1));
      SqlName table = name(m.group(2));
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
    if (after.redefinedBySql(kind, identifier(bare))) {
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

  /**
   * The rows of a VALUES list, each split into its expressions (commas inside quotes or parentheses
   * kept).
   */
  static List<List<String>> rows(String values) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = null;
    StringBuilder item = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    String text = values.replaceFirst("(?i)^\\s*VALUES\\s*", "");
    for (char c : text.toCharArray()) {
      if (quoted) {
        item.append(c);
        quoted = c != '\'';
      } else if (c == '\'') {
        quoted = true;
        item.append(c);
      } else if (c == '(') {
        if (depth++ == 0) {
          row = new ArrayList<>();
          item.setLength(0);
        } else {
          item.append(c);
        }
      } else if (c == ')') {
        if (--depth == 0 && row != null) {
          row.add(item.toString());
          rows.add(row);
        } else {
          item.append(c);
        }
      } else if (c == ',' && depth == 1) {
        row.add(item.toString());
        item.setLength(0);
      } else if (depth > 0) {
        item.append(c);
      }
    }
    return rows;
  }

  // Whether a subquery value reads NULL now, or cannot be read (its table is gone).
  private boolean readsNothing(String subquery) {
    try {
      return catalog.probe(List.of(), "SELECT " + subquery + " IS NULL").equals("t");
    } catch (dev.migrate.model.MigrateException e) {
      return true;
    }
  }

  /**
   * Whether every row of a VALUES list is in the table, compared column by column as the table's
   * types (IS NOT DISTINCT FROM, so NULLs match). Any error (a volatile or odd value) means no.
   */
  private boolean allRowsPresent(
      String schema,
      String table,
      List<String> columns,
      List<String> types,
      List<Boolean> compared,
      List<Boolean> lenient,
      String values) {
    StringBuilder match = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (!compared.get(i)) {
        continue;
      }
      String column = PgNames.quote(columns.get(i));
      match
          .append(match.length() == 0 ? "" : " AND ")
          .append(lenient.get(i) ? "(v." + column + " IS NULL OR " : "(")
          .append("t.")
          .append(column)
          .append(" IS NOT DISTINCT FROM v.")
          .append(column)
          .append("::")
          .append(types.get(i))
          .append(")");
    }
    String sql =
        "SELECT count(*) FROM ("
            + values
            + ") AS v("
            + PgNames.columnList(columns)
            + ") WHERE NOT EXISTS (SELECT 1 FROM "
            + PgNames.qualified(schema, table)
            + " AS t WHERE "
            + match
            + ")";
    try {
      return "0".equals(catalog.probe(List.of(), sql));
    } catch (dev.migrate.model.MigrateException e) {
      return false;
    }
  }
}
