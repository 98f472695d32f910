package dev.migrate.postgres;

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
  private SqlRemakes() {}

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
  static final Pattern CREATE =
      Pattern.compile(
          "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?(?:TEMP(?:ORARY)?\\s+|UNLOGGED\\s+)?"
              + "(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|(?:UNIQUE\\s+)?INDEX(?:\\s+CONCURRENTLY)?"
              + "|TYPE|DOMAIN|FUNCTION|PROCEDURE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + SqlForms.MADE_NAME
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

    /**
     * Whether the database has this object: a snapshot answers yes where it read the relation or
     * type; anything else is the server's to say (an index of the name in another schema counts).
     */
    CatalogQuestion present() {
      CatalogQuestion.Known known =
          switch (kind) {
            case "type" -> s -> s.hasType(name.schema(), name.name());
            case "relation" ->
                s -> Boolean.TRUE.equals(s.relation(name.schema(), name.name())) ? true : null;
            default -> null;
          };
      return new CatalogQuestion(presentQuery(), List.of(), known);
    }

    // A boolean SQL expression: whether the database has this object.
    private String presentQuery() {
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
      boolean index = m.group(1).toUpperCase(Locale.ROOT).contains("INDEX");
      SqlName name = SqlName.of(m.group(2), schema);
      if (index && !uses.isEmpty()) {
        name = new SqlName(uses.get(0).schema(), name.name()); // an index is in its table's schema
      }
      return new Made(
          kind(m.group(1)),
          name,
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
  static String code(String statement) {
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
