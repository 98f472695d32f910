package dev.migrate.model;

import java.util.List;

/**
 * One step of a changeset, as the changelog states it: what to create, add or drop. It holds no SQL
 * and no connection; {@code postgres} turns it into catalog questions and DDL.
 */
public sealed interface Change {

  /** The YAML key this change type is written under, e.g. {@code createTable}. */
  default String changeType() {
    String simple = getClass().getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  /** {@code createEnumType}: a PostgreSQL ENUM type with its labels in order. */
  record CreateEnumType(String schemaName, String typeName, List<String> values)
      implements Change {}

  /**
   * {@code addEnumValue}: one more label on an ENUM type, optionally placed before or after
   * another.
   */
  record AddEnumValue(String schemaName, String typeName, String value, String before, String after)
      implements Change {}

  /** {@code createTable}: a table with its columns and their inline constraints. */
  record CreateTable(String schemaName, String tableName, String remarks, List<Column> columns)
      implements Change {
    /** The columns marked primaryKey, in column order. */
    public List<String> primaryKeyColumns() {
      return columns.stream().filter(c -> c.constraints().primaryKey()).map(Column::name).toList();
    }

    /** The first primaryKeyName given on a primary-key column, or null. */
    public String primaryKeyName() {
      return columns.stream()
          .filter(c -> c.constraints().primaryKey() && c.constraints().primaryKeyName() != null)
          .map(c -> c.constraints().primaryKeyName())
          .findFirst()
          .orElse(null);
    }
  }

  /** {@code addColumn}: columns added to an existing table. */
  record AddColumn(String schemaName, String tableName, List<Column> columns) implements Change {}

  /**
   * {@code createIndex}: a (unique) index over columns of a table.
   *
   * @param descending the columns marked {@code descending: true}
   * @param concurrently built with CREATE INDEX CONCURRENTLY (a migrate extension key), which needs
   *     a changeset with {@code runInTransaction: false}
   */
  record CreateIndex(
      String schemaName,
      String tableName,
      String indexName,
      boolean unique,
      List<String> columns,
      List<String> descending,
      boolean concurrently)
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

  /** {@code createProcedure}: a function or procedure body run as one statement. */
  record CreateProcedure(String procedureText) implements Change {}

  /** {@code tagDatabase}: names the state after this changeset; recorded in its revision row. */
  record TagDatabase(String tag) implements Change {}

  /** {@code modifyDataType}: a column's type, converted with a cast. */
  record ModifyDataType(String schemaName, String tableName, String columnName, String newDataType)
      implements Change {}

  /** {@code addNotNullConstraint}: NOT NULL on a column, NULLs first set to defaultNullValue. */
  record AddNotNullConstraint(
      String schemaName,
      String tableName,
      String columnName,
      String columnDataType,
      Value defaultNullValue)
      implements Change {}

  /** {@code dropNotNullConstraint}. */
  record DropNotNullConstraint(String schemaName, String tableName, String columnName)
      implements Change {}

  /** {@code dropColumn}: one or more columns. */
  record DropColumn(String schemaName, String tableName, List<String> columnNames)
      implements Change {}

  /** {@code renameColumn}. */
  record RenameColumn(
      String schemaName, String tableName, String oldColumnName, String newColumnName)
      implements Change {}

  /** {@code renameTable}. */
  record RenameTable(String schemaName, String oldTableName, String newTableName)
      implements Change {}

  /**
   * {@code addDefaultValue}: a column default (a literal, an expression or a sequence's next
   * value).
   */
  record AddDefaultValue(String schemaName, String tableName, String columnName, Value defaultValue)
      implements Change {}

  /** {@code dropDefaultValue}. */
  record DropDefaultValue(String schemaName, String tableName, String columnName)
      implements Change {}

  /** {@code dropIndex}. */
  record DropIndex(String schemaName, String indexName) implements Change {}

  /** {@code dropPrimaryKey}: the table's primary key, whatever its name when none is given. */
  record DropPrimaryKey(String schemaName, String tableName, String constraintName)
      implements Change {}

  /** {@code dropUniqueConstraint}. */
  record DropUniqueConstraint(String schemaName, String tableName, String constraintName)
      implements Change {}

  /** {@code dropForeignKeyConstraint}. */
  record DropForeignKeyConstraint(
      String baseSchemaName, String baseTableName, String constraintName) implements Change {}

  /**
   * {@code createView}: a view over a query, or with {@code fullDefinition} the whole CREATE VIEW
   * statement as written.
   */
  record CreateView(
      String schemaName,
      String viewName,
      String selectQuery,
      boolean replaceIfExists,
      boolean fullDefinition,
      String remarks)
      implements Change {}

  /** {@code dropView}. */
  record DropView(String schemaName, String viewName) implements Change {}

  /** {@code renameView}. */
  record RenameView(String schemaName, String oldViewName, String newViewName) implements Change {}

  /** {@code createSequence}; null fields keep PostgreSQL's defaults. */
  record CreateSequence(
      String schemaName,
      String sequenceName,
      String dataType,
      String startValue,
      String incrementBy,
      String minValue,
      String maxValue,
      String cacheSize,
      boolean cycle)
      implements Change {}

  /** {@code alterSequence}: only the given settings change. */
  record AlterSequence(
      String schemaName,
      String sequenceName,
      String incrementBy,
      String minValue,
      String maxValue,
      String cacheSize,
      Boolean cycle)
      implements Change {}

  /** {@code dropSequence}. */
  record DropSequence(String schemaName, String sequenceName) implements Change {}

  /** {@code renameSequence}. */
  record RenameSequence(String schemaName, String oldSequenceName, String newSequenceName)
      implements Change {}

  /** {@code addAutoIncrement}: a sequence default on an existing column. */
  record AddAutoIncrement(
      String schemaName, String tableName, String columnName, String startWith, String incrementBy)
      implements Change {}

  /** {@code insert}: one row. */
  record Insert(String schemaName, String tableName, List<ColumnValue> columns) implements Change {}

  /** {@code update}: set columns on the rows {@code where} selects (all when null). */
  record Update(String schemaName, String tableName, List<ColumnValue> columns, String where)
      implements Change {}

  /** {@code delete}: the rows {@code where} selects (all when null). */
  record Delete(String schemaName, String tableName, String where) implements Change {}

  /** {@code loadData}: rows from a CSV file, read when the changelog is parsed. */
  record LoadData(String schemaName, String tableName, List<String> columns, List<List<Value>> rows)
      implements Change {}

  /** {@code createExtension}: a PostgreSQL extension. */
  record CreateExtension(String schemaName, String extensionName) implements Change {}

  /** {@code dropEnumType}. */
  record DropEnumType(String schemaName, String typeName) implements Change {}

  /** {@code renameEnumValue}: a label renamed in place. */
  record RenameEnumValue(String schemaName, String typeName, String oldValue, String newValue)
      implements Change {}

  /** A column name with the value an insert or update gives it. */
  record ColumnValue(String name, Value value) {}
}
