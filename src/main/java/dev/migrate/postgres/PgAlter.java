package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the change types that alter, drop, rename or move data, as Liquibase writes it for
 * PostgreSQL. Pure: text in, text out.
 */
public final class PgAlter {

  private final PgDdl ddl;

  public PgAlter(PgDdl ddl) {
    this.ddl = ddl;
  }

  private String table(String schema, String name) {
    return qualified(ddl.schema(schema), name);
  }

  private String alterColumn(String schema, String tableName, String column) {
    return "ALTER TABLE " + table(schema, tableName) + " ALTER COLUMN " + quote(column);
  }

  public String modifyDataType(Change.ModifyDataType c) {
    String type = PgType.of(c.newDataType()).ddl();
    return alterColumn(c.schemaName(), c.tableName(), c.columnName())
        + " TYPE "
        + type
        + " USING ("
        + quote(c.columnName())
        + "::"
        + type
        + ")";
  }

  /** Fills NULLs first when asked, then sets NOT NULL. */
  public List<String> addNotNull(Change.AddNotNullConstraint c) {
    List<String> sql = new ArrayList<>();
    if (c.defaultNullValue() != null) {
      sql.add(
          "UPDATE "
              + table(c.schemaName(), c.tableName())
              + " SET "
              + quote(c.columnName())
              + " = "
              + ddl.expression(c.defaultNullValue())
              + " WHERE "
              + quote(c.columnName())
              + " IS NULL");
    }
    sql.add(alterColumn(c.schemaName(), c.tableName(), c.columnName()) + " SET NOT NULL");
    return sql;
  }

  public String dropNotNull(Change.DropNotNullConstraint c) {
    return alterColumn(c.schemaName(), c.tableName(), c.columnName()) + " DROP NOT NULL";
  }

  public String dropTable(Change.DropTable c) {
    return "DROP TABLE "
        + table(c.schemaName(), c.tableName())
        + (c.cascadeConstraints() ? " CASCADE" : "");
  }

  public String createSchema(Change.CreateSchema c) {
    return "CREATE SCHEMA " + quote(c.schemaName());
  }

  public String dropColumn(String schema, String tableName, String column) {
    return "ALTER TABLE " + table(schema, tableName) + " DROP COLUMN " + quote(column);
  }

  public String renameColumn(Change.RenameColumn c) {
    return "ALTER TABLE "
        + table(c.schemaName(), c.tableName())
        + " RENAME COLUMN "
        + quote(c.oldColumnName())
        + " TO "
        + quote(c.newColumnName());
  }

  public String renameTable(Change.RenameTable c) {
    return "ALTER TABLE "
        + table(c.schemaName(), c.oldTableName())
        + " RENAME TO "
        + quote(c.newTableName());
  }

  public String renameView(Change.RenameView c) {
    return "ALTER VIEW "
        + table(c.schemaName(), c.oldViewName())
        + " RENAME TO "
        + quote(c.newViewName());
  }

  public String renameSequence(Change.RenameSequence c) {
    return "ALTER SEQUENCE "
        + table(c.schemaName(), c.oldSequenceName())
        + " RENAME TO "
        + quote(c.newSequenceName());
  }

  /**
   * SET DEFAULT; a sequence's next value also makes the column own the sequence, as Liquibase does.
   */
  public List<String> addDefaultValue(Change.AddDefaultValue c) {
    List<String> sql = new ArrayList<>();
    sql.add(
        alterColumn(c.schemaName(), c.tableName(), c.columnName())
            + " SET DEFAULT "
            + ddl.expression(c.defaultValue()));
    if (c.defaultValue().kind() == Value.Kind.SEQUENCE_NEXT) {
      String sequence = c.defaultValue().text();
      String qualifiedSequence = PgNames.maybeQualified(ddl.schema(c.schemaName()), sequence);
      sql.add(
          "ALTER SEQUENCE "
              + qualifiedSequence
              + " OWNED BY "
              + table(c.schemaName(), c.tableName())
              + "."
              + quote(c.columnName()));
    }
    return sql;
  }

  public String dropDefaultValue(Change.DropDefaultValue c) {
    return alterColumn(c.schemaName(), c.tableName(), c.columnName()) + " DROP DEFAULT";
  }

