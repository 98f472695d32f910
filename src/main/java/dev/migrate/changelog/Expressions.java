package dev.migrate.changelog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Liquibase's context and label expressions: words joined by {@code and}, {@code or}, {@code !} or
 * {@code not}, commas (meaning or) and parentheses, matched case-insensitively.
 */
final class Expressions {
  private final List<String> tokens;
  private final Set<String> words;
  private int next;

  private Expressions(String expression, Set<String> words) {
    this.tokens = tokenize(expression);
    this.words = words;
  }

  /** Whether {@code expression} holds when exactly {@code words} are true. */
  static boolean matches(String expression, Set<String> words) {
    if (expression == null || expression.isBlank()) {
      return true;
    }
    Set<String> lower =
        words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Expressions parser = new Expressions(expression, lower);
    return parser.or();
  }

  /** A comma-separated list of words, lower-cased. */
  static Set<String> words(String list) {
    if (list == null) {
      return Set.of();
    }
    return Arrays.stream(list.split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  private boolean or() {
    boolean value = and();
    while (peek("or") || peek(",")) {
      next++;
      value |= and();
    }
    return value;
  }

  private boolean and() {
    boolean value = not();
    while (peek("and")) {
      next++;
      value &= not();
    }
    return value;
  }

  private boolean not() {
    if (peek("!") || peek("not")) {
      next++;
      return !not();
    }
    if (peek("(")) {
      next++;
      boolean value = or();
      if (peek(")")) {
        next++;
      }
      return value;
    }
    String word = next < tokens.size() ? tokens.get(next++) : "";
    return words.contains(word);
  }

  private boolean peek(String token) {
    return next < tokens.size() && tokens.get(next).equals(token);
  }

  private static List<String> tokenize(String expression) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char c : expression.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '(' || c == ')' || c == '!' || c == ',' || Character.isWhitespace(c)) {
        if (word.length() > 0) {
          tokens.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          tokens.add(String.valueOf(c));
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }
}
