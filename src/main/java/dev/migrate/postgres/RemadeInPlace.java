package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A step that drops tables and makes them again (see {@link SqlRemakes}), asked on a rerun after
 * lost history: when the tables in place already are as the step would make them, column for
 * column, key for key, index for index, the drops and creates need not run, and the rows stay.
 */
final class RemadeInPlace {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  RemadeInPlace(PgCatalog catalog, PgDdl ddl) {
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
    String schema = ddl.sqlSchema();
    int end = SqlRemakes.remadeAt(statements, drop, drop + 1, schema, true);
    List<Integer> skipped = new ArrayList<>();
    List<SqlName> tables = new ArrayList<>();
    for (int i = drop; i <= end; i++) {
      List<String> keys = SqlRemakes.dropped(statements.get(i), schema);
      if (keys.isEmpty()) {
        continue;
      }
      for (String key : keys) {
        int create = -1;
        for (int j = i + 1; j < statements.size() && create < 0; j++) {
          create = key.equals(SqlRemakes.created(statements.get(j), schema)) ? j : -1;
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
    Matcher m =
        create < 0 ? null : SqlRemakes.CREATE.matcher(SqlRemakes.code(statements.get(create)));
    if (m == null || !m.matches() || !m.group(1).equalsIgnoreCase("TABLE")) {
      return null;
    }
    SqlName table = SqlName.of(m.group(2), ddl.sqlSchema());
    PgCatalog.TableInfo info = catalog.table(table.schema(), table.name());
    return info != null && (info.kind().equals("r") || info.kind().equals("p")) ? table : null;
  }

  // Lines are "table column name …", "table constraint name …" or "table index name …": what a
  // later change reworks (a column it touches, a key or index it names) is left to that change.
  private static boolean compared(String line, LaterChanges after) {
    String[] part = line.split(" ", 4);
    SqlName table = SqlName.of(part[0], "");
    List<String> later = after.columns().touchedColumns(table.schema(), table.name());
    return part[1].equals("column")
        ? !later.contains(part[2])
            && !after.columns().touchColumn(table.schema(), table.name(), part[2])
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
}
