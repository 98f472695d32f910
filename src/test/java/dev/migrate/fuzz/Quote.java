package dev.migrate.fuzz;

/** Writes any string as a literal of YAML, JSON, XML or a PostgreSQL identifier. */
final class Quote {
  private Quote() {}

  /** A YAML double-quoted scalar; every character outside printable ASCII escaped. */
  static String yaml(String text) {
    StringBuilder b = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    b.append(String.format("\\x%02x", c));
                  } else {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  static String json(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** An XML attribute value with its quotes. */
  static String xml(String text) {
    return "\"" + xmlText(text).replace("\"", "&quot;") + "\"";
  }

  static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A PostgreSQL quoted identifier. */
  static String sql(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
