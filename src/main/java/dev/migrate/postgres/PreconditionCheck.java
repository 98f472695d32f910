package dev.migrate.postgres;

import dev.migrate.model.Dbms;
import dev.migrate.model.Precondition;
import java.util.List;
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

  public PreconditionCheck(PgCatalog catalog, PgDdl ddl, Executed executed) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.executed = executed;
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
    } else if (condition instanceof Precondition.IndexExists c) {
      // A schemaName naming no schema (one corpus changelog puts the table there) falls back to
      // the default schema, which is where Liquibase finds the index too.
      String schema = c.schemaName() != null && catalog.schemaExists(c.schemaName()) ? c.schemaName() : ddl.schema(null);
      return catalog.indexExists(schema, c.tableName(), c.indexName(), c.columnNames());
    } else if (condition instanceof Precondition.PrimaryKeyExists c) {
      return c.tableName() == null
          ? catalog.constraintExists(ddl.schema(c.schemaName()), c.primaryKeyName(), "p")
          : hasConstraint(c.schemaName(), c.tableName(), "p", c.primaryKeyName(), List.of());
    } else if (condition instanceof Precondition.ForeignKeyExists c) {
      return c.tableName() == null
          ? catalog.constraintExists(ddl.schema(c.schemaName()), c.foreignKeyName(), "f")
          : hasConstraint(c.schemaName(), c.tableName(), "f", c.foreignKeyName(), List.of());
    } else if (condition instanceof Precondition.UniqueConstraintExists c) {
      return hasConstraint(c.schemaName(), c.tableName(), "u", c.constraintName(), c.columnNames());
    } else if (condition instanceof Precondition.SequenceExists c) {
      PgCatalog.TableInfo relation = catalog.table(ddl.schema(c.schemaName()), c.sequenceName());
      return relation != null && relation.kind().equals("S");
    } else if (condition instanceof Precondition.ViewExists c) {
      return catalog.viewDefinition(ddl.schema(c.schemaName()), c.viewName()) != null;
    } else if (condition instanceof Precondition.TableIsEmpty c) {
      return catalog.rowCount(ddl.schema(c.schemaName()), c.tableName()) == 0;
    } else if (condition instanceof Precondition.RowCount c) {
      return catalog.rowCount(ddl.schema(c.schemaName()), c.tableName()) == c.expectedRows();
    } else if (condition instanceof Precondition.RunningAs c) {
      return c.username().equalsIgnoreCase(catalog.currentUser());
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
      return "columnExists " + ddl.schema(c.schemaName()) + "." + c.tableName() + "." + c.columnName();
    } else if (condition instanceof Precondition.SqlCheck c) {
      return "sqlCheck (" + c.sql().strip() + ") = " + c.expectedResult();
    } else if (condition instanceof Precondition.Dbms c) {
      return "dbms " + c.type();
    } else if (condition instanceof Precondition.IndexExists c) {
      return "indexExists " + (c.indexName() != null ? c.indexName() : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
    } else if (condition instanceof Precondition.PrimaryKeyExists c) {
      return "primaryKeyExists " + (c.primaryKeyName() != null ? c.primaryKeyName() : "on " + c.tableName());
    } else if (condition instanceof Precondition.ForeignKeyExists c) {
      return "foreignKeyConstraintExists " + c.foreignKeyName();
    } else if (condition instanceof Precondition.UniqueConstraintExists c) {
      return "uniqueConstraintExists " + (c.constraintName() != null ? c.constraintName() : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
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

  private boolean hasConstraint(String schema, String table, String type, String name, List<String> columns) {
    List<PgCatalog.ConstraintInfo> have = catalog.constraints(ddl.schema(schema), table);
    return have != null && have.stream().anyMatch(k -> k.type().equals(type)
        && (name == null || k.name().equals(name))
        && (columns.isEmpty() || k.columns().equals(columns)));
  }

  private String join(java.util.List<Precondition> conditions, String word) {
    return String.join(word, conditions.stream().map(this::describe).toList());
  }
}
