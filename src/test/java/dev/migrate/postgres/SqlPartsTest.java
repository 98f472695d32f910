package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The questions about later raw SQL read only the statements that hold the names they ask about
 * ({@link SqlParts}); they must answer as they do reading each text whole. Generated texts mix the
 * statements the questions look for with what could cut a statement in the wrong place: semicolons
 * in comments, strings, quoted names and function bodies, names in any case, quoted or with a
 * schema, and names of more than one word.
 */
class SqlPartsTest {
  private static final String[] NAMES = {"t", "orders", "Orders", "c", "id", "né", "a$b", "x;y"};
  private static final String[] KINDS = {"index", "sequence", "type", "function", "trigger"};

  @Test
  void everyQuestionAnswersAsOnTheWholeText() {
    Random random = new Random(20261202);
    int asked = 0;
    for (int text = 0; text < 120; text++) {
      String sql = text(random);
      for (String a : NAMES) {
        for (String b : NAMES) {
          for (Map.Entry<String, Supplier<Object>> q : questions(sql, a, b).entrySet()) {
            Object parts = q.getValue().get();
            Object whole = SqlParts.wholeText(q.getValue());
            assertEquals(whole, parts, q.getKey() + "(" + a + ", " + b + ") of:\n" + sql);
            asked++;
          }
        }
      }
    }
    assertTrue(asked > 100_000, "asked " + asked);
  }

  @Test
  void aSemicolonInsideAStatementDoesNotEndIt() {
    String sql =
        "ALTER TABLE t ADD COLUMN \"c;d\" int /* ; */ DEFAULT 1; -- ;\n"
            + "DO $$ BEGIN ALTER TABLE orders DROP COLUMN id; END $$;"
            + " COMMENT ON TABLE t IS 'x; alter table t add column z int'";
    Pattern any = Pattern.compile("(?is)alter");
    assertTrue(SqlParts.find(any, sql, "orders", "id"));
    assertTrue(SqlParts.find(Pattern.compile("(?is)begin.*end"), sql, "orders"));
    assertFalse(SqlParts.find(Pattern.compile("(?is)comment"), sql, "orders"));
    assertTrue(LaterSqlColumns.dropsColumn(sql, "orders", "id"));
    assertTrue(LaterSqlColumns.addsColumn(sql, "t", "z"));
  }

  private static Map<String, Supplier<Object>> questions(String sql, String a, String b) {
    Map<String, Supplier<Object>> q = new LinkedHashMap<>();
    q.put("relationRenamedTo", () -> RenamedLater.inSql(sql, a));
    q.put("renamesOnto", () -> LaterSql.renamesOnto(sql, a));
    q.put("addsConstraint", () -> LaterSql.addsConstraint(sql, a));
    q.put("createsType", () -> LaterSql.createsType(sql, a));
    q.put("createsTable", () -> LaterSql.createsTable(sql, a));
    q.put("dropsConstraint", () -> LaterSql.dropsConstraint(sql, a, b));
    q.put("altersTable", () -> LaterSql.altersTable(sql, a));
    q.put("redefinesView", () -> LaterSql.redefinesView(sql, a));
    q.put("dropsRelation", () -> LaterSql.dropsRelation(sql, a));
    for (String kind : KINDS) {
      q.put("dropsOrRenames " + kind, () -> LaterSql.dropsOrRenames(sql, kind, a));
      q.put("redefines " + kind, () -> LaterSql.redefines(sql, kind, a));
    }
    q.put("creates index", () -> LaterSql.creates(sql, "index", a));
    q.put("creates sequence", () -> LaterSql.creates(sql, "sequence", a));
    q.put(
        "columnActions",
        () -> LaterSqlColumns.columnActions(sql, a).stream().map(Arrays::asList).toList());
    q.put("columnsNamedOn", () -> LaterSqlColumns.columnsNamedOn(sql, a));
    q.put("keysColumn", () -> LaterSqlColumns.keysColumn(sql, a, b));
    q.put("renamesOrDropsColumn", () -> LaterSqlColumns.renamesOrDropsColumn(sql, a, b));
    q.put("renamesOrDropsColumn any", () -> LaterSqlColumns.renamesOrDropsColumn(sql, b));
    q.put("dropsSomeColumn", () -> LaterSqlColumns.dropsSomeColumn(sql, a));
    q.put("dropsColumn", () -> LaterSqlColumns.dropsColumn(sql, a, b));
    q.put("columnRenamedTo", () -> String.valueOf(LaterSqlColumns.columnRenamedTo(sql, a, b)));
    q.put("renamesColumnOnto", () -> LaterSqlColumns.renamesColumnOnto(sql, a, b));
    q.put("addsColumn", () -> LaterSqlColumns.addsColumn(sql, a, b));
    q.put("altersColumn", () -> LaterSqlColumns.altersColumn(sql, a, b));
    q.put("updatesColumn", () -> LaterSqlColumns.updatesColumn(sql, a, b));
    return q;
  }

