package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema each way of setting the search path leaves unqualified names in. */
class SearchPathReadTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      nullValues = "NULL",
      value = {
        "SET search_path TO core| core",
        "set search_path = core, public;| core",
        "SET SESSION search_path TO Core| core",
        "SET LOCAL search_path TO \"Core\", public| Core",
        "SET search_path TO \"$user\", app, public| app",
        "SET search_path TO 'app', public| app",
        "SET search_path TO pg_catalog, app| app",
        "`-- first\nSET search_path TO app`| app",
        "SET SCHEMA 'app'| app",
        "SELECT set_config('search_path', 'app, public', false)| app",
        "SELECT pg_catalog.set_config('search_path', '\"$user\", app', true);| app",
        "SET search_path TO DEFAULT| NULL",
        "SET search_path TO \"$user\"| NULL",
        "RESET search_path| NULL",
        "RESET ALL| NULL",
        "DISCARD ALL| NULL",
      })
  void aStatementThatSetsTheSearchPathMovesUnqualifiedNames(String statement, String schema) {
    assertTrue(SearchPath.sets(statement), statement);
    assertEquals(schema, SearchPath.after("before", statement));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "CREATE TABLE search_path (id int)",
        "SET lock_timeout = 1000",
        "SET search_path_x TO app",
        "SELECT set_config('work_mem', '1MB', false)",
        "RESET lock_timeout",
        "UPDATE t SET search_path = 'app'",
      })
  void anyOtherStatementLeavesThemWhereTheyWere(String statement) {
    assertFalse(SearchPath.sets(statement), statement);
    assertEquals("before", SearchPath.after("before", statement));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "CREATE TABLE a (id int); SET search_path TO app; CREATE TABLE b (id int); RESET ALL; x"
            + "| NULL NULL app app NULL",
      })
  void alongAStepEachStatementHasTheSchemaSetBeforeIt(String statements, String schemas) {
    List<String> expected =
        Arrays.stream(schemas.split(" ")).map(s -> s.equals("NULL") ? null : s).toList();
    assertEquals(
        expected,
        SearchPath.along(Arrays.stream(statements.split(";")).map(String::strip).toList(), null));
  }
}
