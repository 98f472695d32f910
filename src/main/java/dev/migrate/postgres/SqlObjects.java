package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the object a raw-SQL statement makes, alters, renames or drops is already as the
 * statement would leave it: a table, index, sequence, view, schema, extension or role of that name;
 * a column, constraint or enum label; a rename whose old name is gone and new name is there; a drop
 * of what is gone. Checked by name, since raw SQL gives no definition to compare.
 */
final class SqlObjects {
  private static final String NAME = SqlName.PATTERN;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern TABLE =
      Pattern.compile(
          "CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?!IF\\s)"
              + NAME
              + "(?:\\s*\\(|\\s+PARTITION\\s+OF\\s|\\s+OF\\s|\\s+AS\\s).*",
          FLAGS);
  private static final Pattern INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?!IF\\s)" + NAME + "\\s+ON\\s.*",
          FLAGS);
  private static final Pattern RELATION =
      Pattern.compile(
          "CREATE\\s+(?:MATERIALIZED\\s+)?(SEQUENCE|VIEW)\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  // Composite, range and base types and domains (enum types are compared label by label
  // elsewhere).
  private static final Pattern TYPE =
      Pattern.compile("CREATE\\s+(TYPE|DOMAIN)\\s+" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern SCHEMA =
      Pattern.compile("CREATE\\s+SCHEMA\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern EXTENSION =
      Pattern.compile("CREATE\\s+EXTENSION\\s+(?!IF\\s)" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern ROLE =
      Pattern.compile("CREATE\\s+(?:ROLE|USER)\\s+" + NAME + "(\\s.*)?", FLAGS);
  private static final Pattern ALTER_TABLE =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+(ADD\\s.*?)\\s*;?\\s*",
          FLAGS);
  private static final Pattern ADD_ACTION =
      Pattern.compile(
          "ADD\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s|EXCLUDE\\s)"
              + NAME
              + "\\s+.*",
          FLAGS);
  private static final Pattern ADD_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ADD\\s+CONSTRAINT\\s+"
              + NAME
              + "\\s.*",
          FLAGS);
  private static final Pattern ADD_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+" + NAME + "\\s+ADD\\s+VALUE\\s+(?!IF\\s)'((?:[^']|'')*)'.*", FLAGS);
  private static final Pattern RENAME_VALUE =
      Pattern.compile(
          "ALTER\\s+TYPE\\s+"
              + NAME
              + "\\s+RENAME\\s+VALUE\\s+'((?:[^']|'')*)'\\s+TO\\s+'((?:[^']|'')*)'\\s*;?\\s*",
          FLAGS);
  private static final Pattern ALTER_TYPE =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+([\\w ]+(?:\\([\\d, ]+\\))?(?:\\[\\])?)(?:\\s+USING[\\s(].*)?",
          FLAGS);
  // Renames and drops, guarded by the names they need: done already when the old name is gone
  // (and, for a rename, the new one is there).
  private static final Pattern RENAME_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+RENAME\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  private static final Pattern RENAME_RELATION =
      Pattern.compile(
          "ALTER\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX)\\s+"
              + "(?:IF\\s+EXISTS\\s+)?"
              + NAME
              + "\\s+RENAME\\s+TO\\s+"
              + NAME
              + "\\s*;?\\s*",
          FLAGS);
  private static final Pattern DROP_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+DROP\\s+(?:COLUMN\\s+)?(?!IF\\s|CONSTRAINT\\s)"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);
  private static final Pattern DROP_CONSTRAINT =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+DROP\\s+CONSTRAINT\\s+(?!IF\\s)"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);
  private static final Pattern DROP_RELATION =
      Pattern.compile(
          "DROP\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|INDEX)\\s+"
              + "(?!IF\\s)"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);
  private static final Pattern DROP_ON_TABLE =
      Pattern.compile(
          "DROP\\s+(TRIGGER|POLICY|RULE)\\s+(?!IF\\s)"
              + NAME
              + "\\s+ON\\s+"
              + NAME
              + "(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*",
          FLAGS);

  // Every form above: a statement of one of them has a guard that looks for its object.
  // One ALTER COLUMN action that sets or drops a default or NOT NULL.
  private static final Pattern ALTER_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+(SET\\s+DEFAULT\\s+(.+?)|DROP\\s+DEFAULT|SET\\s+NOT\\s+NULL|DROP\\s+NOT\\s+NULL)\\s*;?\\s*",
          FLAGS);
  private static final List<Pattern> KNOWN =
      List.of(
          TABLE,
          INDEX,
          RELATION,
          TYPE,
          SCHEMA,
          EXTENSION,
          ROLE,
          ALTER_TABLE,
          ADD_CONSTRAINT,
          ADD_VALUE,
          RENAME_VALUE,
          ALTER_TYPE,
          ALTER_COLUMN,
          RENAME_COLUMN,
          RENAME_RELATION,
          DROP_COLUMN,
          DROP_CONSTRAINT,
          DROP_RELATION,
          DROP_ON_TABLE);

  private final PgCatalog catalog;
  private final PgDdl ddl;

  SqlObjects(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * The structured change a raw statement amounts to, so that it is guarded as that change is: ADD
   * COLUMN actions (addColumn), a rename (renameColumn, renameTable, renameView, renameSequence),
   * one ALTER COLUMN … TYPE (modifyDataType), or one ALTER COLUMN that sets or drops a default or
   * NOT NULL (addDefaultValue, dropDefaultValue, addNotNullConstraint, dropNotNullConstraint); null
   * for another statement.
   */
  Change asChange(String code) {
    Change.AddColumn added = SqlTableColumns.added(code, ddl.schema(null));
    if (added != null) {
      return added;
    }
    Matcher m = ALTER_COLUMN.matcher(code);
    if (oneAction(code) && m.matches()) {
      SqlName table = name(m.group(1));
      String column = identifier(m.group(2));
      String action = m.group(3).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
      return action.startsWith("SET DEFAULT")
          ? new Change.AddDefaultValue(
              table.schema(),
              table.name(),
              column,
              new dev.migrate.model.Value(dev.migrate.model.Value.Kind.COMPUTED, m.group(4)))
          : action.equals("DROP DEFAULT")
              ? new Change.DropDefaultValue(table.schema(), table.name(), column)
              : action.equals("SET NOT NULL")
                  ? new Change.AddNotNullConstraint(
                      table.schema(), table.name(), column, null, null)
                  : new Change.DropNotNullConstraint(table.schema(), table.name(), column);
    }
    m = ALTER_TYPE.matcher(code);
    if (oneAction(code) && m.matches()) {
      SqlName table = name(m.group(1));
      return new Change.ModifyDataType(
          table.schema(),
          table.name(),
          identifier(m.group(2)),
          PgType.ofSql(m.group(3).strip()).sqlSpelling());
    }
    m = RENAME_COLUMN.matcher(code);
    if (m.matches()) {
      SqlName table = name(m.group(1));
      return new Change.RenameColumn(
          table.schema(), table.name(), identifier(m.group(2)), identifier(m.group(3)));
    }
    m = RENAME_RELATION.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName from = name(m.group(2));
    String to = identifier(m.group(3));
    return switch (m.group(1).toUpperCase(Locale.ROOT)) {
      case "TABLE" -> new Change.RenameTable(from.schema(), from.name(), to);
      case "VIEW" -> new Change.RenameView(from.schema(), from.name(), to);
      case "SEQUENCE" -> new Change.RenameSequence(from.schema(), from.name(), to);
      default -> null; // materialized views and indexes: by name, below
    };
  }

  private SqlName name(String text) {
    return SqlName.of(text, ddl.schema(null));
  }

  private String identifier(String text) {
    return name(text).name();
  }

  /**
   * Why the statement needs not run (its object exists, or is renamed or dropped already), or null.
   */
  /** Whether the statement (without leading comments) is of a form these guards know. */
  static boolean known(String code) {
    return KNOWN.stream().anyMatch(p -> p.matcher(code).matches());
  }

  String existing(String code) {
    Matcher m;
    if ((m = RENAME_COLUMN.matcher(code)).matches()) {
      SqlName table = name(m.group(1));
      String from = identifier(m.group(2));
      String to = identifier(m.group(3));
      TableInfo info = catalog.table(table.schema(), table.name());
      return info != null && info.column(from) == null && info.column(to) != null
          ? "column " + from + " of " + table + " is already named " + to
          : null;
    }
    if ((m = RENAME_RELATION.matcher(code)).matches()) {
      SqlName from = name(m.group(2));
      SqlName to = new SqlName(from.schema(), identifier(m.group(3)));
      return catalog.table(from.schema(), from.name()) == null
              && catalog.table(to.schema(), to.name()) != null
          ? from + " is already named " + to.name()
          : null;
    }
    if ((m = DROP_COLUMN.matcher(code)).matches()) {
      SqlName table = name(m.group(1));
      String column = identifier(m.group(2));
      TableInfo info = catalog.table(table.schema(), table.name());
      return info != null && info.column(column) == null
          ? "column " + column + " of " + table + " is dropped already"
          : null;
    }
    if ((m = DROP_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = name(m.group(1));
      String constraint = identifier(m.group(2));
      // Every kind of constraint counts here, NOT NULL ones on PostgreSQL 18 included.
      return catalog.table(table.schema(), table.name()) != null
              && !catalog.constraintExists(table.toString(), constraint)
          ? "constraint " + constraint + " of " + table + " is dropped already"
          : null;
    }
    if ((m = DROP_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String object = identifier(m.group(2));
      SqlName table = name(m.group(3));
      String catalogTable =
          switch (kind) {
            case "trigger" ->
                "pg_catalog.pg_trigger WHERE tgname = " + PgNames.literal(object) + " AND tgrelid";
            case "policy" ->
                "pg_catalog.pg_policy WHERE polname = " + PgNames.literal(object) + " AND polrelid";
            default ->
                "pg_catalog.pg_rewrite WHERE rulename = "
                    + PgNames.literal(object)
                    + " AND ev_class";
          };
      return catalog.text(
                  "SELECT 1 FROM "
                      + catalogTable
                      + " = to_regclass("
                      + PgNames.literal(table.toString())
                      + ")")
              == null
          ? kind + " " + object + " on " + table + " is dropped already"
          : null;
    }
    if ((m = DROP_RELATION.matcher(code)).matches()) {
      SqlName name = name(m.group(1));
      return catalog.table(name.schema(), name.name()) == null
          ? name + " is dropped already"
          : null;
    }
    if ((m = TABLE.matcher(code)).matches() || (m = INDEX.matcher(code)).matches()) {
      SqlName name = name(m.group(1));
      return catalog.table(name.schema(), name.name()) != null ? byName(name) : null;
    }
    if ((m = RELATION.matcher(code)).matches()) {
      SqlName name = name(m.group(2));
      return catalog.table(name.schema(), name.name()) != null ? byName(name) : null;
    }
    if ((m = TYPE.matcher(code)).matches()) {
      SqlName name = name(m.group(2));
      return catalog.type(name.schema(), name.name()) != null
          ? m.group(1).toLowerCase(Locale.ROOT) + " " + byName(name)
          : null;
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
      SqlName table = name(m.group(1));
      String constraint = identifier(m.group(2));
      List<PgCatalog.ConstraintInfo> have = catalog.constraints(table.schema(), table.name());
      return have != null && have.stream().anyMatch(k -> k.name().equals(constraint))
          ? "constraint " + constraint + " on " + table + " exists (checked by name only)"
          : null;
    }
    if ((m = ALTER_TABLE.matcher(code)).matches()) {
      // Every action an ADD COLUMN: done when every column is there.
      List<String> columns = new ArrayList<>();
      for (String action : topLevel(m.group(2))) {
        Matcher add = ADD_ACTION.matcher(action.strip());
        if (!add.matches()) {
          return null;
        }
        columns.add(identifier(add.group(1)));
      }
      SqlName table = name(m.group(1));
      TableInfo info = catalog.table(table.schema(), table.name());
      return info != null && columns.stream().allMatch(c -> info.column(c) != null)
          ? "column"
              + (columns.size() == 1 ? " " : "s ")
              + String.join(", ", columns)
              + " of "
              + table
              + (columns.size() == 1 ? " exists" : " exist")
              + " (checked by name only)"
          : null;
    }
    if ((m = ALTER_TYPE.matcher(code)).matches()) {
      SqlName table = name(m.group(1));
      String column = identifier(m.group(2));
      TableInfo info = catalog.table(table.schema(), table.name());
      PgCatalog.ColumnInfo have = info == null ? null : info.column(column);
      return have != null && PgType.of(m.group(3).strip()).matches(have.type())
          ? "column " + column + " of " + table + " is already " + have.type()
          : null;
    }
    if ((m = RENAME_VALUE.matcher(code)).matches()) {
      SqlName type = name(m.group(1));
      String from = m.group(2).replace("''", "'");
      String to = m.group(3).replace("''", "'");
      PgCatalog.TypeInfo info = catalog.type(type.schema(), type.name());
      return info != null && !info.labels().contains(from) && info.labels().contains(to)
          ? "label '" + from + "' of type " + type + " is already named '" + to + "'"
          : null;
    }
    if ((m = ADD_VALUE.matcher(code)).matches()) {
      SqlName type = name(m.group(1));
      String label = m.group(2).replace("''", "'");
      PgCatalog.TypeInfo info = catalog.type(type.schema(), type.name());
      return info != null && info.labels().contains(label)
          ? "type " + type + " already has label '" + label + "'"
          : null;
    }
    return null;
  }

  // An ALTER TABLE with one action: no comma outside parentheses and quotes.
  private static boolean oneAction(String code) {
    return topLevel(code).size() == 1;
  }

  private static String byName(SqlName name) {
    return name + " exists (raw SQL: checked by name only)";
  }

  // Splits on commas outside parentheses and quotes.
  static List<String> topLevel(String text) {
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
}
