package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.postgres.Decision;
import dev.migrate.postgres.Jdbc;
import dev.migrate.postgres.Replay;
import dev.migrate.postgres.RowWrites;
import java.util.List;

/**
 * Tries a statement that may have written its rows before, in a savepoint, to see whether running
 * it again would change any row (see {@link Replay#rowsAgain}).
 */
final class RowTrial {
  private final Jdbc jdbc;
  private final Replay replay;

  RowTrial(Jdbc jdbc, Replay replay) {
    this.jdbc = jdbc;
    this.replay = replay;
  }

  /** What the trial found. */
  enum Outcome {
    /** It changes no row (it writes none, or writes the values in place): rolled back, skipped. */
    NO_CHANGE,
    /** It changes rows that later DELETEs remove again: rolled back, and skipped. */
    UNDONE_LATER,
    /** It failed: rolled back, to run again the usual way (its error or its excuse decides). */
    FAILED,
    /**
     * Asked with {@code inside} (a run may have been killed inside this changeset): it changes
     * rows, and a second run of it right after changes none or cannot run (a key refuses the same
     * rows twice). Had it run before the kill, it would have changed nothing now: it did not, and
     * runs.
     */
    NOT_YET
  }

  /**
   * Runs a statement that may have written its rows before (see Replay.rowsAgain) in a savepoint to
   * see what it does. Rows it writes count only when the table's rows differ afterwards (an UPDATE
   * setting the values in place changes nothing). Rows that later DELETEs on the table remove again
   * are left unwritten: running the statement changes nothing in the end. Any other change is
   * rolled back and stops the changeset with {@code why}; so do TRUNCATE, which reports no rows,
   * and a statement outside a transaction.
   *
   * @param after the changes after the statement, which will run
   * @param ran those of them that ran already (none when that is not known): what they set is
   *     theirs, and the rows are compared without it
   */
  Outcome run(
      String sql, Decision.Drift why, List<Change> after, List<Change> ran, boolean inside) {
    if (RowWrites.truncates(sql)) {
      throw MigrateException.failed(why.message());
    }
    // Outside a transaction (runInTransaction: false) the trial opens one of its own and rolls it
    // back; the statement, when it is to run, then runs on its own as the changeset asks.
    boolean own = !jdbc.inTransaction();
    if (own) {
      jdbc.begin();
    }
    try {
      return trial(sql, why, after, ran, inside);
    } finally {
      if (own) {
        jdbc.rollback();
      }
    }
  }

  private Outcome trial(
      String sql, Decision.Drift why, List<Change> after, List<Change> ran, boolean inside) {
    List<String> deletes = replay.laterDeletes(sql, after);
    String content = replay.contentQuery(sql, ran);
    jdbc.execute("SAVEPOINT migrate_rows");
    int before = removedBy(deletes);
    String was = content == null ? null : jdbc.queryFirst(content, r -> r.getString(1));
    int rows;
    try {
      rows = jdbc.update(sql);
    } catch (MigrateException e) {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_rows");
      return Outcome.FAILED;
    }
    String now = rows > 0 && was != null ? jdbc.queryFirst(content, r -> r.getString(1)) : null;
    boolean changed = rows > 0 && (was == null || !was.equals(now));
    boolean undone = changed && before >= 0 && removedBy(deletes) - before == rows;
    boolean once = changed && inside && now != null && changesNoMore(sql, content, now);
    jdbc.execute("ROLLBACK TO SAVEPOINT migrate_rows");
    if (!changed) {
      return Outcome.NO_CHANGE;
    }
    if (once) {
      return Outcome.NOT_YET;
    }
    if (!undone) {
      throw MigrateException.failed(why.message());
    }
    return Outcome.UNDONE_LATER;
  }

  // Whether running the statement a second time, right after the first (which left the rows as
  // {@code first}), leaves them as they are, or is refused by a unique key (undone at once).
  private boolean changesNoMore(String sql, String content, String first) {
    return changesNoMore(jdbc, sql, () -> jdbc.queryFirst(content, r -> r.getString(1)), first);
  }

  /**
   * Whether running a statement a second time, right after the first (after which {@code read} read
   * {@code first}), leaves what {@code read} reads as it is, or is refused by a unique key. Undone
   * at once.
   */
  static boolean changesNoMore(
      Jdbc jdbc, String sql, java.util.function.Supplier<?> read, Object first) {
    jdbc.execute("SAVEPOINT migrate_again");
    try {
      jdbc.execute(sql);
      return first.equals(read.get());
    } catch (MigrateException e) {
      return e.detail() != null && "23505".equals(e.detail().sqlState());
    } finally {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_again");
    }
  }

  // How many rows these DELETEs would remove now (undone at once); -1 when there are none to run or
  // one of them cannot run here.
  private int removedBy(List<String> deletes) {
    if (deletes.isEmpty()) {
      return -1;
    }
    jdbc.execute("SAVEPOINT migrate_deletes");
    int removed = 0;
    try {
      for (String delete : deletes) {
        removed += jdbc.update(delete);
      }
    } catch (MigrateException e) {
      removed = -1;
    }
    jdbc.execute("ROLLBACK TO SAVEPOINT migrate_deletes");
    return removed;
  }
}
