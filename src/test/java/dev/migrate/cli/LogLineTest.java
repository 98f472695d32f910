package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * migrate's log line is the one the pattern {@code %-5level %msg%n} prints, written out: every
 * level, messages with arguments, and an exception's trace after the line.
 */
class LogLineTest {
  @Test
  void printsWhatThePatternPrints() {
    LoggerContext context = new LoggerContext();
    Logger logger = context.getLogger("dev.migrate.test");
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern("%-5level %msg%n");
    pattern.start();
    LogSetup.Line line = new LogSetup.Line();
    line.setContext(context);
    line.start();
    List<Object[]> arguments =
        List.of(new Object[0], new Object[] {"a"}, new Object[] {1, "two", null});
    List<String> messages = List.of("", "plain", "{} ms: {}", "100% {} {}", "line\nbreak {}");
    List<Throwable> thrown =
        List.of(
            new IllegalStateException("broken"),
            new RuntimeException("outer", new java.sql.SQLException("inner", "08006")));
    for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
      for (String message : messages) {
        for (Object[] args : arguments) {
          LoggingEvent event = new LoggingEvent("test", logger, level, message, null, args);
          assertEquals(pattern.doLayout(event), line.doLayout(event), level + " " + message);
        }
        for (Throwable t : thrown) {
          LoggingEvent event = new LoggingEvent("test", logger, level, message, t, null);
          assertEquals(pattern.doLayout(event), line.doLayout(event), level + " " + message);
        }
      }
    }
  }
}
