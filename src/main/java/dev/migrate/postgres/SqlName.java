package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A possibly schema-qualified name in raw SQL, as PostgreSQL reads it: unquoted parts fold to lower
 * case.
 */
record SqlName(String schema, String name) {
  /** A name as raw SQL writes it: quoted or bare, with an optional schema. */
  static final String PATTERN = "((?:\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?)";

  @Override
  public String toString() {
    return PgNames.qualified(schema, name);
  }

  /** The name {@code text} writes; without a schema, in {@code defaultSchema}. */
  static SqlName of(String text, String defaultSchema) {
    List<String> parts = new ArrayList<>();
    Matcher part = PART.matcher(text);
    while (part.find()) {
      parts.add(
          part.group(1) != null
              ? part.group(1).replace("\"\"", "\"")
              : part.group(2).toLowerCase(Locale.ROOT));
    }
    return parts.size() == 2
        ? new SqlName(parts.get(0), parts.get(1))
        : new SqlName(defaultSchema, parts.get(0));
  }

  /** The statement without the comments before its first word. */
  static String withoutLeadingComments(String statement) {
    String code = statement.strip();
    while (code.startsWith("--") || code.startsWith("/*")) {
      int end = code.startsWith("--") ? code.indexOf('\n') : code.indexOf("*/") + 1;
      if (end <= 0) {
        return "";
      }
      code = code.substring(end + 1).strip();
    }
    return code;
  }

  /** The labels of a list of quoted strings ('a', 'b''c'), unquoted. */
  static List<String> labels(String list) {
    List<String> labels = new ArrayList<>();
    Matcher m = LABEL.matcher(list);
    while (m.find()) {
      labels.add(m.group(1).replace("''", "'"));
    }
    return labels;
  }

  private static final Pattern PART = Pattern.compile("\"((?:[^\"]++|\"\")+)\"|([\\w$]+)");
  private static final Pattern LABEL = Pattern.compile("'((?:[^']++|'')*)'");
}
