package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guards for raw SQL: a statement that creates or adds a named object is skipped when the object
 * is already there, so a rerun does not die on "already exists". An ENUM type is compared label
 * by label, like createEnumType; other objects are checked by name only, and the report says so.
 * Every other statement (data changes, grants, functions with OR REPLACE) runs as written.
 */
final class SqlStatementGuards {
  private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?)";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern ENUM = Pattern.compile("CREATE\\s+TYPE\\s+" + NAME + "\\s+AS\\s+ENUM\\s*\\((.*)\\)\\s*", FLAGS);
  private static final Pattern TABLE = Pattern.compile("CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?!IF\\s)" + NAME + "\\s*\\(.*", FLAGS);
  private static final Pattern INDEX = Pattern.compile("CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?!IF\\s)" + NAME + "\\s+ON\\s.*", FLAGS);
  // Any CREATE INDEX, IF NOT EXISTS included: an index's schema is its table's.
  private static final Pattern ANY_INDEX = Pattern.compile("CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
      + NAME + "\\s+ON\\s+(?:ONLY\\s+)?" + NAME + "[\\s(].*", FLAGS);
  private static final Pattern RELATION = Pattern.compile("CREATE\\s+(?:MATERIALIZED\\s+)?(SEQUENCE|VIEW)\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern SCHEMA = Pattern.compile("CREATE\\s+SCHEMA\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern EXTENSION = Pattern.compile("CREATE\\s+EXTENSION\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern ROLE = Pattern.compile("CREATE\\s+(?:ROLE|USER)\\s+" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern ADD_COLUMN = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
      + "\\s+ADD\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s)" + NAME + "\\s+.*", FLAGS);
  private static final Pattern ADD_CONSTRAINT = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
      + "\\s+ADD\\s+CONSTRAINT\\s+" + NAME + "\\s.*", FLAGS);
  private static final Pattern ADD_VALUE = Pattern.compile("ALTER\\s+TYPE\\s+" + NAME + "\\s+ADD\\s+VALUE\\s+(?!IF\\s)'((?:[^']|'')*)'.*", FLAGS);
  private static final Pattern ALTER_TYPE = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
      + "\\s+ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+([\\w ]+(?:\\([\\d, ]+\\))?(?:\\[\\])?)(?:\\s+USING\\s.*)?", FLAGS);
  // Renames and drops, guarded by the names they need: done already when the old name is gone
  // (and, for a rename, the new one is there).
  private static final Pattern RENAME_COLUMN = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
      + "\\s+RENAME\\s+(?:COLUMN\\s+)?" + NAME + "\\s+TO\\s+" + NAME + "\\s*;?\\s*", FLAGS);
  private static final Pattern RENAME_RELATION = Pattern.compile("ALTER\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX)\\s+"
      + "(?:IF\\s+EXISTS\\s+)?" + NAME + "\\s+RENAME\\s+TO\\s+" + NAME + "\\s*;?\\s*", FLAGS);
  private static final Pattern DROP_COLUMN = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
      + "\\s+DROP\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s)" + NAME + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*", FLAGS);
  private static final Pattern DROP_RELATION = Pattern.compile("DROP\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX)\\s+"
      + "(?!IF\\s)" + NAME + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*", FLAGS);
  private static final Pattern FUNCTION = Pattern.compile("CREATE\\s+(FUNCTION|PROCEDURE)\\s+" + NAME + "\\s*\\(.*", FLAGS);
  private static final Pattern TRIGGER = Pattern.compile("CREATE\\s+(?:CONSTRAINT\\s+)?TRIGGER\\s+" + NAME
      + "\\s.*?\\sON\\s+" + NAME + "\\s.*", FLAGS);
  private static final Pattern POLICY = Pattern.compile("CREATE\\s+POLICY\\s+" + NAME + "\\s+ON\\s+" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern DROP_ON_TABLE = Pattern.compile("DROP\\s+(TRIGGER|POLICY|RULE)\\s+(?!IF\\s)" + NAME + "\\s+ON\\s+" + NAME
      + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*", FLAGS);
  private static final Pattern ALTER_ON_TABLE = Pattern.compile("ALTER\\s+(TRIGGER|POLICY)\\s+" + NAME + "\\s+ON\\s+" + NAME + "\\s.*", FLAGS);
  private static final Pattern UPDATE = Pattern.compile("UPDATE\\s+(?:ONLY\\s+)?" + NAME + "\\s+(?:AS\\s+[\\w$]+\\s+)?SET\\s+(.*)", FLAGS);
  private static final Pattern INSERT = Pattern.compile("INSERT\\s+INTO\\s+" + NAME + "\\s*\\(([^)]*)\\)\\s*(VALUES\\s*\\(.*)", FLAGS);
  private static final Pattern VOLATILE = Pattern.compile("(?i)(gen_random_uuid|uuid_generate_v[14]|now|clock_timestamp"
      + "|statement_timestamp|transaction_timestamp|random|timeofday)\\s*\\(\\s*\\)|current_timestamp|localtimestamp");
  private static final Pattern LABEL = Pattern.compile("'((?:[^']|'')*)'");

  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Guards guards;

  SqlStatementGuards(PgCatalog catalog, PgDdl ddl, Guards guards) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.guards = guards;
  }

  /**
   * The decision for one statement, taken right before it runs: skip it (its object is there),
   * run it (possibly after dropping an INVALID index it would take for done), or drift.
   */
  Decision decide(String statement, List<Change> later) {
    String code = withoutLeadingComments(statement);
    Matcher m = ENUM.matcher(code);
    if (m.matches()) {
      Name type = name(m.group(1));
      return guards.decide(new Change.CreateEnumType(type.schema, type.name, labels(m.group(2))), later);
    }
    String rebuild = invalidIndex(code);
    if (rebuild != null) {
      // A CREATE INDEX CONCURRENTLY that did not finish left an INVALID index, which IF NOT
      // EXISTS would take for done: it is dropped and built again.
      Matcher index = ANY_INDEX.matcher(code);
      index.matches();
      Name name = index(index);
      String drop = index.group(1) != null ? ddl.dropIndexConcurrently(name.schema, name.name) : ddl.dropIndex(name.schema, name.name);
      return Decision.rebuild(List.of(drop, statement), rebuild + " dropped and built again");
    }
    LaterChanges after = new LaterChanges(later, ddl);
    String gone = updatesColumnGoneLater(code, after);
    if (gone == null) {
      gone = altersObjectGoneLater(code, after);
    }
    if (gone != null) {
      return new Decision.Skip(gone);
    }
    String exists = existing(code);
    return exists == null ? new Decision.Act(List.of(statement), "ran") : new Decision.Skip(exists);
  }

  /**
   * For an {@code INSERT INTO t (columns) VALUES …} that met a unique key: whether every row it
   * inserts is in the table already with the same values (compared as the columns' types), which
   * makes it done; null when not, or when the statement is not of that simple form.
   */
  String rowsPresent(String statement) {
    Matcher m = INSERT.matcher(withoutLeadingComments(statement));
    if (!m.matches() || m.group(3).toUpperCase(Locale.ROOT).matches("(?s).*\\b(ON\\s+CONFLICT|RETURNING)\\b.*")) {
      return null;
    }
    Name table = name(m.group(1));
    TableInfo info = catalog.table(table.schema, table.name);
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
    // A column given a fresh value each time (gen_random_uuid(), now()) cannot match; the others must.
    List<Boolean> compared = new ArrayList<>();
    columns.forEach(c -> compared.add(true));
    for (List<String> row : rows(values)) {
      for (int i = 0; i < row.size() && i < compared.size(); i++) {
        if (VOLATILE.matcher(row.get(i).strip()).matches()) {
          compared.set(i, false);
        }
      }
    }
    if (!compared.contains(true)) {
      return null;
    }
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!compared.get(i)) {
        skipped.add(columns.get(i));
      }
    }
    return catalog.allRowsPresent(table.schema, table.name, columns, types, compared, values)
        ? "its rows are in " + table + " already, value for value"
            + (skipped.isEmpty() ? "" : " (except the generated " + String.join(", ", skipped) + ")")
        : null;
  }

  /**
   * For a CREATE INDEX whose index exists but is INVALID (a concurrent build that did not finish),
   * what it is; null when the statement creates no index or the index is absent or valid.
   */
  String invalidIndex(String statement) {
    Matcher m = ANY_INDEX.matcher(withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    Name name = index(m);
    PgCatalog.IndexInfo info = catalog.index(name.schema, name.name);
    return info != null && info.kind().equals("i") && !info.valid() ? "invalid index " + name : null;
  }

  /** Whether a statement builds an index concurrently, which can leave it INVALID. */
  static boolean buildsConcurrently(String statement) {
    Matcher m = ANY_INDEX.matcher(withoutLeadingComments(statement));
    return m.matches() && m.group(1) != null;
  }

  private Name index(Matcher anyIndex) {
    return new Name(name(anyIndex.group(3)).schema, identifier(anyIndex.group(2)));
  }

  /**
   * For a CREATE FUNCTION, PROCEDURE, TRIGGER or POLICY that failed because its object exists:
   * whether the object is the same as the statement makes it, judged by PostgreSQL itself. The
   * statement is run again in a savepoint over the object (OR REPLACE, or after dropping it), the
   * stored definition is read and compared with the one in place, and the savepoint is rolled
   * back. Returns why it needs not run, or null when the object differs (the error stands).
   */
  String sameDefinition(String statement, LaterChanges after) {
    String code = withoutLeadingComments(statement);
    Matcher m;
    List<String> remake;
    String read;
    String what;
    if ((m = FUNCTION.matcher(code)).matches()) {
      Name name = name(m.group(2));
      what = m.group(1).toLowerCase(Locale.ROOT) + " " + name;
      remake = List.of(code.replaceFirst("(?i)^CREATE\\s+", "CREATE OR REPLACE "));
      read = "SELECT string_agg(pg_get_functiondef(p.oid), E'\\n' ORDER BY p.oid) FROM pg_catalog.pg_proc p"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = " + PgNames.literal(name.schema)
          + " AND p.proname = " + PgNames.literal(name.name);
    } else if ((m = TRIGGER.matcher(code)).matches()) {
      String trigger = identifier(m.group(1));
      Name table = name(m.group(2));
      what = "trigger " + trigger + " on " + table;
      remake = List.of("DROP TRIGGER " + PgNames.quote(trigger) + " ON " + table, statement);
      read = "SELECT pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t WHERE t.tgname = " + PgNames.literal(trigger)
          + " AND t.tgrelid = to_regclass(" + PgNames.literal(table.toString()) + ")";
    } else if ((m = POLICY.matcher(code)).matches()) {
      String policy = identifier(m.group(1));
      Name table = name(m.group(2));
      what = "policy " + policy + " on " + table;
      remake = List.of("DROP POLICY " + PgNames.quote(policy) + " ON " + table, statement);
      read = "SELECT concat_ws(' ', p.polcmd, p.polpermissive, p.polroles::text, pg_get_expr(p.polqual, p.polrelid),"
          + " pg_get_expr(p.polwithcheck, p.polrelid)) FROM pg_catalog.pg_policy p WHERE p.polname = " + PgNames.literal(policy)
          + " AND p.polrelid = to_regclass(" + PgNames.literal(table.toString()) + ")";
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
      return what + " exists; a later change drops or redefines it, and its definition is that change's to check";
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
   * An UPDATE that sets a column the table lacks, where a later change renames or drops that
   * column: the rows it filled have moved on with that change (a rerun after lost history), so
   * the statement is that change's to account for. Null otherwise.
   */
  private String updatesColumnGoneLater(String code, LaterChanges after) {
    Matcher m = UPDATE.matcher(code);
    if (!m.matches()) {
      return null;
    }
    Name table = name(m.group(1));
    TableInfo info = catalog.table(table.schema, table.name);
    if (info == null) {
      return null;
    }
    for (String assignment : topLevel(m.group(2).replaceFirst("(?is)\\s(FROM|WHERE|RETURNING)\\s.*$", ""))) {
      int eq = assignment.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String column = identifier(assignment.substring(0, eq).strip());
      if (info.column(column) == null && after.touchColumn(table.schema, table.name, column)) {
        return "column " + column + " of " + table + " that it sets is renamed or dropped by a later change";
      }
    }
    return null;
  }

  // ALTER TRIGGER / POLICY of one that is absent, where later raw SQL drops or remakes it: the
  // history was lost and the later change has run already.
  private String altersObjectGoneLater(String code, LaterChanges after) {
    Matcher m = ALTER_ON_TABLE.matcher(code);
    if (!m.matches()) {
      return null;
    }
    String kind = m.group(1).toLowerCase(Locale.ROOT);
    String object = identifier(m.group(2));
    Name table = name(m.group(3));
    String exists = kind.equals("trigger")
        ? "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = " + PgNames.literal(object) + " AND tgrelid"
        : "SELECT 1 FROM pg_catalog.pg_policy WHERE polname = " + PgNames.literal(object) + " AND polrelid";
    boolean absent = catalog.text(exists + " = to_regclass(" + PgNames.literal(table.toString()) + ")") == null;
    return absent && after.redefinedBySql(kind, object)
        ? kind + " " + object + " on " + table + " is absent, and a later change drops or makes it again" : null;
  }

  // Splits on commas outside parentheses and quotes.
  private static List<String> topLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Why the statement needs not run (its object exists, or is renamed or dropped already), or null. */
  private String existing(String code) {
    Matcher m;
    if ((m = RENAME_COLUMN.matcher(code)).matches()) {
      Name table = name(m.group(1));
      String from = identifier(m.group(2));
      String to = identifier(m.group(3));
      TableInfo info = catalog.table(table.schema, table.name);
      return info != null && info.column(from) == null && info.column(to) != null
          ? "column " + from + " of " + table + " is already named " + to : null;
    }
    if ((m = RENAME_RELATION.matcher(code)).matches()) {
      Name from = name(m.group(1));
      Name to = new Name(from.schema, identifier(m.group(2)));
      return catalog.table(from.schema, from.name) == null && catalog.table(to.schema, to.name) != null
          ? from + " is already named " + to.name : null;
    }
    if ((m = DROP_COLUMN.matcher(code)).matches()) {
      Name table = name(m.group(1));
      String column = identifier(m.group(2));
      TableInfo info = catalog.table(table.schema, table.name);
      return info != null && info.column(column) == null ? "column " + column + " of " + table + " is dropped already" : null;
    }
    if ((m = DROP_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String object = identifier(m.group(2));
      Name table = name(m.group(3));
      String catalogTable = switch (kind) {
        case "trigger" -> "pg_catalog.pg_trigger WHERE tgname = " + PgNames.literal(object) + " AND tgrelid";
        case "policy" -> "pg_catalog.pg_policy WHERE polname = " + PgNames.literal(object) + " AND polrelid";
        default -> "pg_catalog.pg_rewrite WHERE rulename = " + PgNames.literal(object) + " AND ev_class";
      };
      return catalog.text("SELECT 1 FROM " + catalogTable + " = to_regclass(" + PgNames.literal(table.toString()) + ")") == null
          ? kind + " " + object + " on " + table + " is dropped already" : null;
    }
    if ((m = DROP_RELATION.matcher(code)).matches()) {
      Name name = name(m.group(1));
      return catalog.table(name.schema, name.name) == null ? name + " is dropped already" : null;
    }
    if ((m = TABLE.matcher(code)).matches() || (m = INDEX.matcher(code)).matches()) {
      Name name = name(m.group(1));
      return catalog.table(name.schema, name.name) != null ? byName(name) : null;
    }
    if ((m = RELATION.matcher(code)).matches()) {
      Name name = name(m.group(2));
      return catalog.table(name.schema, name.name) != null ? byName(name) : null;
    }
    if ((m = SCHEMA.matcher(code)).matches()) {
      String schema = identifier(m.group(1));
      return catalog.schemaExists(schema) ? "schema " + schema + " exists" : null;
    }
    if ((m = EXTENSION.matcher(code)).matches()) {
      String extension = identifier(m.group(1));
      return catalog.extensionExists(extension) ? "extension " + extension + " exists" : null;
    }
    if ((m = ROLE.matcher(code)).matches()) {
      String role = identifier(m.group(1));
      return catalog.roleExists(role) ? "role " + role + " exists (checked by name only)" : null;
    }
    if (oneAction(code) && (m = ADD_CONSTRAINT.matcher(code)).matches()) {
      Name table = name(m.group(1));
      String constraint = identifier(m.group(2));
      List<PgCatalog.ConstraintInfo> have = catalog.constraints(table.schema, table.name);
      return have != null && have.stream().anyMatch(k -> k.name().equals(constraint))
          ? "constraint " + constraint + " on " + table + " exists (checked by name only)" : null;
    }
    if (oneAction(code) && (m = ADD_COLUMN.matcher(code)).matches()) {
      Name table = name(m.group(1));
      String column = identifier(m.group(2));
      TableInfo info = catalog.table(table.schema, table.name);
      return info != null && info.column(column) != null ? "column " + column + " of " + table + " exists (checked by name only)" : null;
    }
    if ((m = ALTER_TYPE.matcher(code)).matches()) {
      Name table = name(m.group(1));
      String column = identifier(m.group(2));
      TableInfo info = catalog.table(table.schema, table.name);
      PgCatalog.ColumnInfo have = info == null ? null : info.column(column);
      return have != null && PgType.of(m.group(3).strip()).matches(have.type())
          ? "column " + column + " of " + table + " is already " + have.type() : null;
    }
    if ((m = ADD_VALUE.matcher(code)).matches()) {
      Name type = name(m.group(1));
      String label = m.group(2).replace("''", "'");
      PgCatalog.TypeInfo info = catalog.type(type.schema, type.name);
      return info != null && info.labels().contains(label) ? "type " + type + " already has label '" + label + "'" : null;
    }
    return null;
  }

  // An ALTER TABLE with one action: no comma outside parentheses and quotes.
  private static boolean oneAction(String code) {
    int depth = 0;
    boolean quoted = false;
    for (char c : code.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        return false;
      }
    }
    return true;
  }

  private static String byName(Name name) {
    return name + " exists (raw SQL: checked by name only)";
  }

  /** A possibly schema-qualified name as PostgreSQL reads it: unquoted parts fold to lower case. */
  private record Name(String schema, String name) {
    @Override
    public String toString() {
      return PgNames.qualified(schema, name);
    }
  }

  private Name name(String text) {
    List<String> parts = new ArrayList<>();
    Matcher part = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([\\w$]+)").matcher(text);
    while (part.find()) {
      parts.add(part.group(1) != null ? part.group(1).replace("\"\"", "\"") : part.group(2).toLowerCase(Locale.ROOT));
    }
    return parts.size() == 2 ? new Name(parts.get(0), parts.get(1)) : new Name(ddl.schema(null), parts.get(0));
  }

  private String identifier(String text) {
    return name(text).name;
  }

  /** The rows of a VALUES list, each split into its expressions (commas inside quotes or parentheses kept). */
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

  private static List<String> labels(String list) {
    List<String> labels = new ArrayList<>();
    Matcher m = LABEL.matcher(list);
    while (m.find()) {
      labels.add(m.group(1).replace("''", "'"));
    }
    return labels;
  }

  private static String withoutLeadingComments(String statement) {
    String code = statement.strip();
    while (code.startsWith("--") || code.startsWith("/*")) {
      int end = code.startsWith("--") ? code.indexOf('\n') : code.indexOf("*/") + 1;
      if (end <= 0) {
        return "";
      }
      code = code.substring(end + 1).strip();
    }
    return code;
  }
}
