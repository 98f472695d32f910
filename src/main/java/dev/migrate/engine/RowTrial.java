package dev.migrate.engine;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.postgres.Decision;
import dev.migrate.postgres.Jdbc;
import dev.migrate.postgres.Replay;
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

  /**
   * A statement that may have written its rows before (see Replay.rowsAgain) runs in a savepoint to
   * see what it does. When it writes no row it stands (true). When it writes rows that later
   * DELETEs on the table remove again, running it changes nothing in the end, and it stands (true).
   * Else its rows are rolled back and the changeset stops with {@code why}. When it fails it is
   * rolled back (false) and runs again the usual way, where its error or what excuses it decides.
   * TRUNCATE, which reports no rows, and a step outside a transaction stop at once.
   */
  boolean stands(String sql, Decision.Drift why, List<Change> after) {
    if (!jdbc.inTransaction() || Replay.truncates(sql)) {
      throw MigrateException.failed(why.message());
    }
    List<String> deletes = replay.laterDeletes(sql, after);
    String content = replay.contentQuery(sql);
    jdbc.execute("SAVEPOINT migrate_rows");
    int before = removedBy(deletes);
    String was = content == null ? null : jdbc.queryFirst(content, r -> r.getString(1));
    int rows;
    try {
      rows = jdbc.update(sql);
    } catch (MigrateException e) {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_rows");
      return false;
    }
    // Rows it wrote count only when they differ from what was there (an UPDATE setting the values
    // in place changes nothing), and only when later DELETEs do not remove them again.
    boolean changed =
        rows > 0 && (was == null || !was.equals(jdbc.queryFirst(content, r -> r.getString(1))));
    if (changed && (before < 0 || removedBy(deletes) - before != rows)) {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_rows");
      throw MigrateException.failed(why.message());
    }
    jdbc.execute("RELEASE SAVEPOINT migrate_rows");
    return true;
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
