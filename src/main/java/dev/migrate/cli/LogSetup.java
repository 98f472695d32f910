package dev.migrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Where and how migrate logs, set in code rather than read from a logback.xml: reading XML starts
 * an XML parser on every run, a tenth of a second of a command that otherwise takes a few.
 * Everything logged goes to stderr (reports go to stdout); {@link Logging} sets the levels of a
 * run.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Line line = new Line();
    line.setContext(context);
    line.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(line);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("dev.migrate").setLevel(Level.INFO);
    // The test servers' chatter is none of a reader's business.
    context.getLogger("org.testcontainers").setLevel(Level.OFF);
    // The embedded server library logs a failed stop from its own exit hook; ServerStopAtExit
    // stops that server after it, so the trace would only alarm.
    context.getLogger("io.zonky").setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * A line as the pattern {@code %-5level %msg%n} prints it, and the trace of an exception logged
   * with it. Written out, because a pattern is compiled by a parser that builds its whole table of
   * converters first: a twentieth of a run that does nothing.
   */
  static final class Line extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder line = new StringBuilder(80);
      String level = event.getLevel().toString();
      line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
      line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        line.append(ThrowableProxyUtil.asString(thrown));
      }
      return line.toString();
    }
  }
}
