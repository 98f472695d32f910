package dev.migrate.postgres;

import dev.migrate.model.Precondition;
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
   * The words that say which object a later change removed, or null. An {@code and} or {@code or}
   * is explained by any of its parts; a {@code not}, which asks for an absence, by none.
   */
  String why(Precondition condition, LaterChanges after) {
    if (condition instanceof Precondition.And and) {
      return first(and.conditions(), after);
    } else if (condition instanceof Precondition.Or or) {
      return first(or.conditions(), after);
    } else if (condition instanceof Precondition.TableExists t) {
      return tableGone(ddl.schema(t.schemaName()), t.tableName(), after);
    } else if (condition instanceof Precondition.ColumnExists c) {
      return columnGone(c, after);
    } else if (condition instanceof Precondition.IndexExists i) {
      return indexGone(i, after);
    } else if (condition instanceof Precondition.PrimaryKeyExists k) {
      return constraintGone(k.schemaName(), k.tableName(), k.primaryKeyName(), after);
    } else if (condition instanceof Precondition.ForeignKeyExists k) {
      return constraintGone(k.schemaName(), k.tableName(), k.foreignKeyName(), after);
    } else if (condition instanceof Precondition.UniqueConstraintExists k) {
      return constraintGone(k.schemaName(), k.tableName(), k.constraintName(), after);
    }
    return null;
  }

  private String first(List<Precondition> parts, LaterChanges after) {
    for (Precondition part : parts) {
      String why = why(part, after);
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private String tableGone(String schema, String table, LaterChanges after) {
    return table != null && catalog.table(schema, table) == null && after.goneLater(schema, table)
        ? "table "
            + PgNames.qualified(schema, table)
            + " is absent, and a later change drops or"
            + " renames it"
        : null;
  }

  private String columnGone(Precondition.ColumnExists c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = tableGone(schema, c.tableName(), after);
    if (table != null) {
      return table;
    }
    PgCatalog.TableInfo info = catalog.table(schema, c.tableName());
    return info != null
            && info.column(c.columnName()) == null
            && after.columns().renamesOrDropsColumn(schema, c.tableName(), c.columnName())
        ? "column "
            + c.columnName()
            + " of "
            + PgNames.qualified(schema, c.tableName())
            + " is absent, and a later change drops or renames it"
        : null;
  }

  private String indexGone(Precondition.IndexExists i, LaterChanges after) {
    String schema = ddl.schema(i.schemaName());
    String table = tableGone(schema, i.tableName(), after);
    if (table != null || i.indexName() == null) {
      return table;
    }
    return !catalog.relationExists(schema, i.indexName())
            && (after.dropIndex(schema, i.indexName())
                || after.relationRenamedTo(schema, i.indexName()) != null)
        ? "index "
            + PgNames.qualified(schema, i.indexName())
            + " is absent, and a later change drops or renames it"
        : null;
  }

  private String constraintGone(
      String schemaName, String table, String constraint, LaterChanges after) {
    String schema = ddl.schema(schemaName);
    String gone = tableGone(schema, table, after);
    if (gone != null || table == null || constraint == null) {
      return gone;
    }
    String qualified = PgNames.qualified(schema, table);
    return catalog.table(schema, table) != null
            && !catalog.constraintExists(qualified, constraint)
            && after.dropsConstraint(schema, table, constraint)
        ? "constraint "
            + constraint
            + " of "
            + qualified
            + " is absent, and a later change drops it"
        : null;
  }
}