  public String dropConstraint(String schema, String tableName, String constraint) {
    return "ALTER TABLE " + table(schema, tableName) + " DROP CONSTRAINT " + quote(constraint);
  }

  public String dropView(Change.DropView c) {
    return "DROP VIEW " + table(c.schemaName(), c.viewName());
  }

  /**
   * CREATE [OR REPLACE] VIEW, or the statement as written with fullDefinition; then its remarks.
   */
  public List<String> createView(Change.CreateView c) {
    List<String> sql = new ArrayList<>();
    String view = table(c.schemaName(), c.viewName());
    if (c.fullDefinition()) {
      sql.add(c.selectQuery().strip());
    } else {
      sql.add(
          "CREATE "
              + (c.replaceIfExists() ? "OR REPLACE " : "")
              + "VIEW "
              + view
              + " AS "
              + c.selectQuery().strip());
    }
    if (c.remarks() != null) {
      sql.add("COMMENT ON VIEW " + view + " IS " + literal(c.remarks()));
    }
    return sql;
  }

  public String createSequence(Change.CreateSequence c) {
    StringBuilder sql =
        new StringBuilder("CREATE SEQUENCE " + table(c.schemaName(), c.sequenceName()));
    if (c.dataType() != null) {
      sql.append(" AS ").append(PgType.of(c.dataType()).ddl());
    }
    option(sql, " START WITH ", c.startValue());
    option(sql, " INCREMENT BY ", c.incrementBy());
    option(sql, " MINVALUE ", c.minValue());
    option(sql, " MAXVALUE ", c.maxValue());
    option(sql, " CACHE ", c.cacheSize());
    if (c.cycle()) {
      sql.append(" CYCLE");
    }
    return sql.toString();
  }

  public String alterSequence(Change.AlterSequence c) {
    StringBuilder sql =
        new StringBuilder("ALTER SEQUENCE " + table(c.schemaName(), c.sequenceName()));
    option(sql, " INCREMENT BY ", c.incrementBy());
    option(sql, " MINVALUE ", c.minValue());
    option(sql, " MAXVALUE ", c.maxValue());
    option(sql, " CACHE ", c.cacheSize());
    if (c.cycle() != null) {
      sql.append(c.cycle() ? " CYCLE" : " NO CYCLE");
    }
    return sql.toString();
  }

  public String dropSequence(Change.DropSequence c) {
    return "DROP SEQUENCE " + table(c.schemaName(), c.sequenceName());
  }

  /**
   * A sequence named {@code table_column_seq}, the column's default, and the column owning it: how
   * Liquibase gives an existing PostgreSQL column an auto-increment.
   */
  public List<String> addAutoIncrement(Change.AddAutoIncrement c) {
    String sequence = table(c.schemaName(), c.tableName() + "_" + c.columnName() + "_seq");
    StringBuilder create = new StringBuilder("CREATE SEQUENCE " + sequence);
    option(create, " START WITH ", c.startWith());
    option(create, " INCREMENT BY ", c.incrementBy());
    return List.of(
        create.toString(),
        alterColumn(c.schemaName(), c.tableName(), c.columnName())
            + " SET DEFAULT nextval("
            + literal(sequence)
            + "::regclass)",
        "ALTER SEQUENCE "
            + sequence
            + " OWNED BY "
            + table(c.schemaName(), c.tableName())
            + "."
            + quote(c.columnName()));
  }

  public String createExtension(Change.CreateExtension c) {
    return "CREATE EXTENSION IF NOT EXISTS "
        + quote(c.extensionName())
        + (c.schemaName() == null ? "" : " SCHEMA " + quote(c.schemaName()));
  }

  public String dropEnumType(Change.DropEnumType c) {
    return "DROP TYPE " + table(c.schemaName(), c.typeName());
  }

  public String renameEnumValue(Change.RenameEnumValue c) {
    return "ALTER TYPE "
        + table(c.schemaName(), c.typeName())
        + " RENAME VALUE "
        + literal(c.oldValue())
        + " TO "
        + literal(c.newValue());
  }

  private static void option(StringBuilder sql, String word, String value) {
    if (value != null) {
      if (!value.strip().matches("[-+]?\\d+")) {
        throw MigrateException.invalid(
            "sequence setting"
                + word.stripTrailing()
                + " must be a whole number, not '"
                + value
                + "'");
      }
      sql.append(word).append(value.strip());
    }
  }
}
