package dev.migrate.postgres;

import dev.migrate.model.SqlSplitter;

/**
 * What the JDBC driver sends for a statement's text. A changelog's SQL reaches the server through
 * it, under Liquibase as under {@code upgrade}, and the driver reads {@code ??} outside strings,
 * quoted names, dollar quotes and comments as one {@code ?} (the escape that lets a statement use
 * PostgreSQL's {@code ?} operators where {@code ?} marks a parameter): so a changelog writes {@code
 * details ?? 'key'}. The {@code --sql} script, which psql sends as it is, writes what the driver
 * would have sent.
 */
final class JdbcText {
  private JdbcText() {}

  /** The text the driver sends for {@code sql}. */
  static String sent(String sql) {
    if (!sql.contains("??")) {
      return sql; // most statements: nothing to read again
    }
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int end = Math.max(SqlSplitter.commentEnd(sql, i), SqlSplitter.quotedEnd(sql, i));
      if (end > i) {
        out.append(sql, i, end);
        i = end;
      } else if (sql.startsWith("??", i)) {
        out.append('?');
        i += 2;
      } else {
        out.append(sql.charAt(i++));
      }
    }
    return out.toString();
  }
}
