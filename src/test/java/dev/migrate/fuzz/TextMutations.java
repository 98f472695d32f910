package dev.migrate.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of one changelog file's text that keep it readable as text but break it: cuts, shifted or
 * swapped lines, values of the wrong type, unknown keys and change types, copied changesets,
 * foreign bytes, huge values and hostile names. Each returns null when the file gives it nothing to
 * work on.
 */
final class TextMutations {
  private static final Pattern YAML_SCALAR =
      Pattern.compile("(?m)^(\\s*(?:- )?)([A-Za-z_]+):[ \\t]+(\\S.*)$");
  private static final Pattern JSON_SCALAR =
      Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|-?\\d+)");
  private static final Pattern XML_ATTRIBUTE = Pattern.compile("\\s([A-Za-z_]+)=\"([^\"]*)\"");
  private static final Pattern XML_START = Pattern.compile("<([A-Za-z][\\w:]*)(\\s|/?>)");
  private static final Pattern NAME_KEY =
      Pattern.compile(
          "(tableName|columnName|indexName|schemaName|constraintName|typeName|sequenceName|viewName|name)");
  private static final Pattern CHANGE_TYPE =
      Pattern.compile(
          "\\b(createTable|createIndex|addColumn|sql|sqlFile|createEnumType"
              + "|addForeignKeyConstraint|addPrimaryKey|addUniqueConstraint|dropTable|renameColumn|createSequence|createView"
              + "|addNotNullConstraint|dropColumn|insert|update|delete|loadData|createProcedure|modifyDataType|addDefaultValue)\\b");
  private static final String[] WRONG_VALUES = {
    "[a, b]",
    "{x: 1}",
    "123",
    "true",
    "null",
    "\"\"",
    "~",
    "-1",
    "1.5e300",
    "0x1F",
    "[]",
    "{}",
    "- nested",
    "|\n  block"
  };
  private static final String[] WRONG_JSON = {
    "[1, 2]", "{\"x\": 1}", "null", "123", "\"abc\"", "true", "[]", "{}", "-1e999"
  };
  private static final String[] WRONG_ATTRIBUTES = {
    "maybe", "-1", "", "abc", "1e999", "${undefined}", "  ", "99999999999999999999"
  };
  private static final String[] MISSPELT = {
    "createTabel",
    "frobnicate",
    "CreateTable",
    "create_table",
    "dropEverything",
    "sqlx",
    "createtable",
    "ALTER"
  };

  private TextMutations() {}

  static byte[] truncate(byte[] file, Random random) {
    return Arrays.copyOf(file, file.length == 0 ? 0 : random.nextInt(file.length));
  }

  static byte[] lines(byte[] file, Random random) {
    List<String> lines = new ArrayList<>(text(file).lines().toList());
    if (lines.size() < 2) {
      return null;
    }
    int i = random.nextInt(lines.size());
    int j = random.nextInt(lines.size());
    switch (random.nextInt(5)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(j, lines.get(i));
      case 2 -> {
        String line = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }
      case 3 -> lines.set(i, " ".repeat(1 + random.nextInt(4)) + lines.get(i));
      default -> lines.set(i, lines.get(i).stripLeading());
    }
    return bytes(String.join("\n", lines) + "\n");
  }

  /** A scalar replaced with a list, a map, a number, a boolean, null or nothing. */
  static byte[] wrongType(byte[] file, String name, Random random) {
    String text = text(file);
    if (name.endsWith(".json")) {
      return replaceGroup(
          text, JSON_SCALAR, 2, random, m -> WRONG_JSON[random.nextInt(WRONG_JSON.length)]);
    }
    if (name.endsWith(".xml")) {
      return replaceGroup(
          text,
          XML_ATTRIBUTE,
          2,
          random,
          m -> WRONG_ATTRIBUTES[random.nextInt(WRONG_ATTRIBUTES.length)]);
    }
    if (name.endsWith(".sql")) {
      return replaceFirstLine(
          text,
          "(?m)^--changeset .*$",
          random,
          line ->
              line
                  + " runInTransaction:"
                  + WRONG_ATTRIBUTES[random.nextInt(WRONG_ATTRIBUTES.length)]);
    }
    return replaceGroup(
        text, YAML_SCALAR, 3, random, m -> WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]);
  }

  static byte[] unknownKey(byte[] file, String name, Random random) {
    String text = text(file);
    String key = "bogusKey" + random.nextInt(100);
    if (name.endsWith(".json")) {
      return replaceGroup(
          text, Pattern.compile("(\\{)\\s*\""), 1, random, m -> "{\"" + key + "\": 1, ");
    }
    if (name.endsWith(".xml")) {
      return random.nextBoolean()
          ? replaceGroup(text, XML_START, 2, random, m -> " " + key + "=\"1\"" + m.group(2))
          : replaceGroup(
              text, Pattern.compile("(>)\\s*\\n\\s*<[A-Za-z]"), 1, random, m -> "><" + key + "/>");
    }
    if (name.endsWith(".sql")) {
      return replaceFirstLine(
          text, "(?m)^--changeset .*$", random, line -> line + " " + key + ":true");
    }
    Matcher m = YAML_SCALAR.matcher(text);
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new int[] {m.end(), m.group(1).length()});
    }
    if (hits.isEmpty()) {
      return null;
    }
    int[] hit = hits.get(random.nextInt(hits.size()));
    return bytes(
        text.substring(0, hit[0])
            + "\n"
            + " ".repeat(hit[1])
            + key
            + ": 1"
            + text.substring(hit[0]));
  }

  static byte[] unknownChangeType(byte[] file, String name, Random random) {
    String text = text(file);
    if (name.endsWith(".sql")) {
      return replaceFirstLine(
          text, "(?m)^--changeset .*$", random, line -> line.replace("--changeset", "--changset"));
    }
    return replaceGroup(
        text, CHANGE_TYPE, 1, random, m -> MISSPELT[random.nextInt(MISSPELT.length)]);
  }

  /** A whole changeset written twice, or one changeset's id given to another. */
  static byte[] duplicateChangeset(byte[] file, String name, Random random) {
    String text = text(file);
    Pattern block =
        name.endsWith(".xml")
            ? Pattern.compile("(?s)[ \\t]*<changeSet\\b.*?</changeSet>\\s*\\n")
            : name.endsWith(".sql")
                ? Pattern.compile("(?s)--changeset .*?(?=--changeset |\\z)")
                : name.endsWith(".json")
                    ? null
                    : Pattern.compile(
                        "(?m)^([ \\t]*)- changeSet:\\n(?:\\1[ \\t]+.*\\n|[ \\t]*\\n)*");
    if (block == null) {
      return null;
    }
    List<Span> hits = all(block.matcher(text));
    if (hits.isEmpty()) {
      return null;
    }
    Span hit = hits.get(random.nextInt(hits.size()));
    String copy = text.substring(hit.start, hit.end);
    if (!copy.endsWith("\n")) {
      copy = "\n" + copy; // the last block of a file without a final newline
    }
    return bytes(text.substring(0, hit.end) + copy + text.substring(hit.end));
  }

  static byte[] foreignBytes(byte[] file, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> {
        byte[] out = new byte[file.length + 1];
        int at = file.length == 0 ? 0 : random.nextInt(file.length);
        System.arraycopy(file, 0, out, 0, at);
        out[at] = (byte) (0x80 + random.nextInt(0x80));
        System.arraycopy(file, at, out, at + 1, file.length - at);
        return out;
      }
      case 1 -> {
        return (text(file).replaceFirst("(?m)(\\w)$", "$1é")).getBytes(StandardCharsets.ISO_8859_1);
      }
      case 2 -> {
        byte[] utf16 = text(file).getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[utf16.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, out, 2, utf16.length);
        return out;
      }
      default -> {
        byte[] out = file.clone();
        if (out.length == 0) {
          return new byte[] {(byte) 0xC0, (byte) 0x80};
        }
        out[random.nextInt(out.length)] = (byte) (0x80 | random.nextInt(0x80));
        return out;
      }
    }
  }

  /** A scalar replaced by a very long one (or a very deep nesting). */
  static byte[] hugeValue(byte[] file, String name, Random random) {
    String text = text(file);
    int size =
        random.nextInt(3) == 0
            ? 1_000_000 + random.nextInt(1_000_000)
            : 1000 + random.nextInt(100_000);
    String huge = random.nextInt(4) == 0 ? "9".repeat(size) : "x".repeat(size);
    if (random.nextInt(5) == 0) {
      String deep = "[".repeat(5000) + "]".repeat(5000);
      return name.endsWith(".xml") || name.endsWith(".sql")
          ? bytes(
              text.replaceFirst(
                  "(?s)(\\n)", "\n" + deep.replace("[", "<a>").replace("]", "</a>") + "\n"))
          : replaceGroup(
              text,
              name.endsWith(".json") ? JSON_SCALAR : YAML_SCALAR,
              name.endsWith(".json") ? 2 : 3,
              random,
              m -> deep);
    }
    if (name.endsWith(".json")) {
      return replaceGroup(text, JSON_SCALAR, 2, random, m -> "\"" + huge + "\"");
    }
    if (name.endsWith(".xml")) {
      return replaceGroup(text, XML_ATTRIBUTE, 2, random, m -> huge);
    }
    if (name.endsWith(".sql")) {
      return replaceFirstLine(
          text, "(?m)^--changeset .*$", random, line -> "--changeset fuzz:" + huge);
    }
    return replaceGroup(text, YAML_SCALAR, 3, random, m -> huge);
  }

  /**
   * The value of a name key (tableName, columnName…) replaced with a hostile name, quoted for the
   * format.
   */
  static byte[] hostileName(byte[] file, String name, String hostile) {
    String text = text(file);
    Random random = new Random(hostile.hashCode() ^ text.length());
    if (name.endsWith(".json")) {
      Pattern p =
          Pattern.compile("\"" + NAME_KEY.pattern() + "\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");
      return replaceGroup(text, p, 2, random, m -> Quote.json(hostile));
    }
    if (name.endsWith(".xml")) {
      Pattern p = Pattern.compile("\\s" + NAME_KEY.pattern() + "=(\"[^\"]*\")");
      return replaceGroup(text, p, 2, random, m -> Quote.xml(hostile));
    }
    if (name.endsWith(".sql")) {
      return null;
    }
    Pattern p = Pattern.compile("(?m)^\\s*(?:- )?" + NAME_KEY.pattern() + ":[ \\t]+(\\S.*)$");
    return replaceGroup(text, p, 2, random, m -> Quote.yaml(hostile));
  }

  private record Span(int start, int end) {}

  private static List<Span> all(Matcher m) {
    List<Span> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new Span(m.start(), m.end()));
    }
    return hits;
  }

  private static byte[] replaceGroup(
      String text,
      Pattern pattern,
      int group,
      Random random,
      java.util.function.Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(text);
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      if (m.group(group) != null) {
        hits.add(new int[] {m.start(), m.start(group), m.end(group)});
      }
    }
    if (hits.isEmpty()) {
      return null;
    }
    int[] hit = hits.get(random.nextInt(hits.size()));
    Matcher at = pattern.matcher(text);
    at.find(hit[0]);
    return bytes(text.substring(0, hit[1]) + replacement.apply(at) + text.substring(hit[2]));
  }

  private static byte[] replaceFirstLine(
      String text, String regex, Random random, java.util.function.UnaryOperator<String> edit) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new int[] {m.start(), m.end()});
    }
    if (hits.isEmpty()) {
      return null;
    }
    int[] hit = hits.get(random.nextInt(hits.size()));
    return bytes(
        text.substring(0, hit[0])
            + edit.apply(text.substring(hit[0], hit[1]))
            + text.substring(hit[1]));
  }

  static String text(byte[] file) {
    return new String(file, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
