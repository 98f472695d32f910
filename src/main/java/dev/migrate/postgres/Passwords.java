package dev.migrate.postgres;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in SQL text before it is printed or logged. A changelog may set a role's password
 * ({@code CREATE ROLE app PASSWORD '${app.password}'}) from a property the CI passes in; the
 * statement runs as written, but its error message and its log line show {@code '***'}.
 */
public final class Passwords {
  // PASSWORD 'x', PASSWORD E'x', PASSWORD $$x$$ (roles, user mappings' OPTIONS), and password=x in
  // a connection string (dblink, postgres_fdw).
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)\\b(password\\s+)(?:E?'(?:[^']++|'')*'|(\\$[A-Za-z_0-9]*\\$)(?s:.*?)\\2)|\\b(password\\s*=\\s*)[^\\s']+");

  private Passwords() {}

  /** The text with every password written in it replaced by {@code ***}. */
  public static String hidden(String sql) {
    if (sql == null || !sql.toLowerCase(Locale.ROOT).contains("password")) {
      return sql;
    }
    Matcher m = SECRET.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(m.group(1) != null ? m.group(1) + "'***'" : m.group(3) + "***"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
