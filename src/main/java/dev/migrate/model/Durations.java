package dev.migrate.model;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a duration is written, on the command line and in a changeset: a whole number with
 * {@code ms}, {@code s}, {@code min} or {@code m} (minutes), or {@code h}. A bare number takes the
 * unit its place gives it: seconds on the command line, milliseconds in a changeset (as PostgreSQL
 * reads {@code lock_timeout}).
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|min|m|h)?\\s*");

  private Durations() {}

  /** The duration {@code text} writes, or null when it is not one. */
  public static Duration parse(String text, ChronoUnit bare) {
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2) == null
        ? Duration.of(n, bare)
        : switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
  }
}
