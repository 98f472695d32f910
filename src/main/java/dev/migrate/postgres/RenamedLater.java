package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * The names later changes give an object, followed through their renames (and a relation's move to
 * another schema): where an object is absent and there under such a name, a changeset outside a
 * transaction was killed after that rename, or the revision rows were lost, and the object is
 * there. Asked alike by {@code upgrade}'s guards and written into the {@code --sql} script.
 */
final class RenamedLater {
  private RenamedLater() {}

  /**
   * The name a later change renames this relation to, where a relation of that name can only be it
   * renamed; null otherwise. What has that name is another relation when later changes rename it
   * away or drop it (ALTER TABLE a RENAME TO a_old; ALTER TABLE a_new RENAME TO a).
   */
  static String relation(LaterChanges after, String schema, String relation) {
    String renamed = after.relationRenamedTo(schema, relation);
    return renamed == null
            || after.relationRenamedTo(schema, renamed) != null
            || after.dropTable(schema, renamed)
        ? null
        : renamed;
  }

  /**
   * The name this raw SQL's ALTER TABLE|VIEW|SEQUENCE|INDEX … RENAME TO statements, and an ADD
   * CONSTRAINT … USING INDEX of an index (which gives the index the constraint's name), give this
   * relation last, or null.
   */
  static String inSql(String sql, String relation) {
    String now = relation;
    for (String last = null; !now.equals(last); ) {
      last = now;
      String renamed =
          LaterSql.followed(
              sql,
              now,
              name ->
                  LaterSql.pattern(
                      "(?is)\\balter\\s+(table|view|materialized\\s+view|sequence|index)\\s+"
                          + "(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                          + LaterSql.named(name)
                          + "\\s+rename\\s+to\\s+(\"[^\"]+\"|[\\w$]+)"),
              4,
              "rename");
      now = renamed == null ? now : renamed;
      String keyed =
          LaterSql.followed(
              sql,
              now,
              name ->
                  LaterSql.pattern(
                      "(?is)\\balter\\s+table\\s+[^;]*?\\badd\\s+constraint\\s+"
                          + "(\"[^\"]+\"|[\\w$]+)\\s+(unique|primary\\s+key)\\s+using\\s+index\\s+"
                          + LaterSql.named(name)
                          + "(\\s|;|$)"),
              1,
              "using");
      now = keyed == null ? now : keyed;
    }
    return now.equals(relation) ? null : now;
  }

  /**
   * Where later changes leave this relation: the name a later rename gives it ({@link #relation}),
   * in the schema a later ALTER … SET SCHEMA moves it to; null when they leave it where it is.
   */
  static SqlName place(LaterChanges after, String schema, String relation) {
    String renamed = relation(after, schema, relation);
    String name = renamed == null ? relation : renamed;
    String to = null;
    for (int i : after.naming(name).toArray()) {
      String sql = LaterSql.text(after.changes().get(i));
      java.util.regex.Pattern move =
          LaterSql.pattern(
              "(?is)\\balter\\s+(table|view|materialized\\s+view|sequence)\\s+(if\\s+exists\\s+)?"
                  + "([\\w$\"]+\\.)?"
                  + LaterSql.named(name)
                  + "\\s+set\\s+schema\\s+(\"[^\"]+\"|[\\w$]+)");
      for (java.util.regex.Matcher m = SqlParts.first(move, sql, 0, name, "schema");
          m != null;
          m = SqlParts.first(move, sql, m.end(), name, "schema")) {
        to = SqlName.of(m.group(4), "").name();
      }
    }
    return renamed == null && to == null ? null : new SqlName(to == null ? schema : to, name);
  }

  /** Whether this raw SQL moves the relation to another schema (ALTER … SET SCHEMA). */
  static boolean moves(String sql, String relation) {
    return LaterSql.find(
        () ->
            "\\balter\\s+(table|view|materialized\\s+view|sequence)\\s+(if\\s+exists\\s+)?"
                + "([\\w$\"]+\\.)?"
                + LaterSql.named(relation)
                + "\\s+set\\s+schema\\s",
        sql,
        relation);
  }

  /**
   * The script's question whether a column that an addColumn (or a raw ADD COLUMN) adds is there:
   * under its name, or under the name a later change renames it to, which that change checks, as
   * upgrade looks for it. Where a column of that name is dropped or renamed away before the rename,
   * only its own name counts (upgrade compares the two, which the script does not).
   */
  static CatalogQuestion columnPresent(SqlName table, String column, LaterChanges after) {
    CatalogQuestion there = CatalogQuestion.column(table, column);
    String renamed = after.columns().columnRenamedTo(table.schema(), table.name(), column);
    return renamed == null || freedFirst(after, table.schema(), table.name(), column)
        ? there
        : there.or(CatalogQuestion.column(table, renamed));
  }

