package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgTypeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "int|integer",
        "INTEGER|integer",
        "bigint|bigint",
        "tinyint|smallint",
        "nvarchar(255)|character varying(255)",
        "VARCHAR( 64 )|character varying(64)",
        "varchar|character varying",
        "char(3)|character(3)",
        "char|character(1)",
        "clob|text",
        "nclob|text",
        "longtext|text",
        "longblob|bytea",
        "blob|oid",
        "BLOB|oid",
        "datetime|timestamp without time zone",
        "timestamp(6)|timestamp(6) without time zone",
        "timestamp with time zone|timestamp with time zone",
        "timestamptz|timestamp with time zone",
        "timestamp(3) with time zone|timestamp(3) with time zone",
        "time|time without time zone",
        "double|double precision",
        "float|double precision",
        "bool|boolean",
        "boolean|boolean",
        "numeric(12,2)|numeric(12,2)",
        "decimal(10, 0)|numeric(10,0)",
        "uuid|uuid",
        "jsonb|jsonb",
        "text[]|text[]",
        "varchar(10)[]|character varying(10)[]",
        "importstatus|importstatus",
        "public.test_result|public.test_result",
      })
  void translatesAsLiquibaseDoesForPostgres(String written, String catalog) {
    assertEquals(catalog, PgType.of(written).catalog());
  }

  @Test
  void serialTypesCreateWithTheirOwnWordButReadBackAsIntegers() {
    assertEquals(new PgType("BIGSERIAL", "bigint"), PgType.of("bigserial"));
    assertEquals(new PgType("SERIAL", "integer"), PgType.of("serial"));
  }

  @Test
  void builtInTypesAreWrittenUpperCaseAsLiquibaseWritesThemAndUserTypesAsGiven() {
    assertEquals(
        new PgType("CHARACTER VARYING(255)", "character varying(255)"), PgType.of("nvarchar(255)"));
    assertEquals(new PgType("JSON", "json"), PgType.of("json"));
    assertEquals(new PgType("importstatus", "importstatus"), PgType.of("importstatus"));
  }

  @Test
  void theStandardsSpellingOfAnArrayIsTheArrayPostgresqlShows() {
    assertTrue(PgType.of("BIGINT ARRAY").matches("bigint[]"));
    assertTrue(PgType.ofSql("int ARRAY[4]").matches("integer[]"));
    assertTrue(PgType.ofSql("varchar(20) array").matches("character varying(20)[]"));
    assertFalse(PgType.of("BIGINT ARRAY").matches("bigint"));
  }

  @Test
  void anUnqualifiedTypeMatchesTheCatalogsQualifiedSpelling() {
    assertTrue(PgType.of("importstatus").matches("importstatus"));
    assertTrue(PgType.of("importstatus").matches("app.importstatus"));
    assertTrue(PgType.of("public.importstatus").matches("importstatus"));
    assertFalse(PgType.of("importstatus").matches("text"));
    assertFalse(PgType.of("varchar(10)").matches("character varying(20)"));
  }
}
