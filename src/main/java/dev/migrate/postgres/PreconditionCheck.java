package dev.migrate.postgres;

import dev.migrate.model.Dbms;
import dev.migrate.model.Precondition;
import java.util.Objects;

/** Evaluates a changeset's preconditions against the catalog. */
public final class PreconditionCheck {
  /** Answers changeSetExecuted from the revision table: id, author, file (null for any). */
  @FunctionalInterface
  public interface Executed {
    boolean recorded(String id, String author, String file);
  }

  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Executed executed;
  private final PreconditionSql sql;

  public PreconditionCheck(PgCatalog catalog, PgDdl ddl, Executed executed) {
    this.sql = new PreconditionSql(ddl);
    this.catalog = catalog;
    this.ddl = ddl;
    this.executed = executed;
  }

  /** Whether the condition holds; a failing query propagates as an error (onError decides). */
  public boolean holds(Precondition condition) {
    String expression = sql.expression(condition);
    if (expression != null) {
      return catalog.test(expression);
    }
    if (condition instanceof Precondition.SqlCheck c) {
      return Objects.equals(
          c.expectedResult().strip(), Objects.toString(catalog.text(c.sql()), "").strip());
    } else if (condition instanceof Precondition.Dbms c) {
      return Dbms.matchesPostgres(c.type());
    } else if (condition instanceof Precondition.ChangeSetExecuted c) {
      return executed.recorded(c.id(), c.author(), c.changeLogFile());
    } else if (condition instanceof Precondition.Constant c) {
      return c.value();
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
      return "columnExists "
          + ddl.schema(c.schemaName())
          + "."
          + c.tableName()
          + "."
          + c.columnName();
    } else if (condition instanceof Precondition.SqlCheck c) {
      return "sqlCheck (" + c.sql().strip() + ") = " + c.expectedResult();
    } else if (condition instanceof Precondition.Dbms c) {
      return "dbms " + c.type();
    } else if (condition instanceof Precondition.IndexExists c) {
      return "indexExists "
          + (c.indexName() != null
              ? c.indexName()
              : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
    } else if (condition instanceof Precondition.PrimaryKeyExists c) {
      return "primaryKeyExists "
          + (c.primaryKeyName() != null ? c.primaryKeyName() : "on " + c.tableName());
    } else if (condition instanceof Precondition.ForeignKeyExists c) {
      return "foreignKeyConstraintExists " + c.foreignKeyName();
    } else if (condition instanceof Precondition.UniqueConstraintExists c) {
      return "uniqueConstraintExists "
          + (c.constraintName() != null
              ? c.constraintName()
              : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
    } else if (condition instanceof Precondition.SequenceExists c) {
      return "sequenceExists " + c.sequenceName();
    } else if (condition instanceof Precondition.ViewExists c) {
      return "viewExists " + c.viewName();
    } else if (condition instanceof Precondition.TableIsEmpty c) {
      return "tableIsEmpty " + c.tableName();
    } else if (condition instanceof Precondition.RowCount c) {
      return "rowCount " + c.tableName() + " = " + c.expectedRows();
    } else if (condition instanceof Precondition.RunningAs c) {
      return "runningAs " + c.username();
    } else if (condition instanceof Precondition.ChangeSetExecuted c) {
      return "changeSetExecuted " + c.id() + "::" + c.author();
    } else if (condition instanceof Precondition.Constant c) {
      return c.text();
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
