package dev.migrate.model;

import java.util.List;

/**
 * One step of a changeset, as the changelog states it: what to create, add or drop. It holds no SQL
 * and no connection; {@code postgres} turns it into catalog questions and DDL.
 */
public sealed interface Change {

  /**
   * This change with every table, view, sequence and column it names as {@code names} gives them:
   * {@code check} asks its questions in the names the changelog leaves. A change whose names no
   * rename reaches (a rename itself, rows, types) is returned as it is.
   */
  Change named(Names names);

  /** The final names of what changes name, as later renames leave them. */
  interface Names {
    /** The final name of a table, view or sequence. */
    String relation(String schemaName, String name);

    /** The final name of a column of a table, both as the change names them. */
    String column(String schemaName, String table, String column);

    /** Columns of one table under their final names; null stays null. */
    default List<String> columns(String schemaName, String table, List<String> columns) {
      return columns == null
          ? null
          : columns.stream().map(c -> column(schemaName, table, c)).toList();
    }

    /** A column definition under its final name, its inline foreign key's target too. */
    Column definition(String schemaName, String table, Column column);

    /** Raw SQL with the relations it names under their final names. */
    String sql(String sql, String endDelimiter);
  }

  /** The YAML key this change type is written under, e.g. {@code createTable}. */
  default String changeType() {
    String simple = getClass().getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  /** {@code createEnumType}: a PostgreSQL ENUM type with its labels in order. */
  record CreateEnumType(String schemaName, String typeName, List<String> values) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /**
   * {@code addEnumValue}: one more label on an ENUM type, optionally placed before or after
   * another.
   */
  record AddEnumValue(String schemaName, String typeName, String value, String before, String after)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code createTable}: a table with its columns and their inline constraints. */
  /**
   * @param unlogged {@code tableType: UNLOGGED}: the table's writes skip the WAL
   */
  record CreateTable(
      String schemaName,
      String tableName,
      String remarks,
      List<Column> columns,
      boolean unlogged,
      String tablespace)
      implements Change {
    public CreateTable(String schemaName, String tableName, String remarks, List<Column> columns) {
      this(schemaName, tableName, remarks, columns, false, null);
    }

    @Override
    public Change named(Names n) {
      return new CreateTable(
          schemaName,
          n.relation(schemaName, tableName),
          remarks,
          columns.stream().map(c -> n.definition(schemaName, tableName, c)).toList(),
          unlogged,
          tablespace);
    }

    /** The columns marked primaryKey, in column order. */
    public List<String> primaryKeyColumns() {
      return columns.stream().filter(c -> c.constraints().primaryKey()).map(Column::name).toList();
    }

    /** The first primaryKeyTablespace given on a primary-key column, or null. */
    public String primaryKeyTablespace() {
      return columns.stream()
          .filter(c -> c.constraints().primaryKey())
          .map(c -> c.constraints().primaryKeyTablespace())
          .filter(java.util.Objects::nonNull)
          .findFirst()
          .orElse(null);
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
  record AddColumn(String schemaName, String tableName, List<Column> columns) implements Change {
    @Override
    public Change named(Names n) {
      return new AddColumn(
          schemaName,
          n.relation(schemaName, tableName),
          columns.stream().map(c -> n.definition(schemaName, tableName, c)).toList());
    }
  }

  /**
   * {@code createIndex}: a (unique) index over columns of a table.
   *
   * @param indexName null when the changelog gives none: PostgreSQL names the index
   * @param descending the columns marked {@code descending: true}
   * @param concurrently built with CREATE INDEX CONCURRENTLY (a migrate extension key), which needs
   *     a changeset with {@code runInTransaction: false}
   * @param clustered the table is then clustered on the index, as Liquibase does on PostgreSQL
   */
  record CreateIndex(
      String schemaName,
      String tableName,
      String indexName,
      boolean unique,
      List<String> columns,
      List<String> descending,
      boolean concurrently,
      String using,
      String tablespace,
      boolean clustered)
      implements Change {
    public CreateIndex(
        String schemaName,
        String tableName,
        String indexName,
        boolean unique,
        List<String> columns,
        List<String> descending,
        boolean concurrently,
        String using,
        String tablespace) {
      this(
          schemaName,
          tableName,
          indexName,
          unique,
          columns,
          descending,
          concurrently,
          using,
          tablespace,
          false);
    }

    /** The access method: {@code using} as written, lower case, btree when none is given. */
    public String method() {
      return using == null ? "btree" : using.strip().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Change named(Names n) {
      return new CreateIndex(
          schemaName,
          n.relation(schemaName, tableName),
          indexName,
          unique,
          n.columns(schemaName, tableName, columns),
          n.columns(schemaName, tableName, descending),
          concurrently,
          using,
          tablespace,
          clustered);
    }
  }

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
      boolean initiallyDeferred,
      boolean validate)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddForeignKeyConstraint(
          baseSchemaName,
          n.relation(baseSchemaName, baseTableName),
          n.columns(baseSchemaName, baseTableName, baseColumnNames),
          constraintName,
          referencedSchemaName,
          n.relation(referencedSchemaName, referencedTableName),
          n.columns(referencedSchemaName, referencedTableName, referencedColumnNames),
          onDelete,
          onUpdate,
          deferrable,
          initiallyDeferred,
          validate);
    }
  }

