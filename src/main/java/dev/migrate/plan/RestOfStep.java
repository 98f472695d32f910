package dev.migrate.plan;

import dev.migrate.model.Change;
import java.util.AbstractList;
import java.util.List;

/**
 * What comes after one statement of a raw-SQL step: the step's remaining statements (as raw-SQL
 * changes, first) and then the changes after the step. A column that statement 3 alters and
 * statement 5 drops is gone on a rerun after lost history, as surely as if a later changeset had
 * dropped it. The remaining text is joined only when a guard or an excuse reads it, which is rare:
 * a step of many statements does not pay for it on every one.
 *
 * <p>The remaining statements are joined in blocks of {@value #BLOCK}: those up to the next block's
 * start as one change, then each later block as one change, made once for the step and shared by
 * the views of all its statements. A step of thousands of statements (a seed file run whole) then
 * joins and reads its text once per question, not once per statement: joined whole after each of
 * them, a 3 MB file of 9,000 INSERTs was copied and read 9,000 times.
 */
public final class RestOfStep extends AbstractList<Change> {
  static final int BLOCK = 64;

  private final List<String> statements;
  private final int after;
  private final List<Change> later;
  private final Blocks blocks;
  private Change.Sql head;

  public RestOfStep(List<String> statements, int statement, List<Change> later) {
    this.statements = statements;
    this.after = statement + 1;
    this.later = later;
    this.blocks = Blocks.of(statements);
  }

  // The joined blocks of one step's statements, for the views of each of them.
  private static final class Blocks {
    private static volatile Blocks last;
    private final List<String> statements;
    private final Change.Sql[] joined;

    private Blocks(List<String> statements) {
      this.statements = statements;
      this.joined = new Change.Sql[(statements.size() + BLOCK - 1) / BLOCK];
    }

    static Blocks of(List<String> statements) {
      Blocks known = last;
      if (known == null || known.statements != statements) {
        known = new Blocks(statements);
        last = known;
      }
      return known;
    }

    synchronized Change.Sql block(int index) {
      if (joined[index] == null) {
        joined[index] = join(statements, index * BLOCK, (index + 1) * BLOCK);
      }
      return joined[index];
    }
  }

  private static Change.Sql join(List<String> statements, int from, int to) {
    return new Change.Sql(
        String.join(";\n", statements.subList(from, Math.min(to, statements.size()))),
        true,
        false,
        null);
  }

  // Where the block after this statement's begins, and how many changes the step's rest makes.
  private int nextBlock() {
    return (after + BLOCK - 1) / BLOCK;
  }

  private int headCount() {
    return after < statements.size() && after % BLOCK != 0 ? 1 : 0;
  }

  /** How many changes the step's remaining statements make: they come first. */
  public int own() {
    return after >= statements.size() ? 0 : headCount() + blocks.joined.length - nextBlock();
  }

  @Override
  public Change get(int index) {
    int own = own();
    if (index >= own) {
      return later.get(index - own);
    }
    if (index < headCount()) {
      if (head == null) {
        head = join(statements, after, nextBlock() * BLOCK);
      }
      return head;
    }
    return blocks.block(nextBlock() + index - headCount());
  }

  /** The changes after the step. */
  public List<Change> later() {
    return later;
  }

  @Override
  public int size() {
    return later.size() + own();
  }
}
