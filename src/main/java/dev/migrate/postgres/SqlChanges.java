package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The structured change a raw-SQL statement amounts to, so that it is guarded as that change is.
 */
final class SqlChanges {
  private final PgDdl ddl;

  SqlChanges(PgDdl ddl) {
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
    Change.AddColumn added = SqlTableColumns.added(code, ddl.sqlSchema());
    if (added != null) {
      return added;
    }
    Matcher m = SqlForms.ALTER_COLUMN.matcher(code);
    if (SqlForms.oneAction(code) && m.matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      String action = m.group(3).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
      return action.startsWith("SET DEFAULT")
          ? new Change.AddDefaultValue(
              table.schema(), table.name(), column, new Value(Value.Kind.COMPUTED, m.group(4)))
          : action.equals("DROP DEFAULT")
              ? new Change.DropDefaultValue(table.schema(), table.name(), column)
              : action.equals("SET NOT NULL")
                  ? new Change.AddNotNullConstraint(
                      table.schema(), table.name(), column, null, null)
                  : new Change.DropNotNullConstraint(table.schema(), table.name(), column);
    }
    m = SqlForms.ALTER_TYPE.matcher(code);
    if (SqlForms.oneAction(code) && m.matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      return new Change.ModifyDataType(
          table.schema(),
          table.name(),
          ddl.sqlName(m.group(2)).name(),
          PgType.ofSql(m.group(3).strip()).sqlSpelling());
    }
    m = SqlForms.RENAME_COLUMN.matcher(code);
    if (m.matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      return new Change.RenameColumn(
          table.schema(),
          table.name(),
          ddl.sqlName(m.group(2)).name(),
          ddl.sqlName(m.group(3)).name());
    }
    m = SqlForms.RENAME_RELATION.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName from = ddl.sqlName(m.group(2));
    String to = ddl.sqlName(m.group(3)).name();
    return switch (m.group(1).toUpperCase(Locale.ROOT)) {
      case "TABLE" -> new Change.RenameTable(from.schema(), from.name(), to);
      case "VIEW" -> new Change.RenameView(from.schema(), from.name(), to);
      case "SEQUENCE" -> new Change.RenameSequence(from.schema(), from.name(), to);
      default -> null; // materialized views and indexes: by name, below
    };
  }
}
