package dev.migrate.postgres;

import dev.migrate.model.SqlSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text as words, the way PostgreSQL's lexer cuts it: identifiers, quoted names and string
 * literals whole, a parenthesised or bracketed group as one word, comments left out.
 */
final class SqlWords {
  private SqlWords() {}

  /**
   * The statement and the semicolon that ends it, which goes on a line of its own when the last
   * line holds a {@code --}: a comment there would swallow it.
   */
  static String terminated(String sql) {
    int lastLine = sql.lastIndexOf('\n') + 1;
    return sql + (sql.indexOf("--", lastLine) >= 0 ? "\n;" : ";");
  }

  // The comma-separated items of a parenthesised group, each as its words.
  static List<List<String>> elements(String group) {
    List<List<String>> items = new ArrayList<>();
    List<String> item = new ArrayList<>();
    for (String word : tokens(group.substring(1, group.length() - 1))) {
      if (word.equals(",")) {
        items.add(item);
        item = new ArrayList<>();
      } else {
        item.add(word);
      }
    }
    items.add(item);
    return items;
  }

  /**
   * The words of {@code text}: a parenthesised group, a quoted name, a string (with its {@code E}
   * prefix) or a dollar-quoted body is one word; a word keeps a {@code ::cast} and {@code []} glued
   * to it; comments are dropped.
   */
  static List<String> tokens(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    StringBuilder word = new StringBuilder();
    while (i < n) {
      char c = text.charAt(i);
      if (SqlSplitter.commentEnd(text, i) > i) {
        i = SqlSplitter.commentEnd(text, i);
      } else if (Character.isWhitespace(c) || c == ',') {
        flush(words, word);
        if (c == ',') {
          words.add(",");
        }
        i++;
      } else if (c == '(' || c == '[') {
        int end = closing(text, i);
        String group = text.substring(i, end);
        if (word.length() > 0 && c == '[') {
          word.append(group);
        } else {
          flush(words, word);
          words.add(group);
        }
        i = end;
      } else if (SqlSplitter.quotedEnd(text, i) > i) {
        int end = SqlSplitter.quotedEnd(text, i);
        word.append(text, i, end);
        i = end;
      } else {
        word.append(c);
        i++;
      }
    }
    flush(words, word);
    return words;
  }

  private static void flush(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  // The index after the bracket that closes the one at {@code open}.
  static int closing(String text, int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      char c = text.charAt(i);
      int quoted = SqlSplitter.quotedEnd(text, i);
      if (quoted > i) {
        i = quoted;
        continue;
      }
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  // The items of a comma list, each stripped: commas inside parentheses, brackets, strings, quoted
  // names, dollar quotes and comments do not split it.
  static List<String> topLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      int end =
          Math.max(
              dev.migrate.model.SqlSplitter.commentEnd(text, i),
              dev.migrate.model.SqlSplitter.quotedEnd(text, i));
      if (end > i) {
        i = end;
        continue;
      }
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i).strip());
        start = i + 1;
      }
      i++;
    }
    parts.add(text.substring(start).strip());
    return parts;
  }
}
