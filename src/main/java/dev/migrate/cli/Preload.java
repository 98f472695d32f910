package dev.migrate.cli;

import dev.migrate.model.Background;
import java.lang.reflect.Field;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Readies, on a second core, what a command will use once picocli has read its arguments on the
 * first, in the order it asks: the commands' annotations, the logger, then the driver with the
 * locale data it reads as it connects. A tenth of a second of a short run is picocli building its
 * model from the annotations, all on one thread; this work would otherwise follow it.
 *
 * <p>Only class initialisation and the JDK's and the logger's own set-up are touched, and each
 * waits for the other thread where both meet, so what a command sees is the same whether this ran,
 * is running, or never started. The one exception is the logger: SLF4J hands a thread that asks
 * while another sets it up a stand-in, so {@link Logging} waits for {@link #logger} before it asks.
 * A failure here is left for the command to meet, and report, where it always would.
 */
final class Preload {
  private Preload() {}

  private static volatile CompletableFuture<Void> logger;

  // Its failure is nobody's to join: the command meets the same, on its own thread, and says
  // what it is.
  static void start() {
    CompletableFuture<Void> set = new CompletableFuture<>();
    logger = set;
    Background.start(
        "migrate-preload",
        () -> {
          try {
            // picocli reads the commands' annotations, and the JDK makes a proxy class for each
            // kind of annotation the first time one is read: read here, they are made while
            // picocli sets itself up on the first core.
            for (Class<?> command :
                List.of(MigrateCommand.class, GlobalOptions.class, Subcommand.class)) {
              command.getAnnotations();
              for (Field field : command.getDeclaredFields()) {
                field.getAnnotations();
              }
            }
            // logback, as it starts, makes a formatter of times in the system's zone: the first
            // zone asked for reads the JDK's time-zone database.
            ZoneId.systemDefault();
            LoggerFactory.getILoggerFactory();
          } finally {
            set.complete(null);
          }
          Class.forName("org.postgresql.Driver", true, Preload.class.getClassLoader());
          // The driver formats numbers and builds a calendar as it connects: the first of each
          // reads the locale's data.
          NumberFormat.getInstance();
          return new GregorianCalendar();
        });
  }

  /** Waits until the logger is set up where this started it; at once where it never started. */
  static void logger() {
    CompletableFuture<Void> set = logger;
    if (set != null) {
      set.join();
    }
  }
}