  /**
   * The script's question whether to add these columns: some is not {@link #columnPresent}, and the
   * table is there, or absent without a later change that drops or renames it (then the statement
   * fails as upgrade's guard stops; with one, upgrade skips it as the table's later change's).
   */
  static CatalogQuestion columnsToAdd(SqlName table, List<String> columns, LaterChanges after) {
    CatalogQuestion all = null;
    for (String column : columns) {
      CatalogQuestion each = columnPresent(table, column, after);
      all = all == null ? each : all.and(each);
    }
    CatalogQuestion missing = all.negated();
    return after.goneLater(table.schema(), table.name())
        ? CatalogQuestion.relation(table).and(missing)
        : missing;
  }

  /**
   * Whether a change before the rename of this column drops or renames away a column of the new
   * name (add x; drop y; rename x to y): a column of that name in the table now may then be the old
   * one rather than this column renamed.
   */
  static boolean freedFirst(LaterChanges after, String schema, String table, String column) {
    java.util.Set<String> freed = new java.util.HashSet<>();
    for (int i : after.naming(table).toArray()) {
      Change change = after.changes().get(i);
      if (change instanceof Change.RenameColumn r
          && after.sameTable(r.schemaName(), r.tableName(), schema, table)) {
        if (r.oldColumnName().equals(column)) {
          return freed.contains(r.newColumnName());
        }
        freed.add(r.oldColumnName());
      } else if (change instanceof Change.DropColumn d
          && after.sameTable(d.schemaName(), d.tableName(), schema, table)) {
        freed.addAll(d.columnNames());
      }
      // Raw SQL: its DROP and RENAME COLUMN actions on the table, in order.
      for (String[] action : LaterSqlColumns.columnActions(LaterSql.text(change), table)) {
        if (action[0].equals("rename") && action[1].equals(column) && action[2] != null) {
          return freed.contains(action[2]);
        } else if (action[0].equals("drop") || action[0].equals("rename")) {
          freed.add(action[1]);
        }
      }
    }
    return false;
  }

  /**
   * The name later raw RENAME CONSTRAINTs give this constraint of this table in the end, or null,
   * followed through renames of its table too.
   */
  static String constraint(LaterChanges after, String schema, String table, String constraint) {
    LaterColumns columns = after.columns();
    String[] at = {table, constraint};
    for (int i = columns.next(at[0], 0); i >= 0; i = columns.next(at[0], i + 1)) {
      Change change = after.changes().get(i);
      String onTable = at[0];
      String renamed =
          LaterSql.followed(
              LaterSql.text(change),
              at[1],
              name ->
                  LaterSql.pattern(
                      "(?is)\\balter\\s+table\\s+(only\\s+)?(if\\s+exists\\s+)?([\\w$\"]+\\.)?"
                          + LaterSql.named(onTable)
                          + "\\s+rename\\s+constraint\\s+"
                          + LaterSql.named(name)
                          + "\\s+to\\s+(\"[^\"]+\"|[\\w$]+)"),
              4,
              "rename",
              onTable);
      at =
          columns.followed(change, schema, new String[] {at[0], renamed == null ? at[1] : renamed});
    }
    return at[1].equals(constraint) ? null : at[1];
  }

  /**
   * The name later raw ALTER TRIGGER|POLICY|RULE … ON table RENAME TO statements give this {@code
   * kind} of object of the table in the end, or null.
   */
  static String onTable(LaterChanges after, String kind, String table, String object) {
    String now = object;
    for (int i : after.naming(object).toArray()) {
      String renamed =
          LaterSql.followed(
              LaterSql.text(after.changes().get(i)),
              now,
              name ->
                  LaterSql.pattern(
                      "(?is)\\balter\\s+"
                          + kind
                          + "\\s+"
                          + LaterSql.named(name)
                          + "\\s+on\\s+([\\w$\"]+\\.)?"
                          + LaterSql.named(table)
                          + "\\s+rename\\s+to\\s+(\"[^\"]+\"|[\\w$]+)"),
              2,
              "rename",
              table);
      now = renamed == null ? now : renamed;
    }
    return now.equals(object) ? null : now;
  }
}
