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

  /** {@code indexExists}: by name, or by table and columns. */
  record IndexExists(
      String schemaName, String tableName, String indexName, List<String> columnNames)
      implements Precondition {}

  /** {@code primaryKeyExists}: the table has a primary key (of that name, when given). */
  record PrimaryKeyExists(String schemaName, String tableName, String primaryKeyName)
      implements Precondition {}

  /** {@code foreignKeyConstraintExists}. */
  record ForeignKeyExists(String schemaName, String tableName, String foreignKeyName)
      implements Precondition {}

  /** {@code uniqueConstraintExists}: by name, or by columns. */
  record UniqueConstraintExists(
      String schemaName, String tableName, String constraintName, List<String> columnNames)
      implements Precondition {}

  /** {@code sequenceExists}. */
  record SequenceExists(String schemaName, String sequenceName) implements Precondition {}

  /** {@code viewExists}. */
  record ViewExists(String schemaName, String viewName) implements Precondition {}

  /** {@code tableIsEmpty}. */
  record TableIsEmpty(String schemaName, String tableName) implements Precondition {}

  /** {@code rowCount}. */
  record RowCount(String schemaName, String tableName, long expectedRows) implements Precondition {}

  /** {@code runningAs}: the connection's user. */
  record RunningAs(String username) implements Precondition {}

  /** {@code changeSetExecuted}: the revision table records that changeset. */
  record ChangeSetExecuted(String id, String author, String changeLogFile)
      implements Precondition {}

  /** A condition settled when the changelog was read ({@code changeLogPropertyDefined}). */
  record Constant(boolean value, String text) implements Precondition {}

  /** {@code not}: true when none of the nested conditions holds. */
  record Not(List<Precondition> conditions) implements Precondition {}

  /** {@code and}, and the implicit top level: true when all hold. */
  record And(List<Precondition> conditions) implements Precondition {}

  /** {@code or}: true when any holds. */
  record Or(List<Precondition> conditions) implements Precondition {}
}
