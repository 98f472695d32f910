package dev.migrate.model;

import java.util.List;

/**
 * One step of a changeset, as the changelog states it: what to create, add or drop. It holds no
 * SQL and no connection; {@code postgres} turns it into catalog questions and DDL.
 */
public sealed interface Change {

  /** The YAML key this change type is written under, e.g. {@code createTable}. */
  default String changeType() {
    String simple = getClass().getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  /** {@code createEnumType}: a PostgreSQL ENUM type with its labels in order. */
  record CreateEnumType(String schemaName, String typeName, List<String> values) implements Change {}

  /** {@code addEnumValue}: one more label on an ENUM type, optionally placed before or after another. */
  record AddEnumValue(String schemaName, String typeName, String value, String before, String after)
      implements Change {}

  /** {@code createTable}: a table with its columns and their inline constraints. */
  record CreateTable(String schemaName, String tableName, String remarks, List<Column> columns)
      implements Change {}

  /** {@code addColumn}: columns added to an existing table. */
  record AddColumn(String schemaName, String tableName, List<Column> columns) implements Change {}

  /** {@code createIndex}: a (unique) index over columns of a table. */
  record CreateIndex(
      String schemaName, String tableName, String indexName, boolean unique, List<String> columns)
      implements Change {}

  /** {@code addForeignKeyConstraint}: a named foreign key between two tables. */
  record AddForeignKeyConstraint(
      String baseSchemaName,
      String baseTableName,
      List<String> baseColumnNames,
      String constraintName,
      String referencedSchemaName,
      String referencedTableName,
      List<String> referencedColumnNames,
      ReferentialAction onDelete,
      ReferentialAction onUpdate,
      boolean deferrable,
      boolean initiallyDeferred)
      implements Change {}

  /** {@code addUniqueConstraint}: a unique constraint over columns of a table. */
  record AddUniqueConstraint(
      String schemaName, String tableName, List<String> columnNames, String constraintName)
      implements Change {}

  /** {@code addPrimaryKey}: the primary key of a table. */
  record AddPrimaryKey(
      String schemaName, String tableName, List<String> columnNames, String constraintName)
      implements Change {}

  /** {@code dropTable}: removes a table, with CASCADE when {@code cascadeConstraints} is set. */
  record DropTable(String schemaName, String tableName, boolean cascadeConstraints)
      implements Change {}

  /** {@code createSchema}: a schema (namespace). */
  record CreateSchema(String schemaName) implements Change {}

  /**
   * {@code sql}: SQL text run as written, split into statements on {@code endDelimiter} unless
   * {@code splitStatements} is false. It has no guard of its own; changeset preconditions decide.
   */
  record Sql(String sql, boolean splitStatements, boolean stripComments, String endDelimiter)
      implements Change {}
}