  // A text of a few statements, each one the questions look for or something around them.
  private static String text(Random random) {
    List<String> statements = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      statements.add(statement(random));
    }
    StringBuilder sql = new StringBuilder();
    for (String statement : statements) {
      sql.append(statement).append(pick(random, ";", ";\n", " ;", ";-- after; it\n", ";"));
    }
    if (random.nextBoolean()) {
      sql.setLength(sql.length() - 1); // the last statement without its semicolon
    }
    return sql.toString();
  }

  private static String statement(Random random) {
    String t = name(random);
    String c = name(random);
    String d = name(random);
    String[] shapes = {
      "ALTER TABLE " + t + " ADD COLUMN " + c + " int",
      "alter table only " + t + " add " + c + " text default 'a;b', drop column if exists " + d,
      "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + d,
      "alter table " + t + " rename " + c + " to " + d,
      "ALTER TABLE IF EXISTS " + t + " RENAME TO " + d,
      "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " PRIMARY KEY (" + d + ", " + c + ")",
      "alter table " + t + " add primary key (" + c + ")",
      "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT ';'",
      "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + c,
      "alter table " + t + " drop " + c + " cascade",
      "UPDATE " + t + " SET " + c + " = 'x;y', " + d + " = 2 WHERE " + c + " IS NULL",
      "DROP TABLE IF EXISTS " + t + ", " + c,
      "DROP VIEW " + t,
      "CREATE OR REPLACE VIEW " + t + " AS SELECT 1 AS \"" + c.replace("\"", "") + "\"",
      "CREATE TABLE IF NOT EXISTS " + t + " (" + c + " int, " + d + " text)",
      "create unique index " + c + " on " + t + " (" + d + ")",
      "CREATE SEQUENCE " + c,
      "CREATE TYPE " + t + " AS ENUM ('a;b')",
      "CREATE DOMAIN " + t + " AS int",
      "DROP " + pick(random, KINDS) + " IF EXISTS " + t,
      "ALTER " + pick(random, KINDS) + " " + t + " RENAME TO " + c,
      "CREATE OR REPLACE FUNCTION "
          + t
          + "() RETURNS trigger AS $body$ BEGIN ALTER TABLE "
          + c
          + " DROP COLUMN "
          + d
          + "; RETURN NULL; END $body$ LANGUAGE plpgsql",
      "DO $$ BEGIN ALTER TABLE " + t + " ADD COLUMN " + c + " int; END $$",
      "COMMENT ON TABLE " + t + " IS 'alter table " + t + " drop column " + c + "; it''s'",
      "/* alter table " + t + "; */ SELECT 1",
      "ALTER TABLE " + t + " ADD COLUMN \"" + c.replace("\"", "") + ";z\" int",
    };
    return pick(random, shapes);
  }

  // A name of the pool as a changelog might write it: quoted or not, in another case, with a
  // schema.
  private static String name(Random random) {
    String name = pick(random, NAMES);
    // A name with a semicolon is one only quoted: bare, it ends the statement.
    String written =
        switch (name.contains(";") ? 0 : random.nextInt(4)) {
          case 0 -> "\"" + name.replace("\"", "\"\"") + "\"";
          case 1 -> name.toUpperCase(java.util.Locale.ROOT);
          default -> name;
        };
    return random.nextInt(4) == 0 ? "public." + written : written;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... items) {
    return items[random.nextInt(items.length)];
  }
}
