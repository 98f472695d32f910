package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import dev.migrate.plan.Facts;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a column is: modifyDataType, add/dropNotNullConstraint, add/dropDefaultValue,
 * addAutoIncrement. Each looks at the one column it works on; in the script the alters run as they
 * are (each is idempotent, or runs only inside its changeset's own check), but for where the column
 * or its table is absent and a later change drops or renames it, which both pass over ({@link
 * RemovedSince#columnGone}).
 */
final class ColumnPropertyGuards extends Family {
  ColumnPropertyGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.ModifyDataType.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    PgType.of(c.newDataType()).matches(have.type())
                        ? skip("column %s is already %s", c.columnName(), have.type())
                        : act(
                            modifyDataType(c),
                            "changed the type of " + c.columnName() + " from " + have.type())),
        (c, after) ->
            script(
                after, c.schemaName(), c.tableName(), c.columnName(), List.of(modifyDataType(c))));
    families.on(
        Change.AddNotNullConstraint.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    have.notNull()
                        ? skip("column %s is already NOT NULL", c.columnName())
                        : new Decision.Act(addNotNull(c), "made " + c.columnName() + " NOT NULL")),
        (c, after) -> script(after, c.schemaName(), c.tableName(), c.columnName(), addNotNull(c)));
    families.on(
        Change.DropNotNullConstraint.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    !have.notNull()
                        ? skip("column %s is already nullable", c.columnName())
                        : act(dropNotNull(c), "made " + c.columnName() + " nullable")),
        (c, after) ->
            script(after, c.schemaName(), c.tableName(), c.columnName(), List.of(dropNotNull(c))));
    families.on(
        Change.AddDefaultValue.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    Defaults.same(have.defaultExpression(), Defaults.set(c.defaultValue(), ddl))
                            && (Defaults.castFits(have.defaultExpression(), have.type())
                                || after
                                    .columns()
                                    .touchedAspects(
                                        ddl.schema(c.schemaName()), c.tableName(), c.columnName())
                                    .contains(Facts.Aspect.TYPE))
                        ? skip(
                            "column %s already has DEFAULT %s",
                            c.columnName(), have.defaultExpression())
                        : new Decision.Act(
                            addDefaultValue(c), "set the default of " + c.columnName())),
        (c, after) ->
            script(after, c.schemaName(), c.tableName(), c.columnName(), addDefaultValue(c)));
    families.on(
        Change.DropDefaultValue.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    have.defaultExpression() == null
                        ? skip("column %s has no default", c.columnName())
                        : act(dropDefaultValue(c), "dropped the default of " + c.columnName())),
        (c, after) ->
            script(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                List.of(dropDefaultValue(c))));
    families.on(
        Change.AddAutoIncrement.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    have.isIdentity() || nextval(have)
                        ? skip("column %s is already generated", c.columnName())
                        : new Decision.Act(
                            addAutoIncrement(c), "gave " + c.columnName() + " a sequence default")),
        (c, after) ->
            script(after, c.schemaName(), c.tableName(), c.columnName(), addAutoIncrement(c)));
  }

  private interface ColumnDecision {
    Decision decide(ColumnInfo column);
  }

  private Decision onColumn(
      LaterChanges after, String schema, String tableName, String column, ColumnDecision decision) {
    TableInfo table = catalog.table(ddl.schema(schema), tableName);
    ColumnInfo have = table == null ? null : table.column(column);
    if (have == null) {
      for (LostHistory.Skip gone : gone(after, schema, tableName, column)) {
        if (catalog.holds(gone.when())) {
          return skip("%s", gone.reason());
        }
      }
      return new Decision.Drift(
          (table == null
                  ? "table " + name(schema, tableName)
                  : "column " + column + " of " + name(schema, tableName))
              + " does not exist");
    }
    return decision.decide(have);
  }

  private List<LostHistory.Skip> gone(
      LaterChanges after, String schema, String tableName, String column) {
    return RemovedSince.columnGone(after, new SqlName(ddl.schema(schema), tableName), column);
  }

  // The script's statements of a step on one column: not run where upgrade skips the step, the
  // column or its table being absent and a later change removing or renaming it.
  private List<String> script(
      LaterChanges after, String schema, String tableName, String column, List<String> sql) {
    CatalogQuestion gone = LostHistory.any(gone(after, schema, tableName, column));
    return gone == null ? plain(sql) : when(gone.negated().literal(), sql);
  }

  // Defaults compare after the casts and qualifications PostgreSQL adds when it stores them.
  private static boolean nextval(ColumnInfo column) {
    return column.defaultExpression() != null && column.defaultExpression().startsWith("nextval(");
  }

  // ---- the DDL

  private String alterColumn(String schema, String tableName, String column) {
    return "ALTER TABLE " + name(schema, tableName) + " ALTER COLUMN " + quote(column);
  }

  String modifyDataType(Change.ModifyDataType c) {
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
  List<String> addNotNull(Change.AddNotNullConstraint c) {
    List<String> sql = new ArrayList<>();
    if (c.defaultNullValue() != null) {
      sql.add(
          "UPDATE "
              + name(c.schemaName(), c.tableName())
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

  String dropNotNull(Change.DropNotNullConstraint c) {
    return alterColumn(c.schemaName(), c.tableName(), c.columnName()) + " DROP NOT NULL";
  }

  /**
   * SET DEFAULT; a sequence's next value also makes the column own the sequence, as Liquibase does.
   */
  List<String> addDefaultValue(Change.AddDefaultValue c) {
    List<String> sql = new ArrayList<>();
    sql.add(
        alterColumn(c.schemaName(), c.tableName(), c.columnName())
            + " SET DEFAULT "
            + Defaults.set(c.defaultValue(), ddl));
    if (c.defaultValue().kind() == Value.Kind.SEQUENCE_NEXT) {
      String sequence = c.defaultValue().text();
      String qualifiedSequence = PgNames.maybeQualified(ddl.schema(c.schemaName()), sequence);
      sql.add(
          "ALTER SEQUENCE "
              + qualifiedSequence
              + " OWNED BY "
              + name(c.schemaName(), c.tableName())
              + "."
              + quote(c.columnName()));
    }
    return sql;
  }

  String dropDefaultValue(Change.DropDefaultValue c) {
    return alterColumn(c.schemaName(), c.tableName(), c.columnName()) + " DROP DEFAULT";
  }

  /**
   * A sequence named {@code table_column_seq}, the column's default, and the column owning it: how
   * Liquibase gives an existing PostgreSQL column an auto-increment.
   */
  List<String> addAutoIncrement(Change.AddAutoIncrement c) {
    String sequence = name(c.schemaName(), c.tableName() + "_" + c.columnName() + "_seq");
    StringBuilder create = new StringBuilder("CREATE SEQUENCE " + sequence);
    SequenceGuards.option(create, " START WITH ", c.startWith());
    SequenceGuards.option(create, " INCREMENT BY ", c.incrementBy());
    return List.of(
        create.toString(),
        alterColumn(c.schemaName(), c.tableName(), c.columnName())
            + " SET DEFAULT nextval("
            + literal(sequence)
            + "::regclass)",
        "ALTER SEQUENCE "
            + sequence
            + " OWNED BY "
            + name(c.schemaName(), c.tableName())
            + "."
            + quote(c.columnName()));
  }
}
