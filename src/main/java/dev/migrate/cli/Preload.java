package dev.migrate.cli;

import dev.migrate.model.Background;
import java.lang.reflect.Field;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.GregorianCalendar;
import java.util.List;

/**
 * Readies, on a second core, what a command that connects will use once picocli has read its
 * arguments on the first: the commands' annotations, the driver, with the locale data it reads as
 * it connects, and the time zone. A tenth of a second of a short run is picocli building its model
 * from the annotations, all on one thread; this work would otherwise follow it.
 *
 * <p>Only class initialisation and the JDK's own caches are touched, and each waits for the other
 * thread where both meet, so what a command sees is the same whether this ran, is running, or never
 * started. Not the logger: SLF4J hands a thread that asks while another sets it up a stand-in. A
 * failure here is left for the command to meet, and report, where it always would.
 */
final class Preload {
  private Preload() {}

  // Its failure is nobody's to join: the command meets the same, on its own thread, and says
  // what it is.
  static void start() {
    Background.start(
        "migrate-preload",
        () -> {
          // picocli reads the commands' annotations, and the JDK makes a proxy class for each kind
          // of annotation the first time one is read: read here, they are made while picocli sets
          // itself up on the first core.
          for (Class<?> command :
              List.of(MigrateCommand.class, GlobalOptions.class, Subcommand.class)) {
            command.getAnnotations();
            for (Field field : command.getDeclaredFields()) {
              field.getAnnotations();
            }
          }
          Class.forName("org.postgresql.Driver", true, Preload.class.getClassLoader());
          // The driver formats numbers and builds a calendar as it connects: the first of each
          // reads the locale's data.
          NumberFormat.getInstance();
          new GregorianCalendar();
          // logback, as it starts, makes a formatter of times in the system's zone: the first
          // zone asked for reads the JDK's time-zone database.
          return ZoneId.systemDefault();
        });
  }
}
