package dev.migrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets how much migrate logs to stderr: warnings by default, each statement with --debug, errors
 * only with -q.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean debug, boolean quiet) {
    Preload.logger();
    Logger migrate = (Logger) LoggerFactory.getLogger("dev.migrate");
    migrate.setLevel(quiet ? Level.ERROR : debug ? Level.DEBUG : Level.INFO);
  }
}
