package dev.migrate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {
  @Test
  void aStringSentWholeIsSplitAsPostgresRunsIt() {
    // A rule's actions in parentheses stay one statement; a function body in dollar quotes too.
    String sql =
        """
        CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
        CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;
        SELECT f()
        """;
    assertEquals(
        List.of(
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2))",
            "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql",
            "SELECT f()"),
        SqlSplitter.serverStatements(sql));
  }

  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    String sql =
        """
        INSERT INTO t VALUES ('a;b', "odd;name");
        -- a comment; with a semicolon
        UPDATE t SET x = E'it\\'s;' ;
        /* block; /* nested; */ still */ SELECT 1
        """;
    assertEquals(
        List.of(
            "INSERT INTO t VALUES ('a;b', \"odd;name\")",
            "-- a comment; with a semicolon\nUPDATE t SET x = E'it\\'s;'",
            "/* block; /* nested; */ still */ SELECT 1"),
        SqlSplitter.split(sql, null, false));
  }

  @Test
  void keepsDollarQuotedBodiesWhole() {
    String sql =
        """
        CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
        CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ LANGUAGE plpgsql;
        SELECT $1
        """;
    assertEquals(
        List.of(
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
            "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ LANGUAGE plpgsql",
            "SELECT $1"),
        SqlSplitter.split(sql, ";", false));
  }

  @Test
  void dropsEmptyAndCommentOnlyStatementsAndStripsCommentsWhenAsked() {
    assertEquals(
        List.of("SELECT 1", "SELECT 2"),
        SqlSplitter.split(";;SELECT 1; -- done\n; SELECT 2 -- tail", ";", true));
    assertEquals(List.of(), SqlSplitter.split("-- only a comment\n/* and another */", ";", false));
  }

  @Test
  void honoursAnotherEndDelimiterAndTheWholeForm() {
    assertEquals(
        List.of("SELECT 1; SELECT 2", "SELECT 3"),
        SqlSplitter.split("SELECT 1; SELECT 2\n/\nSELECT 3", "\n/\n", false));
    assertEquals(List.of("SELECT 1; SELECT 2"), SqlSplitter.whole("  SELECT 1; SELECT 2  ", false));
  }

  @org.junit.jupiter.api.Test
  void strippingCommentsReachesIntoDollarQuotedBodiesAsLiquibaseDoesButNotIntoStrings() {
    String sql =
        "CREATE FUNCTION f() RETURNS int AS $$\n  BEGIN\n    -- a comment; with a semicolon\n    RETURN 1; /* x */\n  END $$ LANGUAGE plpgsql;\nSELECT '-- kept', \"a--b\";";
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of(
            "CREATE FUNCTION f() RETURNS int AS $$\n  BEGIN\n    \n    RETURN 1; \n  END $$ LANGUAGE plpgsql",
            "SELECT '-- kept', \"a--b\""),
        SqlSplitter.split(sql, ";", true));
    org.junit.jupiter.api.Assertions.assertEquals(2, SqlSplitter.split(sql, ";", false).size());
  }

  @org.junit.jupiter.api.Test
  void oneExpressionAndTypeNamesAreToldFromAnythingMore() {
    for (String ok : new String[] {"lower(email)", "(a || ';')", "coalesce(a, 'x)')"}) {
      org.junit.jupiter.api.Assertions.assertTrue(SqlSplitter.isOneExpression(ok), ok);
    }
    for (String bad :
        new String[] {
          "lower(email)); DROP TABLE x; --", "(a) /* c", "a) + (b", "'open", "x -- y"
        }) {
      org.junit.jupiter.api.Assertions.assertFalse(SqlSplitter.isOneExpression(bad), bad);
    }
    for (String ok :
        new String[] {
          "varchar(255)",
          "numeric(10, 2)",
          "timestamp(6) with time zone",
          "\"MyType\"",
          "app.mood[]",
          "double precision"
        }) {
      org.junit.jupiter.api.Assertions.assertTrue(SqlSplitter.isTypeName(ok), ok);
    }
    for (String bad :
        new String[] {
          "int); DROP TABLE y; --", "int default 1; x", "text -- c", "numeric((1))", "\"open"
        }) {
      org.junit.jupiter.api.Assertions.assertFalse(SqlSplitter.isTypeName(bad), bad);
    }
  }
}
