package dev.migrate.postgres;

import dev.migrate.model.Dbms;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import java.util.Objects;

/** Evaluates a changeset's preconditions against the catalog. */
public final class PreconditionCheck {
  /** Answers changeSetExecuted from the revision table: id, author, file (null for any). */
  @FunctionalInterface
  public interface Executed {
    boolean recorded(String id, String author, String file);
  }

  private final PgCatalog catalog;
  private final Executed executed;
  private final PreconditionSql sql;

  public PreconditionCheck(PgCatalog catalog, PgDdl ddl, Executed executed) {
    this.sql = new PreconditionSql(ddl);
    this.catalog = catalog;
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

  /** Why a block failed, for messages: its onFailMessage, or the condition that is false. */
  public String failure(Preconditions block) {
    return sql.failure(block);
  }
}
