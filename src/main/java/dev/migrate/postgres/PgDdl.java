package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.columnList;
import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DDL of each change type for PostgreSQL: text in, text out, in the names of the schema a
 * change without one works in, and of the one raw SQL's unqualified names are in now.
 */
public final class PgDdl {
  private static final java.util.regex.Pattern CURRENT_TIME =
      java.util.regex.Pattern.compile(
          "(?i)current_timestamp(\\s*\\(\\s*\\d*\\s*\\))?|now\\(\\)|sysdate|systimestamp|getdate\\(\\)|current_datetime");

  private final String defaultSchema;
  private String searchPath; // see searchPath(String)

  public PgDdl(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  public String schema(String schemaName) {
    return schemaName == null ? defaultSchema : schemaName;
  }

  /** The schema a search path set earlier in the changeset names (SearchPath); null: none did. */
  public String searchPath() {
    return searchPath;
  }

  /**
   * Raw SQL from here on finds its unqualified names in {@code schema} (null: the default one). A
   * change without a schema stays in the default one, which Liquibase qualifies it with.
   */
  public void searchPath(String schema) {
    searchPath = schema;
  }

  /** The schema raw SQL creates an unqualified name in, and looks for it first. */
  String sqlSchema() {
    return searchPath != null ? searchPath : defaultSchema;
  }

  /** A name as raw SQL writes it ([schema.]name, quoted or folded), in {@link #sqlSchema}. */
  SqlName sqlName(String text) {
    return SqlName.of(text, sqlSchema());
  }

  public String createEnumType(Change.CreateEnumType c) {
    String labels = c.values().stream().map(PgNames::literal).collect(Collectors.joining(", "));
    return "CREATE TYPE "
        + qualified(schema(c.schemaName()), c.typeName())
        + " AS ENUM ("
        + labels
        + ")";
  }

  /** ALTER TYPE … ADD VALUE, placed before or after another label when asked. */
  public String addEnumValue(
      String schemaName, String typeName, String value, String before, String after) {
    String sql =
        "ALTER TYPE " + qualified(schema(schemaName), typeName) + " ADD VALUE " + literal(value);
    if (before != null) {
      sql += " BEFORE " + literal(before);
    } else if (after != null) {
      sql += " AFTER " + literal(after);
    }
    return sql;
  }

  /** CREATE [UNLOGGED] TABLE with columns and inline constraints, then its remarks' COMMENTs. */
  public List<String> createTable(Change.CreateTable c) {
    String table = qualified(schema(c.schemaName()), c.tableName());
    List<String> parts = new ArrayList<>();
    for (Column column : c.columns()) {
      parts.add(columnDefinition(PgIdentity.inNewTable(column)));
    }
    List<String> pk = c.primaryKeyColumns();
    if (!pk.isEmpty()) {
      parts.add(
          constraintPrefix(c.primaryKeyName())
              + "PRIMARY KEY ("
              + columnList(pk)
              + ")"
              + PgNames.tablespace(" USING INDEX", c.primaryKeyTablespace()));
    }
    for (Column column : c.columns()) {
      ColumnConstraints k = column.constraints();
      if (k.unique()) {
        parts.add(
            constraintPrefix(k.uniqueConstraintName()) + "UNIQUE (" + quote(column.name()) + ")");
      }
      if (k.foreignKey() != null) {
        parts.add(
            constraintPrefix(k.foreignKey().name())
                + foreignKeyClause(List.of(column.name()), k.foreignKey()));
      }
    }
    List<String> sql = new ArrayList<>();
    String kind = c.unlogged() ? "UNLOGGED TABLE " : "TABLE ";
    sql.add(
        "CREATE "
            + kind
            + table
            + " ("
            + String.join(", ", parts)
            + ")"
            + PgNames.tablespace("", c.tablespace()));
    sql.addAll(RemarksGuards.comments(table, c.remarks(), c.columns()));
    return sql;
  }

  public String addColumn(String schemaName, String tableName, Column column) {
    String sql =
        "ALTER TABLE "
            + qualified(schema(schemaName), tableName)
            + " ADD "
            + columnDefinition(column);
    ColumnConstraints k = column.constraints();
    if (k.primaryKey()) {
      sql += " PRIMARY KEY";
    }
    if (k.unique()) {
      sql +=
          k.uniqueConstraintName() == null
              ? " UNIQUE"
              : " CONSTRAINT " + quote(k.uniqueConstraintName()) + " UNIQUE";
    }
    ColumnConstraints.ForeignKey fk = k.foreignKey();
    if (fk != null && fk.validate()) {
      sql += (fk.name() == null ? "" : " CONSTRAINT " + quote(fk.name())) + references(fk);
    }
    return sql;
  }

  /**
   * Everything adding one column takes: the ALTER TABLE, the value Liquibase's {@code value*} keys
   * give the existing rows, and the COMMENT of its remarks.
   */
  public List<String> addColumnStatements(String schemaName, String tableName, Column column) {
    List<String> sql = new ArrayList<>(List.of(addColumn(schemaName, tableName, column)));
    if (column.value() != null) {
      sql.add(
          "UPDATE "
              + qualified(schema(schemaName), tableName)
              + " SET "
              + quote(column.name())
              + " = "
              + expression(column.value()));
    }
    ColumnConstraints.ForeignKey fk = column.constraints().foreignKey();
    if (fk != null && !fk.validate()) {
      sql.add(addInlineForeignKey(schemaName, tableName, column.name(), fk) + " NOT VALID");
    }
    sql.addAll(
        RemarksGuards.comments(qualified(schema(schemaName), tableName), null, List.of(column)));
    return sql;
  }

  public String createIndex(Change.CreateIndex c) {
    return "CREATE "
        + (c.unique() ? "UNIQUE " : "")
        + "INDEX "
        + (c.concurrently() ? "CONCURRENTLY " : "")
        + (c.indexName() == null ? "" : quote(c.indexName()) + " ")
        + "ON "
        + qualified(schema(c.schemaName()), c.tableName())
        + (c.using() == null ? "" : " USING " + quote(c.method()))
        + " ("
        + c.columns().stream()
            .map(col -> PgNames.indexElement(col) + (c.descending().contains(col) ? " DESC" : ""))
            .collect(Collectors.joining(", "))
        + ")"
        + PgNames.tablespace("", c.tablespace());
  }

  public String dropIndex(String schemaName, String indexName) {
    return "DROP INDEX " + qualified(schema(schemaName), indexName);
  }

  /** DROP INDEX CONCURRENTLY: for an INVALID index left by a failed concurrent build. */
  public String dropIndexConcurrently(String schemaName, String indexName) {
    return "DROP INDEX CONCURRENTLY " + qualified(schema(schemaName), indexName);
  }

  /** A constraint's DEFERRABLE [INITIALLY DEFERRED] clause, with its leading space; or empty. */
  static String deferral(boolean deferrable, boolean initiallyDeferred) {
    return deferrable ? " DEFERRABLE" + (initiallyDeferred ? " INITIALLY DEFERRED" : "") : "";
  }

  /** ALTER TABLE … ADD a constraint that a createTable declared inline, for a table that exists. */
  public String addInlineForeignKey(
      String schemaName, String tableName, String column, ColumnConstraints.ForeignKey fk) {
    return "ALTER TABLE "
        + qualified(schema(schemaName), tableName)
        + " ADD "
        + constraintPrefix(fk.name())
        + foreignKeyClause(List.of(column), fk);
  }

  /** ALTER TABLE … ADD [CONSTRAINT k] UNIQUE (…) [DEFERRABLE [INITIALLY DEFERRED]]. */
  public String addUnique(Change.AddUniqueConstraint c) {
    return addUnique(c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())
        + PgNames.tablespace(" USING INDEX", c.tablespace())
        + deferral(c.deferrable(), c.initiallyDeferred());
  }

  public String addUnique(String schemaName, String tableName, List<String> columns, String name) {
    return "ALTER TABLE "
        + qualified(schema(schemaName), tableName)
        + " ADD "
        + constraintPrefix(name)
        + "UNIQUE ("
        + columnList(columns)
        + ")";
  }

  public String addPrimaryKey(
      String schemaName, String tableName, List<String> columns, String name, String tablespace) {
    return "ALTER TABLE "
        + qualified(schema(schemaName), tableName)
        + " ADD "
        + constraintPrefix(name)
        + "PRIMARY KEY ("
        + columnList(columns)
        + ")"
        + PgNames.tablespace(" USING INDEX", tablespace);
  }

  String columnDefinition(Column column) {
    PgType type = PgType.of(column.type());
    // A serial that autoIncrement makes an identity is its integer type, as Liquibase writes it.
    String typeDdl =
        column.autoIncrement() && type.isSerial()
            ? type.catalog().toUpperCase(java.util.Locale.ROOT)
            : type.ddl();
    StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(typeDdl);
    if (column.autoIncrement()) {
      sql.append(PgIdentity.clause(column.identity()));
    }
    if (column.defaultValue() != null) {
      sql.append(" DEFAULT ").append(Defaults.of(column, this));
    }
    if (column.notNull()) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  /** A value as SQL: a quoted literal, a number or expression as written, nextval(…), NULL. */
  public String expression(Value value) {
    return switch (value.kind()) {
      case STRING, DATE -> literal(value.text());
      case NUMERIC, BOOLEAN -> value.text();
      // Liquibase writes its current-time synonyms as PostgreSQL's NOW().
      case COMPUTED ->
          CURRENT_TIME.matcher(value.text().strip()).matches() ? "NOW()" : value.text();
      case SEQUENCE_NEXT -> "nextval(" + literal(sequenceName(value.text())) + "::regclass)";
      case NULL -> "NULL";
    };
  }

  // A sequence named without a schema is in the default one, as Liquibase qualifies it.
  private String sequenceName(String name) {
    return PgNames.maybeQualified(schema(null), name);
  }

  private String foreignKeyClause(List<String> columns, ColumnConstraints.ForeignKey fk) {
    return "FOREIGN KEY ("
        + columnList(columns)
        + ")"
        + references(fk)
        + deferral(fk.deferrable(), fk.initiallyDeferred());
  }

  // REFERENCES t (c) [ON DELETE …]: how an inline or table foreign key ends.
  private String references(ColumnConstraints.ForeignKey fk) {
    return " REFERENCES "
        + qualified(schema(fk.referencedSchemaName()), fk.referencedTableName())
        + (fk.referencedColumnNames().isEmpty()
            ? ""
            : " (" + columnList(fk.referencedColumnNames()) + ")")
        + (fk.onDelete() == null ? "" : " ON DELETE " + fk.onDelete().sql());
  }

  private static String constraintPrefix(String name) {
    return name == null ? "" : "CONSTRAINT " + quote(name) + " ";
  }
}
