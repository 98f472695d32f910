package dev.migrate.engine;

import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a run does when it is told to stop (SIGINT from Ctrl-C, SIGTERM from a CI runner or a
 * container): the changeset in flight is rolled back, or, when it runs outside a transaction, its
 * current statement is let finish; nothing more starts; the connections close, which releases the
 * lock; and one line says what was applied and what was not. The JVM then exits with 130 or 143.
 */
final class Interruption implements AutoCloseable {
  // How long the stop waits for the run to roll back and close before the JVM halts anyway.
  private static final long GRACE_SECONDS = 30;

  private final PrintWriter err;
  private final String verb;
  private final Thread hook = new Thread(this::stop, "migrate-stop");
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean requested;
  private volatile Session session;
  private volatile Changeset inFlight;
  // Begun while the commit of inFlight was on its way (ChangesetRunner#apply): it comes next.
  private volatile Changeset next;
  private volatile Changeset last;
  private volatile int done;

  /** Starts listening for a stop; {@code verb} is what the run does ("applied", "undone"). */
  Interruption(PrintWriter err, String verb) {
    this.err = err;
    this.verb = verb;
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The stop came before the run began (while it connected, or while an embedded server
      // started and held the JVM on its way out): nothing may start now.
      throw MigrateException.failed(
          "interrupted: 0 changesets " + verb + "; the run had not begun");
    }
  }

  void attach(Session session) {
    this.session = session;
  }

  /** Whether a stop was asked for: no further changeset may start. */
  boolean requested() {
    return requested;
  }

  void starting(Changeset changeset) {
    if (inFlight == null) {
      inFlight = changeset;
    } else {
      next = changeset;
    }
  }

  void finished(Changeset changeset, boolean counted) {
    if (changeset == inFlight) {
      inFlight = next;
      next = null;
    } else if (changeset == next) {
      next = null;
    }
    if (counted) {
      last = changeset;
      done++;
    }
  }

  private void stop() {
    requested = true;
    Changeset current = inFlight;
    Session open = session;
    if (current != null && current.runInTransaction() && open != null) {
      // The statement in flight is cancelled; the changeset's transaction then rolls back.
      open.cancel();
    }
    try {
      finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StringBuilder line =
        new StringBuilder("interrupted: ")
            .append(done)
            .append(" changeset")
            .append(done == 1 ? "" : "s")
            .append(' ')
            .append(verb);
    if (last != null) {
      line.append(" (last ").append(last.id()).append(')');
    }
    if (current != null) {
      line.append(
          current.runInTransaction()
              ? "; " + current.id() + " was rolled back, nothing of it recorded"
              : "; "
                  + current.id()
                  + " runs outside a transaction: its statement in flight was let finish, the changeset is not recorded, and its guards make the rerun safe");
    }
    line.append("; the lock is released");
    err.println(line);
    err.flush();
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running and waits for the count-down above.
    }
  }
}
