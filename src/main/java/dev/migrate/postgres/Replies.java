package dev.migrate.postgres;

import java.sql.SQLWarning;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;

/**
 * The replies to statements sent together ({@link Pipeline}): counts the statements that ran before
 * the first failure (one reply each, rows or a status), and reads the first value the reply at
 * {@code at} returns.
 */
final class Replies extends ResultHandlerBase {
  private final int at;
  int done;
  String read;

  Replies(int at) {
    this.at = at;
  }

  @Override
  public void handleResultRows(
      Query query, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
    if (done == at && !tuples.isEmpty() && tuples.get(0).get(0) != null) {
      read = new String(tuples.get(0).get(0), java.nio.charset.StandardCharsets.UTF_8);
    }
    done++;
  }

  @Override
  public void handleCommandStatus(String status, long updateCount, long insertOid) {
    done++;
  }

  @Override
  public void handleWarning(SQLWarning warning) {
    // A notice (a name truncated, IF NOT EXISTS): as for a java.sql.Statement, nobody reads it.
  }
}
