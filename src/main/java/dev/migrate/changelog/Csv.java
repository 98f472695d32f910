package dev.migrate.changelog;

import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV reader: a separator, an optional quote character (doubled to escape), comment lines.
 */
final class Csv {
  private Csv() {}

  /** A record and the line it starts on, 1-based. */
  record Row(int line, List<String> fields) {}

  /** Every record of {@code text}, blank and comment lines left out. */
  static List<Row> parse(String text, char separator, char quote, String commentPrefix) {
    List<Row> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean lineStart = true;
    int line = 1;
    int start = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (lineStart) {
        start = line;
      }
      if (c == '\n') {
        line++;
      }
      if (lineStart && !quoted && !commentPrefix.isEmpty() && text.startsWith(commentPrefix, i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
        line += end < 0 ? 0 : 1;
        continue;
      }
      lineStart = false;
      if (quoted) {
        if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
          field.append(quote);
          i += 2;
          continue;
        }
        if (c == quote) {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (quote != 0 && c == quote) {
        quoted = true;
      } else if (c == separator) {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
          line++;
        }
        end(records, record, field, start);
        record = new ArrayList<>();
        lineStart = true;
      } else {
        field.append(c);
      }
      i++;
    }
    end(records, record, field, start);
    return records;
  }

  private static void end(List<Row> records, List<String> record, StringBuilder field, int line) {
    if (record.isEmpty() && field.toString().isBlank()) {
      field.setLength(0);
      return;
    }
    record.add(field.toString());
    field.setLength(0);
    records.add(new Row(line, List.copyOf(record)));
  }
}
