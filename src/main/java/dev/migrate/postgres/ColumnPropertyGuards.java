package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.List;

/**
 * What a column is: modifyDataType, add/dropNotNullConstraint, add/dropDefaultValue,
 * addAutoIncrement. Each looks at the one column it works on; in the script the alters run as they
 * are (each is idempotent, or runs only inside its changeset's own check).
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
                            alter.modifyDataType(c),
                            "changed the type of " + c.columnName() + " from " + have.type())),
        (c, after) -> plain(List.of(alter.modifyDataType(c))));
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
                        : new Decision.Act(
                            alter.addNotNull(c), "made " + c.columnName() + " NOT NULL")),
        (c, after) -> plain(alter.addNotNull(c)));
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
                        : act(alter.dropNotNull(c), "made " + c.columnName() + " nullable")),
        (c, after) -> plain(List.of(alter.dropNotNull(c))));
    families.on(
        Change.AddDefaultValue.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    Defaults.same(have.defaultExpression(), ddl.expression(c.defaultValue()))
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
                            alter.addDefaultValue(c), "set the default of " + c.columnName())),
        (c, after) -> plain(alter.addDefaultValue(c)));
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
                        : act(
                            alter.dropDefaultValue(c), "dropped the default of " + c.columnName())),
        (c, after) -> plain(List.of(alter.dropDefaultValue(c))));
    families.on(
        Change.AddAutoIncrement.class,
        (c, after, excuse) ->
            onColumn(
                after,
                c.schemaName(),
                c.tableName(),
                c.columnName(),
                have ->
                    have.identity() || nextval(have)
                        ? skip("column %s is already generated", c.columnName())
                        : new Decision.Act(
                            alter.addAutoIncrement(c),
                            "gave " + c.columnName() + " a sequence default")),
        (c, after) -> plain(alter.addAutoIncrement(c)));
  }

  private interface ColumnDecision {
    Decision decide(ColumnInfo column);
  }

  private Decision onColumn(
      LaterChanges after, String schema, String tableName, String column, ColumnDecision decision) {
    TableInfo table = catalog.table(ddl.schema(schema), tableName);
    ColumnInfo have = table == null ? null : table.column(column);
    if (have == null
        && (after.goneLater(ddl.schema(schema), tableName)
            || after.columns().touchColumn(ddl.schema(schema), tableName, column))) {
      return skip(
          "%s is absent, and a later change removes or renames it",
          table == null
              ? "table " + name(schema, tableName)
              : "column " + column + " of " + name(schema, tableName));
    }
    if (have == null) {
      return new Decision.Drift(
          (table == null
                  ? "table " + name(schema, tableName)
                  : "column " + column + " of " + name(schema, tableName))
              + " does not exist");
    }
    return decision.decide(have);
  }

  // Defaults compare after the casts and qualifications PostgreSQL adds when it stores them.
  private static boolean nextval(ColumnInfo column) {
    return column.defaultExpression() != null && column.defaultExpression().startsWith("nextval(");
  }
}
