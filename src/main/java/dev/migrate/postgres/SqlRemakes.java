package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects a raw-SQL statement drops or makes, each named by a key that a DROP and the CREATE of
 * the same object share: relations (tables, views, sequences, indexes) share one namespace,
 * functions and procedures are named without their arguments, and triggers, policies and rules by
 * their table. A step that drops an object and makes it again redefines it; when a later change
 * supersedes the new definition (a rerun after lost history), the pair is undone together, so the
 * object in place is kept rather than dropped and not made again.
 */
public final class SqlRemakes {
  private static final String NAME = SqlName.PATTERN;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern DROP =
      Pattern.compile(
          "DROP\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX(?:\\s+CONCURRENTLY)?"
              + "|TYPE|DOMAIN|FUNCTION|PROCEDURE)\\s+(?:IF\\s+EXISTS\\s+)?(.*)",
          FLAGS);
  private static final Pattern DROP_ON_TABLE =
      Pattern.compile(
          "DROP\\s+(TRIGGER|POLICY|RULE)\\s+(?:IF\\s+EXISTS\\s+)?"
              + NAME
              + "\\s+ON\\s+"
              + NAME
              + ".*",
          FLAGS);
  private static final Pattern CREATE =
      Pattern.compile(
          "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?(?:TEMP(?:ORARY)?\\s+|UNLOGGED\\s+)?"
              + "(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|(?:UNIQUE\\s+)?INDEX(?:\\s+CONCURRENTLY)?"
              + "|TYPE|DOMAIN|FUNCTION|PROCEDURE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME
              + ".*",
          FLAGS);
  private static final Pattern CREATE_TRIGGER =
      Pattern.compile(
          "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+"
              + NAME
              + "\\s.*?\\sON\\s+"
              + NAME
              + "[\\s;].*",
          FLAGS);
  private static final Pattern CREATE_POLICY =
      Pattern.compile("CREATE\\s+POLICY\\s+" + NAME + "\\s+ON\\s+" + NAME + ".*", FLAGS);
  private static final Pattern CREATE_RULE =
      Pattern.compile(
          "CREATE\\s+(?:OR\\s+REPLACE\\s+)?RULE\\s+"
              + NAME
              + "\\s+AS\\s+ON\\s+\\w+\\s+TO\\s+"
              + NAME
              + ".*",
          FLAGS);
  private static final Pattern LISTED =
      Pattern.compile("\\s*" + NAME + "\\s*(?:\\([^)]*\\))?\\s*(,|$)");

  private final PgCatalog catalog;
  private final PgDdl ddl;

