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

  /** A question whose yes means the statement needs not run, and why. */
  record Done(CatalogQuestion question, String reason) {}

  /**
   * Why the statement needs not run (its object exists, or is renamed or dropped already), or null.
   */
  String existing(String code) {
    Done done = done(code);
    if (done != null) {
      return catalog.holds(done.question()) ? done.reason() : null;
    }
    Matcher m = SqlForms.ALTER_TYPE.matcher(code);
    if (m.matches()) {
      // Asked here only: PostgreSQL's own names for the type are compared in Java. Run again, the
      // statement sets the type the column has, so the script runs it as written.
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      TableInfo info = catalog.table(table.schema(), table.name());
      PgCatalog.ColumnInfo have = info == null ? null : info.column(column);
      return have != null && PgType.of(m.group(3).strip()).matches(have.type())
          ? "column " + column + " of " + table + " is already " + have.type()
          : null;
    }
    return null;
  }

  /**
   * The catalog question that says the statement needs not run, with the reason, for {@code
   * upgrade} and the {@code --sql} script alike; null for a statement no question covers.
   */
  Done done(String code) {
    Matcher m;
    if ((m = SqlForms.RENAME_COLUMN.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String from = ddl.sqlName(m.group(2)).name();
      String to = ddl.sqlName(m.group(3)).name();
      return new Done(
          CatalogQuestion.column(table, from).negated().and(CatalogQuestion.column(table, to)),
          "column " + from + " of " + table + " is already named " + to);
    }
    if ((m = SqlForms.RENAME_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String from = ddl.sqlName(m.group(2)).name();
      String to = ddl.sqlName(m.group(3)).name();
      return new Done(
          CatalogQuestion.constraint(table, from)
              .negated()
              .and(CatalogQuestion.constraint(table, to)),
          "constraint " + from + " of " + table + " is already named " + to);
    }
    if ((m = SqlForms.RENAME_RELATION.matcher(code)).matches()) {
      SqlName from = ddl.sqlName(m.group(2));
      SqlName to = new SqlName(from.schema(), ddl.sqlName(m.group(3)).name());
      return new Done(
          CatalogQuestion.relation(from).negated().and(CatalogQuestion.relation(to)),
          from + " is already named " + to.name());
    }
    if ((m = SqlForms.DROP_COLUMN.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      return new Done(
          CatalogQuestion.relation(table).and(CatalogQuestion.column(table, column).negated()),
          "column " + column + " of " + table + " is dropped already");
    }
    if ((m = SqlForms.DROP_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String constraint = ddl.sqlName(m.group(2)).name();
      // Every kind of constraint counts here, NOT NULL ones on PostgreSQL 18 included.
      return new Done(
          CatalogQuestion.relation(table)
              .and(CatalogQuestion.constraint(table, constraint).negated()),
          "constraint " + constraint + " of " + table + " is dropped already");
    }
    if ((m = SqlForms.ADD_IDENTITY.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      return new Done(
          CatalogQuestion.identity(table, column, true),
          "column " + column + " of " + table + " is an identity column already");
    }
    if ((m = SqlForms.SET_SCHEMA.matcher(code)).matches()) {
      SqlName from = ddl.sqlName(m.group(1));
      SqlName to = new SqlName(ddl.sqlName(m.group(2)).name(), from.name());
      return new Done(
          CatalogQuestion.relation(from).negated().and(CatalogQuestion.relation(to)),
          from + " is already in schema " + to.schema());
    }
    if ((m = SqlForms.RENAME_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String from = ddl.sqlName(m.group(2)).name();
      SqlName table = ddl.sqlName(m.group(3));
      String to = ddl.sqlName(m.group(4)).name();
      return new Done(
          CatalogQuestion.onTable(kind, from, table)
              .negated()
              .and(CatalogQuestion.onTable(kind, to, table)),
          kind + " " + from + " on " + table + " is already named " + to);
    }
    if ((m = SqlForms.DROP_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String object = ddl.sqlName(m.group(2)).name();
      SqlName table = ddl.sqlName(m.group(3));
      return new Done(
          CatalogQuestion.onTable(kind, object, table).negated(),
          kind + " " + object + " on " + table + " is dropped already");
    }
    if ((m = SqlForms.DROP_RELATION.matcher(code)).matches()) {
      // A type's name is its own, as a relation's is.
      boolean type = m.group(1).matches("(?i)TYPE|DOMAIN");
      return type
          ? dropped(m.group(2), "type ", CatalogQuestion::type)
          : dropped(m.group(2), "", CatalogQuestion::relation);
    }
    if ((m = SqlForms.RENAME_TYPE.matcher(code)).matches()) {
      SqlName from = ddl.sqlName(m.group(1));
      SqlName to = new SqlName(from.schema(), ddl.sqlName(m.group(2)).name());
      return new Done(
          CatalogQuestion.type(from).negated().and(CatalogQuestion.type(to)),
          "type " + from + " is already named " + to.name());
    }
    if ((m = SqlForms.TABLE.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(1));
      return new Done(CatalogQuestion.relation(name), byName(name));
    }
    // An index is made in its table's schema (its own name takes none), as PostgreSQL makes it.
    if ((m = SqlForms.INDEX.matcher(code)).matches()
        || (m = SqlForms.INDEX_IF_NOT_EXISTS.matcher(code)).matches()) {
      SqlName name = new SqlName(ddl.sqlName(m.group(2)).schema(), ddl.sqlName(m.group(1)).name());
      return new Done(CatalogQuestion.relation(name), byName(name));
    }
    if ((m = SqlForms.RELATION.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      return new Done(CatalogQuestion.relation(name), byName(name));
    }
    // IF NOT EXISTS: passed over as PostgreSQL passes over it, a relation of that name being there.
    if ((m = SqlForms.IF_NOT_EXISTS.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(1));
      return new Done(CatalogQuestion.relation(name), byName(name));
    }
    if ((m = SqlForms.TYPE.matcher(code)).matches()) {
      SqlName name = ddl.sqlName(m.group(2));
      return new Done(
          CatalogQuestion.type(name), m.group(1).toLowerCase(Locale.ROOT) + " " + byName(name));
    }
    if ((m = SqlForms.SCHEMA.matcher(code)).matches()) {
      String schema = ddl.sqlName(m.group(1)).name();
      return new Done(CatalogQuestion.schema(schema), "schema " + schema + " exists");
    }
    if ((m = SqlForms.EXTENSION.matcher(code)).matches()) {
      String extension = ddl.sqlName(m.group(1)).name();
      return new Done(CatalogQuestion.extension(extension), "extension " + extension + " exists");
    }
    if ((m = SqlForms.ROLE.matcher(code)).matches()) {
      String role = ddl.sqlName(m.group(1)).name();
      return new Done(
          CatalogQuestion.role(role), "role " + role + " exists (checked by name only)");
    }
    if (SqlForms.oneAction(code) && (m = SqlForms.ADD_CONSTRAINT.matcher(code)).matches()) {
      SqlName table = ddl.sqlName(m.group(1));
      String constraint = ddl.sqlName(m.group(2)).name();
      return new Done(
          CatalogQuestion.constraint(table, constraint),
          "constraint " + constraint + " on " + table + " exists (checked by name only)");
    }
    if ((m = SqlForms.ALTER_TABLE.matcher(code)).matches()) {
      // Every action an ADD COLUMN: done when every column is there.
      SqlName table = ddl.sqlName(m.group(1));
      List<String> columns = new ArrayList<>();
      CatalogQuestion all = CatalogQuestion.relation(table);
      for (String action : SqlWords.topLevel(m.group(2))) {
        Matcher add = SqlForms.ADD_ACTION.matcher(action.strip());
        if (!add.matches()) {
          return null;
        }
        String column = ddl.sqlName(add.group(1)).name();
        columns.add(column);
        all = all.and(CatalogQuestion.column(table, column));
      }
      return new Done(
          all,
          "column"
              + (columns.size() == 1 ? " " : "s ")
              + String.join(", ", columns)
              + " of "
              + table
              + (columns.size() == 1 ? " exists" : " exist")
              + " (checked by name only)");
    }
    if ((m = SqlForms.RENAME_VALUE.matcher(code)).matches()) {
      SqlName type = ddl.sqlName(m.group(1));
      String from = m.group(2).replace("''", "'");
      String to = m.group(3).replace("''", "'");
      return new Done(
          CatalogQuestion.label(type, from).negated().and(CatalogQuestion.label(type, to)),
          "label '" + from + "' of type " + type + " is already named '" + to + "'");
    }
    if ((m = SqlForms.ADD_VALUE.matcher(code)).matches()) {
      SqlName type = ddl.sqlName(m.group(1));
      String label = m.group(2).replace("''", "'");
      return new Done(
          CatalogQuestion.label(type, label),
          "type " + type + " already has label '" + label + "'");
    }
    return null;
  }

  // One statement drops its list whole or not at all: done when every object of it is absent.
  private Done dropped(
      String list, String kind, java.util.function.Function<SqlName, CatalogQuestion> named) {
    CatalogQuestion gone = null;
    List<String> names = new ArrayList<>();
    for (String each : SqlWords.topLevel(list)) {
      SqlName name = ddl.sqlName(each);
      CatalogQuestion absent = named.apply(name).negated();
      gone = gone == null ? absent : gone.and(absent);
      names.add(name.toString());
    }
    return new Done(
        gone,
        kind
            + String.join(", ", names)
            + (names.size() == 1 ? " is" : " are")
            + " dropped already");
  }

  private static String byName(SqlName name) {
    return name + " exists (raw SQL: checked by name only)";
  }
}
