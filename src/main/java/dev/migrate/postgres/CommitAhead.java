package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * A changeset's last round trip (its held statements, its revision row, the lock's proof and the
 * COMMIT) made on a thread of its own, so that the next changeset is decided from the catalog
 * snapshot while the server runs this one: on a fresh database the client's work between two
 * commits left the server idle a fifth of the run (docs/benchmarks.md).
 *
 * <p>Nothing else is sent on the connection until the reply is read ({@link #settle}); what is
 * decided meanwhile is only held. The changeset counts as applied only once the reply says it
 * committed: then its {@code committed} runs. When it failed, the failure is made the changeset's
 * by its {@code failed}, what was held since is rolled back, and every statement after throws that
 * failure until the changeset that ran into it takes it ({@link #failure}): a caller that sets a
 * failure aside cannot go on past it.
 */
final class CommitAhead {
  // Daemons, so that they never keep the JVM alive; as many as connections with a commit ahead at
  // once (an application or a test may run migrations side by side in one JVM, and one run's
  // commit may wait for another's lock), each let go after a minute unused.
  private static final ExecutorService SENDER =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "migrate-commit");
            t.setDaemon(true);
            return t;
          });

  /** What the sender of a commit does with its outcome, once it is read. */
  record Outcome(UnaryOperator<MigrateException> failed, Runnable committed) {}

  private final Jdbc jdbc;
  private Outcome armed; // for the next commit, inside Jdbc#commitAhead
  private Future<?> reply; // the round trip on its way; null when none
  private Outcome outcome;
  private MigrateException failed;

  CommitAhead(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void arm(Outcome next, Runnable commit) {
    armed = next;
    try {
      commit.run();
    } finally {
      armed = null;
    }
  }

  /** What the commit being made may be sent ahead with; null when it is to wait for its reply. */
  Outcome armed() {
    Outcome next = armed;
    armed = null;
    return next;
  }

  boolean pending() {
    return reply != null;
  }

  void send(Runnable trip, Outcome sent) {
    outcome = sent;
    reply = SENDER.submit(trip);
  }

  /** Reads the reply; throws the failure it had (again, until it is taken). */
  void settle() {
    if (failed != null) {
      throw failed;
    }
    if (reply == null) {
      return;
    }
    MigrateException failure = await(reply);
    Outcome sent = outcome;
    reply = null;
    outcome = null;
    jdbc.pipeline.sent(failure == null);
    if (failure == null) {
      try {
        jdbc.connection.setAutoCommit(!jdbc.transaction); // begun meanwhile: the BEGIN goes next
      } catch (SQLException e) {
        throw SqlFailure.of("BEGIN", e);
      }
      sent.committed().run();
      return;
    }
    jdbc.rollback();
    failed = sent.failed().apply(failure);
    throw failed;
  }

  /** The failure a commit sent ahead had, once; null when none. */
  MigrateException failure() {
    MigrateException failure = failed;
    failed = null;
    return failure;
  }

  private static MigrateException await(Future<?> reply) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          reply.get();
          return null;
        } catch (InterruptedException e) {
          interrupted = true; // the reply comes anyway; the connection is not left mid-way
        } catch (ExecutionException e) {
          return e.getCause() instanceof MigrateException m
              ? m
              : new MigrateException(
                  MigrateException.FAILED, "the commit failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
