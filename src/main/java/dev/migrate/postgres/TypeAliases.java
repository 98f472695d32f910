package dev.migrate.postgres;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The other names Liquibase's type registry gives its types: JDBC's ({@code java.sql.Types.CLOB}),
 * Java classes' ({@code java.lang.String}) and other databases' ({@code long varchar}), each read
 * as the name {@link PgType} translates. Liquibase 4.33 makes, on PostgreSQL, what that name makes,
 * but for {@code java.sql.Types.REAL}, a float (double precision). A name it does not know goes
 * into the DDL as written, as there: {@code java.sql.Types.BIT} fails on the server alike.
 */
final class TypeAliases {
  private TypeAliases() {}

  private static final Map<String, String> NAMES = new HashMap<>();

  private static void as(String name, String... aliases) {
    for (String alias : aliases) {
      NAMES.put(alias, name);
    }
  }

  static {
    as("bigint", "java.sql.types.bigint", "java.math.biginteger", "java.lang.long", "integer8");
    as("integer", "java.sql.types.integer", "java.lang.integer");
    as("smallint", "java.sql.types.smallint");
    as("tinyint", "java.sql.types.tinyint");
    as("blob", "java.sql.types.blob");
    as(
        "bytea",
        "java.sql.types.longblob",
        "java.sql.types.longvarbinary",
        "java.sql.types.varbinary",
        "java.sql.types.binary",
        "longvarbinary",
        "long binary",
        "long varbinary");
    as("boolean", "java.sql.types.boolean", "java.lang.boolean");
    as("char", "java.sql.types.char", "bpchar");
    as("nchar", "java.sql.types.nchar", "nchar2");
    as("varchar", "java.sql.types.varchar", "java.lang.string");
    as("nvarchar", "java.sql.types.nvarchar");
    as(
        "text",
        "java.sql.types.longvarchar",
        "java.sql.types.clob",
        "java.sql.types.longnvarchar",
        "java.sql.types.nclob",
        "longvarchar",
        "longnvarchar",
        "long varchar",
        "long nvarchar");
    as(
        "timestamp",
        "java.sql.types.timestamp",
        "java.sql.types.datetime",
        "java.sql.timestamp",
        "java.util.date",
        "smalldatetime",
        "datetime2");
    as("timestamptz", "java.sql.types.timestamp_with_timezone");
    as("date", "java.sql.types.date", "java.sql.date");
    as("time", "java.sql.types.time", "java.sql.time");
    as("decimal", "java.sql.types.decimal", "java.math.bigdecimal");
    as("numeric", "java.sql.types.numeric");
    as("double", "java.sql.types.double", "java.lang.double");
    as("float", "java.sql.types.float", "java.sql.types.real", "java.lang.float");
    as("money", "smallmoney");
    as("uuid", "uniqueidentifier", "java.util.uuid");
    as("xml", "xmltype", "java.sql.types.sqlxml");
  }

  /** The name {@code base} (lower case) stands for, or {@code base} itself. */
  static String of(String base) {
    return NAMES.getOrDefault(base, base);
  }

  /** Every alias, for the tests. */
  static List<String> all() {
    return List.copyOf(NAMES.keySet());
  }
}
