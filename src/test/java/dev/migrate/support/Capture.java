package dev.migrate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * One in-process run with everything it could print gathered: the command's stdout and stderr,
 * whatever reached {@code System.out} and {@code System.err}, and every log event with its
 * exception chain, at any level.
 */
public final class Capture {
  private Capture() {}

  /** What a run printed and logged, all of it as one text, and the exit code. */
  public record Run(int code, String everything) {}

  public static Run run(Path dir, Map<String, String> env, String... args) {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    root.addAppender(events);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    Cli.Result result;
    try {
      Cli cli = new Cli().in(dir);
      env.forEach(cli::env);
      result = cli.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.detachAppender(events);
      events.stop();
    }
    StringBuilder text = new StringBuilder(result.toString());
    text.append("--- console\n")
        .append(console.toString(StandardCharsets.UTF_8))
        .append("--- log events\n");
    for (ILoggingEvent event : events.list) {
      text.append(event.getLevel())
          .append(' ')
          .append(event.getLoggerName())
          .append(' ')
          .append(event.getFormattedMessage())
          .append('\n');
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    return new Run(result.code(), text.toString());
  }
}
