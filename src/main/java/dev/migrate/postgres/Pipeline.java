package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.CachedQuery;
import org.postgresql.core.Field;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statements of an open transaction whose outcome nothing waits for, held back and sent with the
 * next round trip. A changeset's structured steps then travel with its revision row and its COMMIT,
 * where each used to wait for a reply of its own: on a fresh database the server was idle a quarter
 * of the run, waiting for the next statement (docs/benchmarks.md).
 *
 * <p>The server runs them in order and stops at the first that fails, as it would have one by one.
 * Its replies come one per statement, so the failure is the statement's after the last reply: it is
 * reported as that statement's, at its step ({@link HeldStatementFailure}).
 *
 * <p>A statement is held only when pgjdbc reads it as one statement with as many bind markers as it
 * has parameters (a {@code ?} operator outside quotes would be taken for one), and the statements
 * sent together must read as as many statements as were held; else each goes alone.
 */
final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private record Held(String sql, Object[] params, Step step) {}

  private final QueryExecutor executor; // null when the connection is not pgjdbc's: none is held
  private final Function<String, SlowStatements.Watch> watch;
  private final List<Held> held = new ArrayList<>();
  private final RecurringStatements recurring;
  // The failure of statements sent together. The transaction can only roll back now; until it
  // does, every statement reports that failure again, so one caught and set aside is not lost.
  private MigrateException failed;
  private boolean reading; // whether the batch's tail returns a row to read (sendReading)
  private String read;

  static Pipeline of(Connection connection, Function<String, SlowStatements.Watch> watch) {
    QueryExecutor executor;
    int threshold;
    try {
      BaseConnection pg = connection.unwrap(BaseConnection.class);
      executor = pg.getQueryExecutor();
      threshold = pg.getPrepareThreshold();
    } catch (SQLException e) {
      executor = null;
      threshold = 0;
    }
    return new Pipeline(executor, watch, new RecurringStatements(threshold));
  }

  private Pipeline(
      QueryExecutor executor,
      Function<String, SlowStatements.Watch> watch,
      RecurringStatements recurring) {
    this.executor = executor;
    this.watch = watch;
    this.recurring = recurring;
  }

  /**
   * Whether {@code sql} may be held with {@code params}: pgjdbc reads it as one statement with as
   * many bind markers, and each parameter is of a type bound here.
   */
  boolean holds(String sql, Object... params) {
    return executor != null
        && failed == null
        && !sql.isBlank()
        && bindable(params)
        && statements(sql, params.length) == 1;
  }

  /** Holds {@code sql}, which {@link #holds} accepted, run for {@code step} (null: for none). */
  void hold(String sql, Step step, Object... params) {
    log.debug("held, to go with the next round trip: {}", Passwords.hidden(sql));
    held.add(new Held(sql, params, step));
  }

  /** Sends what is held, before a statement whose reply is waited for. */
  void flush() {
    sendWith(null);
  }

  /**
   * Sends what is held and then {@code tail} with its parameters, in one round trip; false when
   * nothing was held, or {@code tail} could not go with it (it is the caller's to run then).
   */
  boolean sendWith(String tail, Object... params) {
    if (failed != null) {
      throw failed;
    }
    return !held.isEmpty() && sending(tail, params);
  }

  /**
   * As {@link #sendWith}, also with nothing held: the first value the first statement of {@code
   * tail} returns, as text ("" for none), or null when {@code tail} could not go.
   */
  String sendReading(String tail, Object... params) {
    if (failed != null) {
      throw failed;
    }
    reading = executor != null;
    try {
      return reading && sending(tail, params) ? (read == null ? "" : read) : null;
    } finally {
      reading = false;
    }
  }

  private boolean sending(String tail, Object... params) {
    long start = System.nanoTime();
    int count = held.size();
    try (SlowStatements.Watch w = watch.apply(count > 0 ? held.get(0).sql() : tail)) {
      return send(tail, params);
    } catch (MigrateException e) {
      failed = e;
      throw e;
    } finally {
      log.debug(
          "{} ms: {} held statement(s) sent{}",
          (System.nanoTime() - start) / 1_000_000,
          count,
          tail == null ? "" : ", then " + Passwords.hidden(tail));
    }
  }

  /** Forgets what is held, and its failure: the transaction rolls back. */
  void drop() {
    held.clear();
    failed = null;
  }

  /**
   * Sends what is held, then {@code tail} (null for none) with its parameters, in one round trip.
   * Returns whether {@code tail} went too: it stays to be run by the caller when its parameters are
   * of a type this class does not bind, or it does not read as statements with as many markers.
   * Should the text sent together not read as its parts did, each held statement goes alone.
   */
  private boolean send(String tail, Object... params) {
    List<Held> batch = List.copyOf(held);
    held.clear();
    List<Object> bound = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Held h : batch) {
      text.append(SqlWords.terminated(h.sql()));
      bound.addAll(java.util.Arrays.asList(h.params()));
    }
    int expected = batch.size();
    int more = tail == null || !bindable(params) ? 0 : statements(tail, params.length);
    if (more > 0) {
      text.append(tail);
      bound.addAll(java.util.Arrays.asList(params));
      expected += more;
    }
    CachedQuery query = parse(text.toString());
    ParameterList values = query == null ? null : query.query.createParameterList();
    if (query == null
        || count(query.query) != expected
        || values.getParameterCount() != bound.size()
        || !bind(values, bound.toArray())) {
      for (Held h : batch) {
        CachedQuery alone = parse(h.sql());
        ParameterList its = alone.query.createParameterList();
        bind(its, h.params());
        run(List.of(h), null, alone, its, QueryExecutor.QUERY_ONESHOT);
      }
      return false;
    }
    boolean naming = recurring.keep(query.query, bound);
    boolean went = false;
    try {
      run(batch, more > 0 ? tail : null, query, values, naming ? 0 : QueryExecutor.QUERY_ONESHOT);
      went = true;
    } finally {
      recurring.sent(went);
    }
    return more > 0;
  }

  private void run(
      List<Held> batch, String tail, CachedQuery query, ParameterList values, int flags) {
    Replies replies = new Replies(reading ? batch.size() : -1);
    try {
      executor.execute(query.query, values, replies, 0, 0, flags);
      read = replies.read;
    } catch (SQLException e) {
      if (replies.done < batch.size()) {
        Held failed = batch.get(replies.done);
        throw new HeldStatementFailure(failed.step(), SqlFailure.of(failed.sql(), e));
      }
      throw SqlFailure.of(tail, e);
    }
  }

  // How many statements pgjdbc reads in sql; 0 when it cannot read it, or finds another number of
  // bind markers.
  private int statements(String sql, int markers) {
    CachedQuery query = parse(sql);
    return query == null || query.query.createParameterList().getParameterCount() != markers
        ? 0
        : count(query.query);
  }

  private static int count(Query query) {
    Query[] parts = query.getSubqueries();
    return parts == null ? 1 : parts.length;
  }

  // As pgjdbc reads a statement's text, bind markers and escapes as for a PreparedStatement, not
  // kept in its cache of prepared statements; null when it cannot be read.
  private CachedQuery parse(String sql) {
    try {
      return executor.createQuery(sql, true, true);
    } catch (SQLException e) {
      return null;
    }
  }

  private static boolean bindable(Object[] params) {
    for (Object value : params) {
      if (value != null
          && !(value instanceof String)
          && !(value instanceof Integer)
          && !(value instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  // Binds as PreparedStatement.setObject would; false for a type it does not bind here.
  private static boolean bind(ParameterList list, Object[] params) {
    try {
      for (int i = 0; i < params.length; i++) {
        Object value = params[i];
        if (value == null) {
          list.setNull(i + 1, Oid.UNSPECIFIED);
        } else if (value instanceof String s) {
          list.setStringParameter(i + 1, s, Oid.VARCHAR);
        } else if (value instanceof Integer n) {
          list.setLiteralParameter(i + 1, n.toString(), Oid.INT4);
        } else if (value instanceof Long n) {
          list.setLiteralParameter(i + 1, n.toString(), Oid.INT8);
        } else {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  // Counts the statements that ran before the first failure (one reply each, rows or a status);
  // reads the first value the reply at `at` returns.
  private static final class Replies extends ResultHandlerBase {
    private final int at;
    private int done;
    private String read;

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
}
