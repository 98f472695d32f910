package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw statements whose object, or its table, is absent where a later change removed it: a rerun
 * after lost revision rows passes them over, as the later change's work is done. Part of {@link
 * LostHistory}: {@code upgrade} asks each question before the statement runs, the script writes it
 * as the statement's condition. The same rule passes over a structured column property ({@link
 * #columnGone}) and a structured change on a table in place ({@link TableInPlace}).
 */
final class RemovedSince {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final String PART = "(?:\"[^\"]+\"|[\\w$]+)";
  // COMMENT ON TABLE t, or ON COLUMN t.c: group 1 or 2 the table.
  private static final Pattern COMMENT_ON =
      Pattern.compile(
          "COMMENT\\s+ON\\s+(?:TABLE\\s+"
              + SqlName.PATTERN
              + "|COLUMN\\s+((?:"
              + PART
              + "\\.)?"
              + PART
              + ")\\."
              + PART
              + ")\\s+IS\\s.*",
          FLAGS);

  private RemovedSince() {}

  /** The skips that may apply to {@code code} (without leading comments); empty for most. */
  static List<LostHistory.Skip> of(String code, LaterChanges after, PgDdl ddl) {
    List<LostHistory.Skip> skips = new ArrayList<>();
    LostHistory.Skip table = tableGone(code, after, ddl);
    if (table != null) {
      skips.add(table);
    }
    Change property = columnProperty(code, ddl);
    if (property != null) {
      Facts.Fact f = Facts.of(property).get(0);
      skips.addAll(columnGone(after, new SqlName(ddl.schema(f.schema()), f.table()), f.name()));
    }
    Matcher m;
    if ((m = SqlForms.RENAME_TYPE.matcher(code)).matches()) {
      // Gone under both names, and a later change drops or renames the new one: the rename ran,
      // and what came after it too (as renameTable finds a table made and dropped since).
      SqlName from = ddl.sqlName(m.group(1));
      SqlName to = new SqlName(from.schema(), ddl.sqlName(m.group(2)).name());
      if (after.typeGoneLater(to.schema(), to.name())) {
        skips.add(
            new LostHistory.Skip(
                CatalogQuestion.type(from).negated().and(CatalogQuestion.type(to).negated()),
                bothAbsent("type " + from, to.name())));
      }
    }
    if ((m = SqlForms.RENAME_COLUMN.matcher(code)).matches()) {
      // The same for a column, as renameColumn decides.
      SqlName on = ddl.sqlName(m.group(1));
      String from = ddl.sqlName(m.group(2)).name();
      String to = ddl.sqlName(m.group(3)).name();
      if (after.columns().renamesOrDropsColumn(on.schema(), on.name(), to)) {
        skips.add(
            new LostHistory.Skip(
                CatalogQuestion.relation(on)
                    .and(CatalogQuestion.column(on, from).negated())
                    .and(CatalogQuestion.column(on, to).negated()),
                bothAbsent("column " + from + " of " + on, to)));
      }
    }
    return skips;
  }

  private static String bothAbsent(String what, String to) {
    return what + " and " + to + " are absent, and a later change drops or renames " + to;
  }

  // A statement on a table in place (ALTER TABLE, CREATE INDEX … ON, a write, a comment) whose
  // table is absent, where a later change drops or renames that table, as TableInPlace passes over
  // a structured change. A rename of the table is left to the rename's own rules.
  private static LostHistory.Skip tableGone(String code, LaterChanges after, PgDdl ddl) {
    Matcher m = LostHistory.ON_TABLE.matcher(code);
    SqlName table = null;
    if (m.matches()) {
      table = ddl.sqlName(m.group(1));
    } else if ((m = COMMENT_ON.matcher(code)).matches()) {
      table = ddl.sqlName(m.group(1) != null ? m.group(1) : m.group(2));
    }
    if (table == null
        || SqlForms.RENAME_RELATION.matcher(code).matches()
        || SqlForms.SET_SCHEMA.matcher(code).matches()
        || !after.goneLater(table.schema(), table.name())) {
      return null;
    }
    return new LostHistory.Skip(
        CatalogQuestion.relation(table).negated(),
        "table " + table + " is absent, and a later change drops or renames it");
  }

  /**
   * A property of a column set (its type, default or NOT NULL) where the column or its table is
   * absent, and a later change drops or renames it: a rerun after lost history finds that later
   * work done. For a structured change and a raw ALTER COLUMN alike; empty where no later change
   * explains the absence, which then stops the changeset.
   */
  static List<LostHistory.Skip> columnGone(LaterChanges after, SqlName table, String column) {
    if (!after.goneLater(table.schema(), table.name())
        && !after.columns().touchColumn(table.schema(), table.name(), column)) {
      return List.of();
    }
    CatalogQuestion there = CatalogQuestion.relation(table);
    String why = " is absent, and a later change drops or renames it";
    return List.of(
        new LostHistory.Skip(there.negated(), "table " + table + why),
        new LostHistory.Skip(
            there.and(CatalogQuestion.column(table, column).negated()),
            "column " + column + " of " + table + why));
  }

  // The column property change a raw ALTER TABLE … ALTER COLUMN amounts to; null for another.
  private static Change columnProperty(String code, PgDdl ddl) {
    if (!SqlForms.ALTER_COLUMN.matcher(code).matches()
        && !SqlForms.ALTER_TYPE.matcher(code).matches()) {
      return null;
    }
    Change change = new SqlChanges(ddl).asChange(code);
    return change instanceof Change.AddColumn ? null : change;
  }
}
