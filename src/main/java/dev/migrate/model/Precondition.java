package dev.migrate.model;

import java.util.List;

/** A condition a changeset states about the database before it runs (Liquibase preConditions). */
public sealed interface Precondition {

  /** {@code tableExists}. */
  record TableExists(String schemaName, String tableName) implements Precondition {}

  /** {@code columnExists}. */
  record ColumnExists(String schemaName, String tableName, String columnName)
      implements Precondition {}

  /** {@code sqlCheck}: the single value the query returns, compared as text. */
  record SqlCheck(String sql, String expectedResult) implements Precondition {}

  /** {@code dbms}: true when the list names postgresql (or negates something else). */
  record Dbms(String type) implements Precondition {}

  /** {@code not}: true when none of the nested conditions holds. */
  record Not(List<Precondition> conditions) implements Precondition {}

  /** {@code and}, and the implicit top level: true when all hold. */
  record And(List<Precondition> conditions) implements Precondition {}

  /** {@code or}: true when any holds. */
  record Or(List<Precondition> conditions) implements Precondition {}
}