  /** {@code addUniqueConstraint}: a unique constraint over columns of a table. */
  record AddUniqueConstraint(
      String schemaName,
      String tableName,
      List<String> columnNames,
      String constraintName,
      boolean deferrable,
      boolean initiallyDeferred,
      String tablespace)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddUniqueConstraint(
          schemaName,
          n.relation(schemaName, tableName),
          n.columns(schemaName, tableName, columnNames),
          constraintName,
          deferrable,
          initiallyDeferred,
          tablespace);
    }
  }

  /**
   * {@code addPrimaryKey}: the primary key of a table.
   *
   * @param clustered the table is then clustered on the key's index, as Liquibase does on
   *     PostgreSQL (which needs {@code constraintName}, the index's name)
   */
  record AddPrimaryKey(
      String schemaName,
      String tableName,
      List<String> columnNames,
      String constraintName,
      String tablespace,
      boolean clustered)
      implements Change {
    public AddPrimaryKey(
        String schemaName, String tableName, List<String> columnNames, String constraintName) {
      this(schemaName, tableName, columnNames, constraintName, null, false);
    }

    @Override
    public Change named(Names n) {
      return new AddPrimaryKey(
          schemaName,
          n.relation(schemaName, tableName),
          n.columns(schemaName, tableName, columnNames),
          constraintName,
          tablespace,
          clustered);
    }
  }

  /** {@code dropTable}: removes a table, with CASCADE when {@code cascadeConstraints} is set. */
  record DropTable(String schemaName, String tableName, boolean cascadeConstraints)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropTable(schemaName, n.relation(schemaName, tableName), cascadeConstraints);
    }
  }

  /** {@code createSchema}: a schema (namespace). */
  record CreateSchema(String schemaName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /**
   * {@code sql}: SQL text run as written, split into statements on {@code endDelimiter} unless
   * {@code splitStatements} is false. It has no guard of its own; changeset preconditions decide.
   */
  record Sql(String sql, boolean splitStatements, boolean stripComments, String endDelimiter)
      implements Change {
    @Override
    public Change named(Names n) {
      return new Sql(n.sql(sql, endDelimiter), splitStatements, stripComments, endDelimiter);
    }

    /** Its statements, split as its splitStatements and endDelimiter say. */
    public List<String> statements() {
      return splitStatements
          ? SqlSplitter.split(sql, endDelimiter, stripComments)
          : SqlSplitter.whole(sql, stripComments);
    }

    /**
     * Its statements as they are guarded one by one. With splitStatements false the text is still
     * sent as one string, but inside a transaction PostgreSQL runs its statements one after another
     * exactly as if they were sent apart, so each is guarded on its own; outside one
     * (runInTransaction false) the string stays whole, keeping its all-or-nothing implicit
     * transaction.
     */
    public List<String> statements(boolean inTransaction) {
      return splitStatements || !inTransaction
          ? statements()
          : statements().stream().flatMap(s -> SqlSplitter.serverStatements(s).stream()).toList();
    }
  }

  /** {@code createProcedure}: a function or procedure body run as one statement. */
  record CreateProcedure(String procedureText) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code tagDatabase}: names the state after this changeset; recorded in its revision row. */
  record TagDatabase(String tag) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code modifyDataType}: a column's type, converted with a cast. */
  record ModifyDataType(String schemaName, String tableName, String columnName, String newDataType)
      implements Change {
    @Override
    public Change named(Names n) {
      return new ModifyDataType(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName),
          newDataType);
    }
  }

  /** {@code addNotNullConstraint}: NOT NULL on a column, NULLs first set to defaultNullValue. */
  record AddNotNullConstraint(
      String schemaName,
      String tableName,
      String columnName,
      String columnDataType,
      Value defaultNullValue)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddNotNullConstraint(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName),
          columnDataType,
          defaultNullValue);
    }
  }

  /** {@code dropNotNullConstraint}. */
  record DropNotNullConstraint(String schemaName, String tableName, String columnName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropNotNullConstraint(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName));
    }
  }

  /** {@code dropColumn}: one or more columns. */
  record DropColumn(String schemaName, String tableName, List<String> columnNames)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropColumn(
          schemaName,
          n.relation(schemaName, tableName),
          n.columns(schemaName, tableName, columnNames));
    }
  }

  /** {@code renameColumn}. */
  record RenameColumn(
      String schemaName, String tableName, String oldColumnName, String newColumnName)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code renameTable}. */
  record RenameTable(String schemaName, String oldTableName, String newTableName)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /**
   * {@code addDefaultValue}: a column default (a literal, an expression or a sequence's next
   * value).
   */
  record AddDefaultValue(String schemaName, String tableName, String columnName, Value defaultValue)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddDefaultValue(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName),
          defaultValue);
    }
  }

  /** {@code dropDefaultValue}. */
  record DropDefaultValue(String schemaName, String tableName, String columnName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropDefaultValue(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName));
    }
  }

  /**
   * {@code setTableRemarks}: the comment of a table. Empty or absent remarks leave it without one,
   * as PostgreSQL takes an empty comment.
   */
  record SetTableRemarks(String schemaName, String tableName, String remarks) implements Change {
    @Override
    public Change named(Names n) {
      return new SetTableRemarks(schemaName, n.relation(schemaName, tableName), remarks);
    }
  }

  /** {@code setColumnRemarks}: the comment of a column of a table or view. */
  record SetColumnRemarks(String schemaName, String tableName, String columnName, String remarks)
      implements Change {
    @Override
    public Change named(Names n) {
      return new SetColumnRemarks(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName),
          remarks);
    }
  }

  /** {@code dropIndex}. */
  record DropIndex(String schemaName, String indexName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code dropPrimaryKey}: the table's primary key, whatever its name when none is given. */
  record DropPrimaryKey(String schemaName, String tableName, String constraintName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropPrimaryKey(schemaName, n.relation(schemaName, tableName), constraintName);
    }
  }

  /** {@code dropUniqueConstraint}. */
  record DropUniqueConstraint(String schemaName, String tableName, String constraintName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropUniqueConstraint(
          schemaName, n.relation(schemaName, tableName), constraintName);
    }
  }

  /** {@code dropForeignKeyConstraint}. */
  record DropForeignKeyConstraint(
      String baseSchemaName, String baseTableName, String constraintName) implements Change {
    @Override
    public Change named(Names n) {
      return new DropForeignKeyConstraint(
          baseSchemaName, n.relation(baseSchemaName, baseTableName), constraintName);
    }
  }

  /**
   * {@code mergeColumns}: a new column {@code finalColumnName} holding {@code column1 || joinString
   * || column2} for every row, then the two columns dropped.
   */
  record MergeColumns(
      String schemaName,
      String tableName,
      String column1Name,
      String joinString,
      String column2Name,
      String finalColumnName,
      String finalColumnType)
      implements Change {
    @Override
    public Change named(Names n) {
      return new MergeColumns(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, column1Name),
          joinString,
          n.column(schemaName, tableName, column2Name),
          n.column(schemaName, tableName, finalColumnName),
          finalColumnType);
    }
  }

  /**
   * {@code addLookupTable}: a new table of the distinct non-null values of an existing column, made
   * NOT NULL and its primary key, and a foreign key from the existing column to it. {@code
   * constraintName} is the one given, else Liquibase's {@code FK_<existing table>_<new table>} in
   * capitals. {@code newColumnDataType} is Liquibase's; on PostgreSQL the new column takes the
   * existing column's type.
   */
  record AddLookupTable(
      String existingTableSchemaName,
      String existingTableName,
      String existingColumnName,
      String newTableSchemaName,
      String newTableName,
      String newColumnName,
      String newColumnDataType,
      String constraintName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddLookupTable(
          existingTableSchemaName,
          n.relation(existingTableSchemaName, existingTableName),
          n.column(existingTableSchemaName, existingTableName, existingColumnName),
          newTableSchemaName,
          n.relation(newTableSchemaName, newTableName),
          n.column(newTableSchemaName, newTableName, newColumnName),
          newColumnDataType,
          constraintName);
    }

    /** The new column made NOT NULL, as the change's second step. */
    public AddNotNullConstraint notNull() {
      return new AddNotNullConstraint(
          newTableSchemaName, newTableName, newColumnName, newColumnDataType, null);
    }

    /** The new table's primary key, unnamed (PostgreSQL names it), as the third step. */
    public AddPrimaryKey primaryKey() {
      return new AddPrimaryKey(newTableSchemaName, newTableName, List.of(newColumnName), null);
    }

    /** The foreign key from the existing column to the new one, as the last step. */
    public AddForeignKeyConstraint foreignKey() {
      return new AddForeignKeyConstraint(
          existingTableSchemaName,
          existingTableName,
          List.of(existingColumnName),
          constraintName,
          newTableSchemaName,
          newTableName,
          List.of(newColumnName),
          null,
          null,
          false,
          false,
          true);
    }
  }

  /**
   * {@code dropAllForeignKeyConstraints}: every foreign key of the table (those it holds, not those
   * that reference it), as the catalog has them when the step runs.
   */
  record DropAllForeignKeyConstraints(String baseSchemaName, String baseTableName)
      implements Change {
    @Override
    public Change named(Names n) {
      return new DropAllForeignKeyConstraints(
          baseSchemaName, n.relation(baseSchemaName, baseTableName));
    }
  }

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
      implements Change {
    @Override
    public Change named(Names n) {
      // The query reads tables and views by name: under the names renames give them, as the
      // definition PostgreSQL keeps follows them.
      return new CreateView(
          schemaName,
          n.relation(schemaName, viewName),
          n.sql(selectQuery, null),
          replaceIfExists,
          fullDefinition,
          remarks);
    }
  }

  /** {@code dropView}. */
  record DropView(String schemaName, String viewName) implements Change {
    @Override
    public Change named(Names n) {
      return new DropView(schemaName, n.relation(schemaName, viewName));
    }
  }

  /** {@code renameView}. */
  record RenameView(String schemaName, String oldViewName, String newViewName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

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
      implements Change {
    @Override
    public Change named(Names n) {
      return new CreateSequence(
          schemaName,
          n.relation(schemaName, sequenceName),
          dataType,
          startValue,
          incrementBy,
          minValue,
          maxValue,
          cacheSize,
          cycle);
    }
  }

  /** {@code alterSequence}: only the given settings change. */
  record AlterSequence(
      String schemaName,
      String sequenceName,
      String incrementBy,
      String minValue,
      String maxValue,
      String cacheSize,
      Boolean cycle,
      String dataType)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AlterSequence(
          schemaName,
          n.relation(schemaName, sequenceName),
          incrementBy,
          minValue,
          maxValue,
          cacheSize,
          cycle,
          dataType);
    }
  }

  /** {@code dropSequence}. */
  record DropSequence(String schemaName, String sequenceName) implements Change {
    @Override
    public Change named(Names n) {
      return new DropSequence(schemaName, n.relation(schemaName, sequenceName));
    }
  }

  /** {@code renameSequence}. */
  record RenameSequence(String schemaName, String oldSequenceName, String newSequenceName)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code addAutoIncrement}: a sequence default on an existing column. */
  record AddAutoIncrement(
      String schemaName, String tableName, String columnName, String startWith, String incrementBy)
      implements Change {
    @Override
    public Change named(Names n) {
      return new AddAutoIncrement(
          schemaName,
          n.relation(schemaName, tableName),
          n.column(schemaName, tableName, columnName),
          startWith,
          incrementBy);
    }
  }

  /** {@code insert}: one row. */
  record Insert(String schemaName, String tableName, List<ColumnValue> columns) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code update}: set columns on the rows {@code where} selects (all when null). */
  record Update(String schemaName, String tableName, List<ColumnValue> columns, String where)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code delete}: the rows {@code where} selects (all when null). */
  record Delete(String schemaName, String tableName, String where) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code loadData}: rows from a CSV file, read when the changelog is parsed. */
  record LoadData(String schemaName, String tableName, List<String> columns, List<List<Value>> rows)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /**
   * {@code loadUpdateData}: rows from a CSV file, each one updated where a row with its {@code
   * primaryKey} values is in the table and inserted where none is; with {@code onlyUpdate}, only
   * updated.
   */
  record LoadUpdateData(
      String schemaName,
      String tableName,
      List<String> columns,
      List<List<Value>> rows,
      List<String> primaryKey,
      boolean onlyUpdate)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }

    /**
     * The rows' values of the key columns, in the order {@code primaryKey} names them; NULL for a
     * key column the file does not load.
     */
    public List<List<Value>> keys() {
      List<Integer> at = primaryKey.stream().map(columns::indexOf).toList();
      Value none = new Value(Value.Kind.NULL, null);
      return rows.stream()
          .map(row -> at.stream().map(i -> i < 0 ? none : row.get(i)).toList())
          .toList();
    }
  }

  /**
   * The rows whose key columns hold these values, deleted: the automatic inverse of {@code
   * loadUpdateData}, as Liquibase undoes it. No changelog writes it.
   */
  record DeleteRows(
      String schemaName, String tableName, List<String> keyColumns, List<List<Value>> keys)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code dropProcedure}: a procedure, by its name alone, as Liquibase drops it. */
  record DropProcedure(String schemaName, String procedureName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /**
   * {@code output}: a message said when its changeset is applied, where {@code target} (upper case)
   * says: STDOUT, STDERR, or a log level (DEBUG, INFO, WARN, WARNING, ERROR, SEVERE, FATAL).
   */
  record Output(String message, String target) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code stop}: the run stops here, its changeset failed with the message. */
  record Stop(String message) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code createExtension}: a PostgreSQL extension. */
  record CreateExtension(String schemaName, String extensionName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code dropEnumType}. */
  record DropEnumType(String schemaName, String typeName) implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** {@code renameEnumValue}: a label renamed in place. */
  record RenameEnumValue(String schemaName, String typeName, String oldValue, String newValue)
      implements Change {
    @Override
    public Change named(Names n) {
      return this;
    }
  }

  /** A column name with the value an insert or update gives it. */
  record ColumnValue(String name, Value value) {}
}
