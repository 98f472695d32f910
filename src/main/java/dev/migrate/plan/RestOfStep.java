package dev.migrate.plan;

import dev.migrate.model.Change;
import java.util.AbstractList;
import java.util.List;

/**
 * What comes after one statement of a raw-SQL step: the step's remaining statements (as one raw-SQL
 * change, first) and then the changes after the step. A column that statement 3 alters and
 * statement 5 drops is gone on a rerun after lost history, as surely as if a later changeset had
 * dropped it. The remaining text is joined only when a guard or an excuse reads it, which is rare:
 * a step of many statements does not pay for it on every one.
 */
public final class RestOfStep extends AbstractList<Change> {
  private final List<String> statements;
  private final int after;
  private final List<Change> later;
  private Change.Sql rest;

  public RestOfStep(List<String> statements, int statement, List<Change> later) {
    this.statements = statements;
    this.after = statement + 1;
    this.later = later;
  }

  @Override
  public Change get(int index) {
    if (after >= statements.size()) {
      return later.get(index);
    }
    if (index > 0) {
      return later.get(index - 1);
    }
    if (rest == null) {
      rest =
          new Change.Sql(
              String.join(";\n", statements.subList(after, statements.size())), true, false, null);
    }
    return rest;
  }

  /** The changes after the step. */
  public List<Change> later() {
    return later;
  }

  /** Whether statements of the step follow this one: they come first, as one change. */
  public boolean hasRest() {
    return after < statements.size();
  }

  @Override
  public int size() {
    return later.size() + (after < statements.size() ? 1 : 0);
  }
}
