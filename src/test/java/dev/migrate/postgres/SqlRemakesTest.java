package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A DROP and the CREATE that makes the same object again share one key, whatever their form. */
class SqlRemakesTest {
  private static String created(String sql) {
    return SqlRemakes.created(sql, "public");
  }

  private static List<String> dropped(String sql) {
    return SqlRemakes.dropped(sql, "public");
  }

  @Test
  void aDropAndTheCreateOfTheSameObjectShareAKey() {
    assertEquals(
        dropped("DROP POLICY p ON doc").get(0),
        created("CREATE POLICY p ON public.doc USING (true)"));
    assertEquals(
        dropped("DROP TRIGGER IF EXISTS tr ON \"Doc\"").get(0),
        created(
            "CREATE OR REPLACE TRIGGER tr BEFORE UPDATE ON \"Doc\" FOR EACH ROW EXECUTE FUNCTION f()"));
    assertEquals(
        dropped("DROP FUNCTION f(int, text) CASCADE").get(0),
        created(
            "CREATE OR REPLACE FUNCTION f(a int, b text) RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql"));
    assertEquals(
        dropped("drop table IF EXISTS St;").get(0), created("create unlogged table st (k int)"));
    assertEquals(
        dropped("DROP INDEX CONCURRENTLY ix").get(0), created("CREATE UNIQUE INDEX ix ON t (a)"));
    assertEquals(dropped("DROP TYPE mood").get(0), created("CREATE TYPE mood AS ENUM ('a')"));
  }

  @Test
  void aDropOfSeveralObjectsNamesEach() {
    assertEquals(
        List.of("relation:public.a", "relation:app.b"), dropped("DROP TABLE a, app.b CASCADE"));
  }

  @Test
  void theLastCreateOfADroppedObjectEndsTheRemake() {
    List<String> step =
        List.of(
            "DROP TRIGGER t ON x",
            "DROP FUNCTION f()",
            "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()",
            "SELECT 1");
    assertEquals(3, SqlRemakes.remadeAt(step, 0, 1, "public", true));
    assertEquals(2, SqlRemakes.remadeAt(step, 1, 2, "public", false));
    assertEquals(-1, SqlRemakes.remadeAt(step, 4, 5, "public", true));
  }

  @Test
  void anIndexWithoutANameNamesNothing() {
    // Every form of CREATE INDEX without a name: the keyword after INDEX is not its name.
    for (String unique : List.of("", "UNIQUE ", "unique ")) {
      for (String concurrently : List.of("", "CONCURRENTLY ", "concurrently ")) {
        for (String on : List.of("ON ", "on ", "ON\n  ", "ON ONLY ")) {
          String sql = "CREATE " + unique + "INDEX " + concurrently + on + "t (a)";
          assertEquals(null, SqlRemakes.made(sql, "public"), sql);
          assertEquals(null, new SqlObjects(null, new PgDdl("public")).done(sql), sql);
        }
      }
    }
    // A name spelled like those keywords is a name once quoted.
    assertEquals("on", SqlRemakes.made("CREATE INDEX \"on\" ON t (a)", "public").name().name());
  }
}
