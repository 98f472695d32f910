package dev.migrate.model;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Work started on a thread of its own, for a value the command asks for later: a read of the
 * catalog, an index, a check of the cache's inputs. The thread is a daemon, so an exit does not
 * wait for work nobody asked for; whoever asks meets the work's failure in {@code join}, as a
 * {@link java.util.concurrent.CompletionException}.
 */
public final class Background {
  private Background() {}

  public static <T> CompletableFuture<T> start(String name, Callable<T> work) {
    CompletableFuture<T> value = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                value.complete(work.call());
              } catch (Throwable e) {
                value.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return value;
  }
}
