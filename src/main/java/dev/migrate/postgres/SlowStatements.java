package dev.migrate.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says, while one statement runs long, that it still runs and what holds it up: a line every
 * interval ({@code still running CREATE INDEX … 30 s; blocked by pid 4121 (idle in transaction:
 * UPDATE …)}), so a deployment that waits on a lock or builds a large index is not silent for
 * minutes. Who blocks is asked on the lock's connection, which idles while the work runs.
 */
public final class SlowStatements implements AutoCloseable {
  /** A statement being watched; closing it ends the watch. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private static final int SHOWN = 70;

  private final ScheduledExecutorService timer;
  private final Connection observer;
  private final int workPid;
  private final Duration every;
  private final Consumer<String> say;

  /**
   * @param observer an idle connection to ask pg_stat_activity on
   * @param workPid the backend of the connection whose statements are watched
   */
  public SlowStatements(Connection observer, int workPid, Duration every, Consumer<String> say) {
    this.observer = observer;
    this.workPid = workPid;
    this.every = every;
    this.say = say;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "migrate-still-running");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts watching a statement that is about to run. */
  public Watch watch(String sql) {
    return watch(sql, false);
  }

  /**
   * Starts watching statements sent together, {@code first} the first of them: each report names
   * the one the server says it runs then.
   */
  public Watch watchSent(String first) {
    return watch(first, true);
  }

  private Watch watch(String sql, boolean askServer) {
    long start = System.nanoTime();
    long millis = every.toMillis();
    // Almost every statement ends long before the first report: the text is shaped only then.
    ScheduledFuture<?> task =
        timer.scheduleAtFixedRate(
            () -> report(askServer ? running(sql) : sql, start),
            millis,
            millis,
            TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  // The statement the work's backend runs, as pg_stat_activity shows it; else {@code sent}.
  private String running(String sent) {
    try (PreparedStatement statement =
        observer.prepareStatement(
            "SELECT query FROM pg_catalog.pg_stat_activity WHERE pid = ? AND state = 'active'")) {
      statement.setQueryTimeout(2);
      statement.setInt(1, workPid);
      try (ResultSet rs = statement.executeQuery()) {
        String query = rs.next() ? rs.getString(1) : null;
        return query == null || query.isBlank() ? sent : query;
      }
    } catch (SQLException e) {
      return sent; // a courtesy, as who blocks it
    }
  }

  private void report(String sql, long start) {
    String shown = shorten(Passwords.hidden(sql));
    long seconds = Math.round((System.nanoTime() - start) / 1e9);
    List<String> blockers = blockers();
    say.accept(
        "still running "
            + shown
            + " … "
            + seconds
            + " s"
            + (blockers.isEmpty() ? "" : "; blocked by " + String.join(", ", blockers)));
  }

  // Each session the work waits for: pid, state and what it runs (or last ran).
  private List<String> blockers() {
    List<String> found = new ArrayList<>();
    String sql =
        "SELECT a.pid, a.state, a.query FROM pg_catalog.pg_stat_activity a"
            + " WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(?)) ORDER BY a.pid";
    try (PreparedStatement statement = observer.prepareStatement(sql)) {
      statement.setQueryTimeout(2);
      statement.setInt(1, workPid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String query = rs.getString(3);
          found.add(
              "pid "
                  + rs.getInt(1)
                  + " ("
                  + (rs.getString(2) == null ? "?" : rs.getString(2))
                  + (query == null || query.isBlank()
                      ? ""
                      : ": " + shorten(Passwords.hidden(query)))
                  + ")");
        }
      }
    } catch (SQLException e) {
      // Who blocks is a courtesy: a failure here must not disturb the run, which goes on.
    }
    return found;
  }

  private static String shorten(String sql) {
    String line = sql.strip().replaceAll("\\s+", " ");
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN - 1) + "…";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
