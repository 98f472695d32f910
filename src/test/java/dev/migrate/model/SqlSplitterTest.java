package dev.migrate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    String sql = """
        INSERT INTO t VALUES ('a;b', "odd;name");
        -- a comment; with a semicolon
        UPDATE t SET x = E'it\\'s;' ;
        /* block; /* nested; */ still */ SELECT 1
        """;
    assertEquals(List.of(
        "INSERT INTO t VALUES ('a;b', \"odd;name\")",
        "-- a comment; with a semicolon\nUPDATE t SET x = E'it\\'s;'",
        "/* block; /* nested; */ still */ SELECT 1"), SqlSplitter.split(sql, null, false));
  }

  @Test
  void keepsDollarQuotedBodiesWhole() {
    String sql = """
        CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
        CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ LANGUAGE plpgsql;
        SELECT $1
        """;
    assertEquals(List.of(
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
        "CREATE FUNCTION g() RETURNS int AS $body$ BEGIN RETURN 2; END; $body$ LANGUAGE plpgsql",
        "SELECT $1"), SqlSplitter.split(sql, ";", false));
  }

  @Test
  void dropsEmptyAndCommentOnlyStatementsAndStripsCommentsWhenAsked() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlSplitter.split(";;SELECT 1; -- done\n; SELECT 2 -- tail", ";", true));
    assertEquals(List.of(), SqlSplitter.split("-- only a comment\n/* and another */", ";", false));
  }

  @Test
  void honoursAnotherEndDelimiterAndTheWholeForm() {
    assertEquals(List.of("SELECT 1; SELECT 2", "SELECT 3"), SqlSplitter.split("SELECT 1; SELECT 2\n/\nSELECT 3", "\n/\n", false));
    assertEquals(List.of("SELECT 1; SELECT 2"), SqlSplitter.whole("  SELECT 1; SELECT 2  ", false));
  }
}
