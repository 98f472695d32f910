package dev.migrate.fuzz;

import dev.migrate.support.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person must see when a changelog is bad: one {@code error:} line naming file:line and a
 * sentence to act on, and nothing of Java's insides (stack frames, exception class names, "internal
 * error").
 */
final class OutputRules {
  private static final Pattern FRAME =
      Pattern.compile("(?m)^\\s*at (dev|java|javax|jdk|sun|org|com|picocli)\\.[\\w$.]+\\(");
  private static final Pattern JAVA_CLASS =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|org|com|dev)\\.[a-z]+(?:\\.[\\w$]+)+|\\b[A-Z]\\w*(?:Exception|Error)\\b");
  private static final Pattern LOCATED = Pattern.compile("^error: (.+?):(\\d+)(?::\\d+)?: (.+)$");
  // Messages that come straight from a library and tell a person nothing.
  private static final Pattern RAW =
      Pattern.compile(
          "(?i).*(\\bnull\\b$|input length = \\d|for input string|index -?\\d+ out of bounds"
              + "|cannot invoke|cannot be cast|unexpected end of file from server|^\\s*$).*");

  private OutputRules() {}

  /**
   * Problems of any run: stack traces and Java names anywhere in what it printed on stderr (a name
   * the input itself holds, such as a YAML tag {@code !!java.net.URL}, may be quoted back).
   */
  static List<String> clean(Cli.Result result, FuzzCase input) {
    List<String> problems = new ArrayList<>();
    if (FRAME.matcher(result.out()).find() || FRAME.matcher(result.err()).find()) {
      problems.add("a Java stack trace was printed");
    }
    if (result.out().contains("internal error") || result.err().contains("internal error")) {
      problems.add("'internal error' was printed");
    }
    Matcher m = JAVA_CLASS.matcher(result.err());
    while (m.find()) {
      String name = m.group();
      if (input.files().values().stream()
          .noneMatch(f -> new String(f, java.nio.charset.StandardCharsets.UTF_8).contains(name))) {
        problems.add("stderr names a Java class or exception: " + name);
        break;
      }
    }
    return problems;
  }

  /** Problems of a refusal (exit 2): the error line, its location and its sentence. */
  static List<String> refusal(Cli.Result result, FuzzCase input) {
    List<String> problems = new ArrayList<>(clean(result, input));
    String line =
        result.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(null);
    if (line == null) {
      problems.add("no 'error: ' line on stderr");
      return problems;
    }
    Matcher m = LOCATED.matcher(line);
    String sentence;
    if (m.matches()) {
      sentence = m.group(3);
      String file = m.group(1);
      if (input.files().keySet().stream().noneMatch(f -> file.endsWith(f) || f.endsWith(file))) {
        problems.add(
            "the error names "
                + file
                + ", which is none of the input's files "
                + input.files().keySet());
      }
    } else {
      sentence = line.substring("error: ".length());
      if (input.located()) {
        problems.add("the error names no file:line");
      }
    }
    if (RAW.matcher(sentence).matches() || sentence.split("\\s+").length < 3) {
      problems.add("the error is no sentence a person can act on: " + sentence);
    }
    return problems;
  }
}
