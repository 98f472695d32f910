package dev.migrate.postgres;

import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Whether the object a raw-SQL statement makes, alters, renames or drops is already as the
 * statement would leave it: a table, index, sequence, view, schema, extension or role of that name;
 * a column, constraint or enum label; a rename whose old name is gone and new name is there; a drop
 * of what is gone. Checked by name, since raw SQL gives no definition to compare.
 */
final class SqlObjects {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  SqlObjects(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * Why the statement needs not run (its object exists, or is renamed or dropped already), or null.
   */
  String existing(String code) {
    Matcher m;
    if ((m = SqlForms.RENAME_COLUMN.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String from = ddl.sqlName(m.group(2)).name();
      String to = ddl.sqlName(m.group(3)).name();
      TableInfo info = catalog.table(table.schema(), table.name());
      return info != null && info.column(from) == null && info.column(to) != null
          ? "column " + from + " of " + table + " is already named " + to
          : null;
    }
    if ((m = SqlForms.RENAME_RELATION.matcher(code)).matches()) {
      SqlName from = ddl.sqlName(m.group(2));
      SqlName to = new SqlName(from.schema(), ddl.sqlName(m.group(3)).name());
      return catalog.table(from.schema(), from.name()) == null
              && catalog.table(to.schema(), to.name()) != null
          ? from + " is already named " + to.name()
          : null;
    }
    if ((m = SqlForms.DROP_COLUMN.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      TableInfo info = catalog.table(table.schema(), table.name());
      return info != null && info.column(column) == null
          ? "column " + column + " of " + table + " is dropped already"
          : null;
    }
    if ((m = SqlForms.DROP_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String constraint = ddl.sqlName(m.group(2)).name();
      // Every kind of constraint counts here, NOT NULL ones on PostgreSQL 18 included.
      return catalog.table(table.schema(), table.name()) != null
              && !catalog.constraintExists(table.toString(), constraint)
          ? "constraint " + constraint + " of " + table + " is dropped already"
          : null;
    }
    if ((m = SqlForms.DROP_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String object = ddl.sqlName(m.group(2)).name();
      SqlName table = ddl.sqlName(m.group(3));
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
    if ((m = SqlForms.DROP_RELATION.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(1));
      return catalog.table(name.schema(), name.name()) == null
          ? name + " is dropped already"
          : null;
    }
    if ((m = SqlForms.TABLE.matcher(code)).matches()
        || (m = SqlForms.INDEX.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(1));
      return catalog.table(name.schema(), name.name()) != null ? byName(name) : null;
    }
    if ((m = SqlForms.RELATION.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      return catalog.table(name.schema(), name.name()) != null ? byName(name) : null;
    }
    if ((m = SqlForms.TYPE.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      return catalog.type(name.schema(), name.name()) != null
          ? m.group(1).toLowerCase(Locale.ROOT) + " " + byName(name)
          : null;
    }
    if ((m = SqlForms.SCHEMA.matcher(code)).matches()) {
      String schema = ddl.sqlName(m.group(1)).name();
      return catalog.schemaExists(schema) ? "schema " + schema + " exists" : null;
    }
    if ((m = SqlForms.EXTENSION.matcher(code)).matches()) {
      String extension = ddl.sqlName(m.group(1)).name();
      return catalog.extensionExists(extension) ? "extension " + extension + " exists" : null;
    }
    if ((m = SqlForms.ROLE.matcher(code)).matches()) {
      String role = ddl.sqlName(m.group(1)).name();
      return catalog.roleExists(role) ? "role " + role + " exists (checked by name only)" : null;
    }
    if (SqlForms.oneAction(code) && (m = SqlForms.ADD_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String constraint = ddl.sqlName(m.group(2)).name();
      List<PgCatalog.ConstraintInfo> have = catalog.constraints(table.schema(), table.name());
      return have != null && have.stream().anyMatch(k -> k.name().equals(constraint))
          ? "constraint " + constraint + " on " + table + " exists (checked by name only)"
          : null;
    }
    if ((m = SqlForms.ALTER_TABLE.matcher(code)).matches()) {
      // Every action an ADD COLUMN: done when every column is there.
      List<String> columns = new ArrayList<>();
      for (String action : SqlForms.topLevel(m.group(2))) {
        Matcher add = SqlForms.ADD_ACTION.matcher(action.strip());
        if (!add.matches()) {
          return null;
        }
        columns.add(ddl.sqlName(add.group(1)).name());
      }
      SqlName table = ddl.sqlName(m.group(1));
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
    if ((m = SqlForms.ALTER_TYPE.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      TableInfo info = catalog.table(table.schema(), table.name());
      PgCatalog.ColumnInfo have = info == null ? null : info.column(column);
      return have != null && PgType.of(m.group(3).strip()).matches(have.type())
          ? "column " + column + " of " + table + " is already " + have.type()
          : null;
    }
    if ((m = SqlForms.RENAME_VALUE.matcher(code)).matches()) {
      SqlName type = ddl.sqlName(m.group(1));
      String from = m.group(2).replace("''", "'");
      String to = m.group(3).replace("''", "'");
      PgCatalog.TypeInfo info = catalog.type(type.schema(), type.name());
      return info != null && !info.labels().contains(from) && info.labels().contains(to)
          ? "label '" + from + "' of type " + type + " is already named '" + to + "'"
          : null;
    }
    if ((m = SqlForms.ADD_VALUE.matcher(code)).matches()) {
      SqlName type = ddl.sqlName(m.group(1));
      String label = m.group(2).replace("''", "'");
      PgCatalog.TypeInfo info = catalog.type(type.schema(), type.name());
      return info != null && info.labels().contains(label)
          ? "type " + type + " already has label '" + label + "'"
          : null;
    }
    return null;
  }

  private static String byName(SqlName name) {
    return name + " exists (raw SQL: checked by name only)";
  }
}
