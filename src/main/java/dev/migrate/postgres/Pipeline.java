package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.CachedQuery;
import org.postgresql.core.ParameterList;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
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
  private final Runnable settle; // reads the reply of a commit sent ahead first (CommitAhead)
  // The failure of statements sent together. The transaction can only roll back now; until it
  // does, every statement reports that failure again, so one caught and set aside is not lost.
  private MigrateException failed;
  private boolean reading; // whether the batch's tail returns a row to read (sendReading)
  private String read;

  static Pipeline of(
      Connection connection, Function<String, SlowStatements.Watch> watch, Runnable settle) {
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
    return new Pipeline(executor, watch, new RecurringStatements(threshold), settle);
  }

  private Pipeline(
      QueryExecutor executor,
      Function<String, SlowStatements.Watch> watch,
      RecurringStatements recurring,
      Runnable settle) {
    this.executor = executor;
    this.settle = settle;
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
        && BoundValues.bindable(params)
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
    settle.run();
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
    settle.run();
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
      logSent(start, count, tail);
    }
  }

  private static void logSent(long start, int count, String tail) {
    log.debug(
        "{} ms: {} held statement(s) sent{}",
        (System.nanoTime() - start) / 1_000_000,
        count,
        tail == null ? "" : ", then " + Passwords.hidden(tail));
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
    Batch b = batch(tail, params);
    held.clear();
    if (b.query == null) {
      for (Held h : b.held) {
        CachedQuery alone = parse(h.sql());
        ParameterList its = alone.query.createParameterList();
        BoundValues.bind(its, h.params());
        run(List.of(h), null, alone, its, QueryExecutor.QUERY_ONESHOT);
      }
      return false;
    }
    boolean naming = recurring.keep(b.query.query, b.bound);
    boolean went = false;
    try {
      run(b.held, b.tail, b.query, b.values, naming ? 0 : QueryExecutor.QUERY_ONESHOT);
      went = true;
    } finally {
      recurring.sent(went);
    }
    return b.tail != null;
  }

  /**
   * What is held and {@code tail} read and bound as one round trip, to be made {@link #later}; null
   * when nothing is held or {@code tail} cannot go with it. It reads text alone: it may be made
   * while an earlier round trip is on its way.
   */
  Batch ready(String tail, Object... params) {
    if (failed != null || held.isEmpty()) {
      return null;
    }
    Batch b = batch(tail, params);
    return b.query == null || b.tail == null ? null : b;
  }

  /**
   * The round trip of {@code b} to be made on another thread, after which {@link #sent} says
   * whether it went; null when what is held is no longer what {@code b} holds.
   */
  Runnable later(Batch b) {
    if (failed != null || !held.equals(b.held)) {
      return null;
    }
    held.clear();
    int flags = recurring.keep(b.query.query, b.bound) ? 0 : QueryExecutor.QUERY_ONESHOT;
    return () -> {
      long start = System.nanoTime();
      try (SlowStatements.Watch w = watch.apply(b.held.get(0).sql())) {
        run(b.held, b.tail, b.query, b.values, flags);
      } finally {
        logSent(start, b.held.size(), b.tail);
      }
    };
  }

  /** After a round trip made {@link #later}: whether it went. */
  void sent(boolean went) {
    recurring.sent(went);
  }

  // What is held and the tail that goes with it (null when it cannot), read and bound as one
  // query; the query is null when the text sent together does not read as its parts did.
  record Batch(
      List<Held> held, String tail, CachedQuery query, ParameterList values, List<Object> bound) {}

  private Batch batch(String tail, Object... params) {
    List<Held> batch = List.copyOf(held);
    List<Object> bound = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Held h : batch) {
      text.append(SqlWords.terminated(h.sql()));
      bound.addAll(java.util.Arrays.asList(h.params()));
    }
    int expected = batch.size();
    int more = tail == null || !BoundValues.bindable(params) ? 0 : statements(tail, params.length);
    if (more > 0) {
      text.append(tail);
      bound.addAll(java.util.Arrays.asList(params));
      expected += more;
    }
    CachedQuery query = parse(text.toString());
    ParameterList values = query == null ? null : query.query.createParameterList();
    boolean whole =
        query != null
            && count(query.query) == expected
            && values.getParameterCount() == bound.size()
            && BoundValues.bind(values, bound.toArray());
    return new Batch(batch, more > 0 ? tail : null, whole ? query : null, values, bound);
  }

  private void run(
      List<Held> batch, String tail, CachedQuery query, ParameterList values, int flags) {
    Replies replies = new Replies(reading ? batch.size() : -1);
    try {
      executor.execute(query.query, values, replies, 0, 0, flags);
      if (reading) {
        read = replies.read;
      }
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
}
