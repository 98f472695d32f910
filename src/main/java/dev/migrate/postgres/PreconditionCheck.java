package dev.migrate.postgres;

import dev.migrate.model.Dbms;
import dev.migrate.model.Precondition;
import java.util.Objects;

/** Evaluates a changeset's preconditions against the catalog. */
public final class PreconditionCheck {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  public PreconditionCheck(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /** Whether the condition holds; a failing query propagates as an error (onError decides). */
  public boolean holds(Precondition condition) {
    if (condition instanceof Precondition.TableExists c) {
      PgCatalog.TableInfo table = catalog.table(ddl.schema(c.schemaName()), c.tableName());
      return table != null && table.isTable();
    } else if (condition instanceof Precondition.ColumnExists c) {
      PgCatalog.TableInfo table = catalog.table(ddl.schema(c.schemaName()), c.tableName());
      return table != null && table.column(c.columnName()) != null;
    } else if (condition instanceof Precondition.SqlCheck c) {
      return Objects.equals(c.expectedResult().trim(), Objects.toString(catalog.scalar(c.sql()), "").trim());
    } else if (condition instanceof Precondition.Dbms c) {
      return Dbms.matchesPostgres(c.type());
    } else if (condition instanceof Precondition.Not c) {
      return c.conditions().stream().noneMatch(this::holds);
    } else if (condition instanceof Precondition.And c) {
      return c.conditions().stream().allMatch(this::holds);
    } else if (condition instanceof Precondition.Or c) {
      return c.conditions().stream().anyMatch(this::holds);
    }
    throw new IllegalArgumentException("no check for " + condition);
  }

  /** A short text of the condition for messages: {@code not tableExists public.x}. */
  public String describe(Precondition condition) {
    if (condition instanceof Precondition.TableExists c) {
      return "tableExists " + ddl.schema(c.schemaName()) + "." + c.tableName();
    } else if (condition instanceof Precondition.ColumnExists c) {
      return "columnExists " + ddl.schema(c.schemaName()) + "." + c.tableName() + "." + c.columnName();
    } else if (condition instanceof Precondition.SqlCheck c) {
      return "sqlCheck (" + c.sql().strip() + ") = " + c.expectedResult();
    } else if (condition instanceof Precondition.Dbms c) {
      return "dbms " + c.type();
    } else if (condition instanceof Precondition.Not c) {
      return "not (" + join(c.conditions(), " and ") + ")";
    } else if (condition instanceof Precondition.And c) {
      return join(c.conditions(), " and ");
    } else if (condition instanceof Precondition.Or c) {
      return "(" + join(c.conditions(), " or ") + ")";
    }
    throw new IllegalArgumentException("no text for " + condition);
  }

  private String join(java.util.List<Precondition> conditions, String word) {
    return String.join(word, conditions.stream().map(this::describe).toList());
  }
}
