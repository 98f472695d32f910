package dev.migrate.postgres;

import dev.migrate.model.Precondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a precondition that is false on a rerun over a database ahead of its revision rows held when
 * its changeset ran: it asks for an object that is absent now, and a later change drops it, or its
 * table, or renames it away. Liquibase halts on a false precondition (onFail HALT), so a changeset
 * the database went past had its precondition hold then; what a later change removed is not a
 * reason to stop the rerun there.
 */
final class ConditionsSince {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  ConditionsSince(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * The words that say which object a later change removed, or null: the reason of the first
   * question of {@link #skips} the catalog answers yes.
   */
  String why(Precondition condition, LaterChanges after) {
    for (LostHistory.Skip skip : skips(condition, after)) {
      if (catalog.holds(skip.when())) {
        return skip.reason();
      }
    }
    return null;
  }

  /**
   * The questions whose yes says the condition asks for an object a later change removed, each with
   * its words, asked by upgrade and written into the script alike. An {@code and} or {@code or} is
   * explained by any of its parts; a {@code not}, which asks for an absence, by none.
   */
  List<LostHistory.Skip> skips(Precondition condition, LaterChanges after) {
    List<LostHistory.Skip> skips = new ArrayList<>();
    if (condition instanceof Precondition.And and) {
      and.conditions().forEach(part -> skips.addAll(skips(part, after)));
    } else if (condition instanceof Precondition.Or or) {
      or.conditions().forEach(part -> skips.addAll(skips(part, after)));
    } else if (condition instanceof Precondition.TableExists t) {
      tableGone(ddl.schema(t.schemaName()), t.tableName(), after, skips);
    } else if (condition instanceof Precondition.ColumnExists c) {
      columnGone(c, after, skips);
    } else if (condition instanceof Precondition.IndexExists i) {
      indexGone(i, after, skips);
    } else if (condition instanceof Precondition.PrimaryKeyExists k) {
      constraintGone(k.schemaName(), k.tableName(), k.primaryKeyName(), after, skips);
    } else if (condition instanceof Precondition.ForeignKeyExists k) {
      constraintGone(k.schemaName(), k.tableName(), k.foreignKeyName(), after, skips);
    } else if (condition instanceof Precondition.UniqueConstraintExists k) {
      constraintGone(k.schemaName(), k.tableName(), k.constraintName(), after, skips);
    }
    return skips;
  }

  private void tableGone(
      String schema, String table, LaterChanges after, List<LostHistory.Skip> skips) {
    if (table != null && after.goneLater(schema, table)) {
      SqlName name = new SqlName(schema, table);
      skips.add(
          new LostHistory.Skip(
              CatalogQuestion.relation(name).negated(),
              "table " + name + " is absent, and a later change drops or renames it"));
    }
  }

  private void columnGone(
      Precondition.ColumnExists c, LaterChanges after, List<LostHistory.Skip> skips) {
    String schema = ddl.schema(c.schemaName());
    tableGone(schema, c.tableName(), after, skips);
    if (c.tableName() != null
        && after.columns().renamesOrDropsColumn(schema, c.tableName(), c.columnName())) {
      SqlName table = new SqlName(schema, c.tableName());
      skips.add(
          new LostHistory.Skip(
              CatalogQuestion.relation(table)
                  .and(CatalogQuestion.column(table, c.columnName()).negated()),
              "column "
                  + c.columnName()
                  + " of "
                  + table
                  + " is absent, and a later change drops or renames it"));
    }
  }

  private void indexGone(
      Precondition.IndexExists i, LaterChanges after, List<LostHistory.Skip> skips) {
    String schema = ddl.schema(i.schemaName());
    tableGone(schema, i.tableName(), after, skips);
    // The index goes with its table too: absent from a table a later change drops (the one the
    // script makes again for the statements that need it), it went with the dropped one.
    if (i.indexName() != null
        && (after.dropIndex(schema, i.indexName())
            || after.relationRenamedTo(schema, i.indexName()) != null
            || i.tableName() != null && after.dropTable(schema, i.tableName()))) {
      SqlName index = new SqlName(schema, i.indexName());
      skips.add(
          new LostHistory.Skip(
              CatalogQuestion.relation(index).negated(),
              "index "
                  + index
                  + " is absent, and a later change drops or renames it or its table"));
    }
  }

  private void constraintGone(
      String schemaName,
      String table,
      String constraint,
      LaterChanges after,
      List<LostHistory.Skip> skips) {
    String schema = ddl.schema(schemaName);
    tableGone(schema, table, after, skips);
    if (table != null
        && constraint != null
        && (after.dropsConstraint(schema, table, constraint) || after.dropTable(schema, table))) {
      SqlName name = new SqlName(schema, table);
      skips.add(
          new LostHistory.Skip(
              CatalogQuestion.relation(name)
                  .and(CatalogQuestion.constraint(name, constraint).negated()),
              "constraint "
                  + constraint
                  + " of "
                  + name
                  + " is absent, and a later change drops it or its table"));
    }
  }
}
