package dev.migrate.liquibase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.liquibase.ChangeCases.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A case written as a one-changeset changelog in YAML, JSON or XML, with the files its changes read
 * beside it.
 */
final class ChangeTexts {
  private ChangeTexts() {}

  enum Format {
    YAML,
    JSON,
    XML
  }

  // Attributes XML writes as text: the element's body, or (where) a child element; and the message
  // of output and stop, which their schema has only as the body.
  private static final Set<String> BODY = Set.of("sql", "procedureText", "selectQuery");

  /** Writes the changelog and its files below {@code root}; returns the changelog's path there. */
  static String write(Case c, Format format, Path root) {
    String name = "changelog." + format.name().toLowerCase(java.util.Locale.ROOT);
    try {
      Files.createDirectories(root.resolve("db"));
      Files.writeString(root.resolve("db/x.sql"), "SELECT 1;\n");
      Files.writeString(root.resolve("db/data.csv"), "c1\n1\n");
      Files.writeString(root.resolve(name), text(c, format));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return name;
  }

  static String text(Case c, Format format) {
    return switch (format) {
      case YAML -> yaml(tree(c));
      case JSON -> json(tree(c));
      case XML -> xml(c);
    };
  }

  private static Map<String, Object> tree(Case c) {
    Object body = c.attributes();
    if (c.oneKeyMaps()) {
      List<Map<String, Object>> entries = new ArrayList<>();
      c.attributes().forEach((k, v) -> entries.add(Map.of(k, v)));
      body = entries;
    }
    Map<String, Object> changeSet = new LinkedHashMap<>();
    changeSet.putAll(c.changeSet());
    changeSet.put("changes", List.of(Map.of(c.type(), body)));
    return Map.of("databaseChangeLog", List.of(Map.of("changeSet", changeSet)));
  }

  private static String yaml(Map<String, Object> tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(tree);
  }

  private static String json(Map<String, Object> tree) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String xml(Case c) {
    StringBuilder element = new StringBuilder("    <").append(c.type());
    StringBuilder inside = new StringBuilder();
    for (Map.Entry<String, Object> a : c.attributes().entrySet()) {
      Object value = a.getValue();
      if (value instanceof List<?> columns) {
        for (Object item : columns) {
          inside.append("      <column");
          Map<?, ?> constraints = null;
          for (Map.Entry<?, ?> e : ((Map<?, ?>) ((Map<?, ?>) item).get("column")).entrySet()) {
            if (e.getValue() instanceof Map<?, ?> nested) {
              constraints = nested;
            } else {
              inside.append(' ').append(e.getKey()).append("=\"").append(escaped(e.getValue()));
              inside.append('"');
            }
          }
          if (constraints == null) {
            inside.append("/>\n");
          } else {
            inside.append("><constraints");
            constraints.forEach(
                (k, v) ->
                    inside.append(' ').append(k).append("=\"").append(escaped(v)).append('"'));
            inside.append("/></column>\n");
          }
        }
      } else if (a.getKey().equals("where")) {
        inside.append("      <where>").append(escaped(value)).append("</where>\n");
      } else if (BODY.contains(a.getKey())
          || a.getKey().equals("message") && Set.of("output", "stop").contains(c.type())) {
        inside.append(escaped(value));
      } else {
        element.append(' ').append(a.getKey()).append("=\"").append(escaped(value)).append('"');
      }
    }
    element.append(inside.isEmpty() ? "/>\n" : ">\n" + inside + "\n    </" + c.type() + ">\n");
    return ParserExamples.xml(
        "", "  <changeSet" + attributes(c.changeSet()) + ">\n" + element + "  </changeSet>\n");
  }

  private static String attributes(Map<String, Object> attributes) {
    StringBuilder text = new StringBuilder();
    attributes.forEach(
        (k, v) -> text.append(' ').append(k).append("=\"").append(escaped(v)).append('"'));
    return text.toString();
  }

  private static String escaped(Object value) {
    return String.valueOf(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