  SqlRemakes(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /** Statements of a step that need not run, and why. */
  record Done(List<Integer> statements, String reason) {}

  /**
   * For a step that drops tables and makes them again (DROP TABLE … CREATE TABLE of the same name):
   * whether every table so remade, from the DROP at {@code drop} up to the last CREATE that remakes
   * what the statements in between drop, is in place already as those statements make it: the same
   * columns (type, NOT NULL, default), constraints and indexes, apart from what later changes
   * rework. Then the DROPs and CREATEs are done already (a rerun after lost history over tables
   * that hold rows) and running them would empty the tables; the DROPs and CREATEs are returned to
   * be skipped, the statements between them still run (guarded). Null when a table is absent or
   * differs, or the stretch drops anything else: it runs as written. The tables the stretch makes
   * are read by running it in a savepoint that is rolled back. {@code later} are the changes after
   * the step.
   */
  Done alreadyRemade(List<String> statements, int drop, List<Change> later) {
    String schema = ddl.schema(null);
    int end = remadeAt(statements, drop, drop + 1, schema, true);
    List<Integer> skipped = new ArrayList<>();
    List<SqlName> tables = new ArrayList<>();
    for (int i = drop; i <= end; i++) {
      List<String> keys = dropped(statements.get(i), schema);
      if (keys.isEmpty()) {
        continue;
      }
      for (String key : keys) {
        int create = -1;
        for (int j = i + 1; j < statements.size() && create < 0; j++) {
          create = key.equals(created(statements.get(j), schema)) ? j : -1;
        }
        SqlName table = key.startsWith("relation:") ? table(statements, create) : null;
        if (table == null || keys.size() != 1) {
          return null; // a drop of what is not a table made again here: the stretch runs
        }
        end = Math.max(end, create);
        tables.add(table);
        skipped.add(i);
        skipped.add(create);
      }
    }
    String read = shape(tables);
    String have = catalog.text(read);
    String made;
    try {
      made = catalog.probe(statements.subList(drop, end + 1), read);
    } catch (RuntimeException e) {
      return null; // it cannot be made again here: the statements run and their error stands
    }
    // What comes after the stretch: the step's remaining statements, then the later changes.
    List<Change> rest = new ArrayList<>();
    if (end + 1 < statements.size()) {
      rest.add(
          new Change.Sql(
              String.join(";\n", statements.subList(end + 1, statements.size())),
              true,
              false,
              null));
    }
    rest.addAll(later);
    LaterChanges after = new LaterChanges(rest, ddl);
    List<String> inPlace = lines(have).stream().filter(line -> compared(line, after)).toList();
    List<String> remade = lines(made).stream().filter(line -> compared(line, after)).toList();
    return inPlace.equals(remade)
        ? new Done(
            skipped,
            "table"
                + (tables.size() == 1 ? " " : "s ")
                + String.join(", ", tables.stream().map(SqlName::toString).toList())
                + " already "
                + (tables.size() == 1 ? "is" : "are")
                + " as this step drops and makes "
                + (tables.size() == 1 ? "it" : "them")
                + " again (columns, keys, indexes): the DROP and CREATE are skipped and the rows"
                + " kept")
        : null;
  }

  // The table a CREATE TABLE statement makes while a table of that name is in place; else null.
  private SqlName table(List<String> statements, int create) {
    Matcher m = create < 0 ? null : CREATE.matcher(code(statements.get(create)));
    if (m == null || !m.matches() || !m.group(1).equalsIgnoreCase("TABLE")) {
      return null;
    }
    SqlName table = SqlName.of(m.group(2), ddl.schema(null));
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    return info != null && (info.kind().equals("r") || info.kind().equals("p")) ? table : null;
  }

  // Lines are "table column name …", "table constraint name …" or "table index name …": what a
  // later change reworks (a column it touches, a key or index it names) is left to that change.
  private static boolean compared(String line, LaterChanges after) {
    String[] part = line.split(" ", 4);
    SqlName table = SqlName.of(part[0], "");
    List<String> later = after.touchedColumns(table.schema(), table.name());
    return part[1].equals("column")
        ? !later.contains(part[2]) && !after.touchColumn(table.schema(), table.name(), part[2])
        : !after.mention(part[2]) && later.stream().noneMatch(c -> LaterSql.names(part[3], c));
  }

  /**
   * One line per column (type, NOT NULL, default), constraint and index of each table, each line
   * led by its table's name, sorted, so that tables made by the same statements give the same text.
   */
  private static String shape(List<SqlName> tables) {
    List<String> parts = new ArrayList<>();
    for (SqlName table : tables) {
      String oid = "to_regclass(" + PgNames.literal(table.toString()) + ")";
      String lead = PgNames.literal(table.toString() + " ") + " || ";
      parts.add(
          "SELECT "
              + lead
              + "'column ' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)"
              + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
              + " || COALESCE(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')"
              + " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d"
              + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
              + " WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid = "
              + oid
              + " UNION ALL SELECT "
              + lead
              + "'constraint ' || c.conname || ' ' || pg_catalog.pg_get_constraintdef(c.oid)"
              + " FROM pg_catalog.pg_constraint c WHERE c.contype <> 'n' AND c.conrelid = "
              + oid
              + " UNION ALL SELECT "
              + lead
              + "'index ' || i.relname || ' ' || pg_catalog.pg_get_indexdef(x.indexrelid)"
              + " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
              + " WHERE x.indrelid = "
              + oid);
    }
    return "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
        + String.join(" UNION ALL ", parts)
        + ") AS shape(line)";
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : List.of(text.split("\n"));
  }

  /** The keys of the objects this statement drops; empty when it drops none. */
  static List<String> dropped(String statement, String schema) {
    String code = code(statement);
    Matcher m = DROP_ON_TABLE.matcher(code);
    if (m.matches()) {
      return List.of(onTable(m.group(1), m.group(2), m.group(3), schema).key());
    }
    m = DROP.matcher(code);
    if (!m.matches()) {
      return List.of();
    }
    String kind = kind(m.group(1));
    String list = m.group(2).replaceFirst("(?is)\\s+(CASCADE|RESTRICT)\\s*$", "").strip();
    List<String> keys = new ArrayList<>();
    Matcher item = LISTED.matcher(list);
    while (item.lookingAt()) {
      keys.add(kind + ":" + SqlName.of(item.group(1), schema));
      if (item.group(2).isEmpty()) {
        return keys;
      }
      item.region(item.end(), list.length());
    }
    return keys; // a list this reading does not follow to its end: the names read so far
  }

  /** The key of the object this statement makes, or null when it makes none of these kinds. */
  static String created(String statement, String schema) {
    Made made = made(statement, schema);
    return made == null ? null : made.key();
  }

  /**
   * An object a raw statement makes: its kind (relation, type, routine, trigger, policy, rule), its
   * name, and for the last three the table it belongs to (null otherwise); {@code uses}, the
   * relations without which it cannot be (an index's table, the relations a view reads), which a
   * drop takes it along with; {@code view} for a view, which a dropped column takes along only with
   * CASCADE (an index goes without).
   */
  record Made(
      String kind,
      SqlName name,
      SqlName table,
      boolean temporary,
      List<SqlName> uses,
      boolean view) {
    String key() {
      return table == null
          ? kind + ":" + name
          : kind + ":" + table + "." + PgNames.quote(name.name());
    }

    /** A boolean SQL expression: whether the database has this object. */
    String presentQuery() {
      String n = PgNames.literal(name.name());
      return switch (kind) {
        case "type" -> "to_regtype(" + PgNames.literal(name.toString()) + ") IS NOT NULL";
        case "routine" ->
            "EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace s ON s.oid ="
                + " p.pronamespace WHERE p.proname = "
                + n
                + " AND s.nspname = "
                + PgNames.literal(name.schema())
                + ")";
        case "trigger", "policy", "rule" -> {
          String[] at =
              switch (kind) {
                case "trigger" -> new String[] {"pg_trigger", "tgname", "tgrelid"};
                case "policy" -> new String[] {"pg_policy", "polname", "polrelid"};
                default -> new String[] {"pg_rewrite", "rulename", "ev_class"};
              };
          yield "EXISTS (SELECT 1 FROM pg_catalog."
              + at[0]
              + " WHERE "
              + at[1]
              + " = "
              + n
              + " AND "
              + at[2]
              + " = to_regclass("
              + PgNames.literal(table.toString())
              + "))";
        }
        // An index lives in its table's schema, which the statement need not name.
        default ->
            "EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = "
                + n
                + " AND (relkind IN ('i', 'I') OR to_regclass("
                + PgNames.literal(name.toString())
                + ") = oid))";
      };
    }
  }

  /** What this statement makes, or null when it makes none of these kinds. */
  static Made made(String statement, String schema) {
    String code = code(statement);
    Matcher m;
    if ((m = CREATE_TRIGGER.matcher(code)).matches()) {
      return onTable("trigger", m.group(1), m.group(2), schema);
    } else if ((m = CREATE_POLICY.matcher(code)).matches()) {
      return onTable("policy", m.group(1), m.group(2), schema);
    } else if ((m = CREATE_RULE.matcher(code)).matches()) {
      return onTable("rule", m.group(1), m.group(2), schema);
    } else if ((m = CREATE.matcher(code)).matches()) {
      List<SqlName> uses = new ArrayList<>();
      Matcher read =
          (m.group(1).toUpperCase(Locale.ROOT).contains("INDEX") ? INDEX_ON : READS)
              .matcher(code.substring(m.end(2)));
      while (read.find()) {
        uses.add(SqlName.of(read.group(1), schema));
      }
      return new Made(
          kind(m.group(1)),
          SqlName.of(m.group(2), schema),
          null,
          TEMPORARY.matcher(code).find(),
          uses,
          m.group(1).toUpperCase(Locale.ROOT).endsWith("VIEW"));
    }
    return null;
  }

  private static final Pattern INDEX_ON =
      Pattern.compile("^\\s+ON\\s+(?:ONLY\\s+)?(" + NAME + ")", FLAGS);
  private static final Pattern READS =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+(?:ONLY\\s+)?(" + NAME + ")", FLAGS);

  private static final Pattern TEMPORARY =
      Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?TEMP", FLAGS);

  /**
   * The first ({@code last} false) or last statement at or after {@code from} that makes again an
   * object that statement {@code drop} drops; -1 when none does.
   */
  static int remadeAt(List<String> statements, int drop, int from, String schema, boolean last) {
    List<String> keys = dropped(statements.get(drop), schema);
    int at = -1;
    for (int i = Math.max(from, drop + 1); i < statements.size() && !keys.isEmpty(); i++) {
      String made = created(statements.get(i), schema);
      if (made != null && keys.contains(made)) {
        at = i;
        if (!last) {
          return at;
        }
      }
    }
    return at;
  }

  // Statements without a terminating semicolon and leading comments, on one line of meaning.
  private static String code(String statement) {
    return SqlName.withoutLeadingComments(statement).replaceFirst(";\\s*$", "").strip();
  }

  private static Made onTable(String kind, String name, String table, String schema) {
    SqlName on = SqlName.of(table, schema);
    return new Made(
        kind.toLowerCase(Locale.ROOT), SqlName.of(name, schema), on, false, List.of(on), false);
  }

  private static String kind(String word) {
    String kind = word.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (kind.startsWith("FUNCTION") || kind.startsWith("PROCEDURE")) {
      return "routine";
    }
    if (kind.equals("TYPE") || kind.equals("DOMAIN")) {
      return "type";
    }
    return "relation";
  }
}
