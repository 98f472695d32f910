package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;

/** The rows of an INSERT's VALUES list, as the statement writes them. */
final class ValuesList {
  private ValuesList() {}

  /**
   * The rows of a VALUES list, each split into its expressions (commas inside quotes or parentheses
   * kept).
   */
  static List<List<String>> rows(String values) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = null;
    StringBuilder item = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    String text = values.replaceFirst("(?i)^\\s*VALUES\\s*", "");
    for (char c : text.toCharArray()) {
      if (quoted) {
        item.append(c);
        quoted = c != '\'';
      } else if (c == '\'') {
        quoted = true;
        item.append(c);
      } else if (c == '(') {
        if (depth++ == 0) {
          row = new ArrayList<>();
          item.setLength(0);
        } else {
          item.append(c);
        }
      } else if (c == ')') {
        if (--depth == 0 && row != null) {
          row.add(item.toString());
          rows.add(row);
        } else {
          item.append(c);
        }
      } else if (c == ',' && depth == 1) {
        row.add(item.toString());
        item.setLength(0);
      } else if (depth > 0) {
        item.append(c);
      }
    }
    return rows;
  }
}
