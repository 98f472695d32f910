package dev.migrate.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A YAML changelog of the shapes {@link EvolvingSchema} writes, rendered in Liquibase's other
 * structured formats: JSON (the same tree) and XML (scalars as attributes; {@code columns} as
 * {@code <column>} elements with their {@code <constraints>}; {@code sql} and {@code where} as
 * text). Both tools must read the three renderings as the same changelog.
 */
final class Rendered {
  private Rendered() {}

  /** The file name and text of the changelog in {@code format}: yaml, json or xml. */
  static Map.Entry<String, String> as(String format, String yaml) {
    Object tree = dates(new Yaml().load(yaml));
    return switch (format) {
      case "json" -> Map.entry("changelog.json", json(tree));
      case "xml" -> Map.entry("changelog.xml", xml(tree));
      default -> Map.entry("changelog.yaml", yaml);
    };
  }

  // YAML reads 2024-01-16 as a timestamp; the changelog means the text.
  @SuppressWarnings("unchecked")
  private static Object dates(Object node) {
    if (node instanceof java.util.Date date) {
      return date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    } else if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, dates(v)));
      return copy;
    } else if (node instanceof List<?> list) {
      return list.stream().map(Rendered::dates).toList();
    }
    return node;
  }

  private static String json(Object tree) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String xml(Object tree) {
    StringBuilder out =
        new StringBuilder(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """);
    for (Object item : (List<Object>) ((Map<String, Object>) tree).get("databaseChangeLog")) {
      Map<String, Object> changeSet =
          (Map<String, Object>) ((Map<String, Object>) item).get("changeSet");
      out.append("  <changeSet");
      changeSet.forEach(
          (key, value) -> {
            if (!(value instanceof List)) {
              attribute(out, key, value);
            }
          });
      out.append(">\n");
      changes(out, (List<Object>) changeSet.get("changes"), "    ");
      if (changeSet.get("rollback") instanceof List<?> undo) {
        out.append("    <rollback>\n");
        changes(out, (List<Object>) undo, "      ");
        out.append("    </rollback>\n");
      }
      out.append("  </changeSet>\n");
    }
    return out.append("</databaseChangeLog>\n").toString();
  }

  @SuppressWarnings("unchecked")
  private static void changes(StringBuilder out, List<Object> changes, String indent) {
    for (Object item : changes) {
      Map.Entry<String, Object> change = ((Map<String, Object>) item).entrySet().iterator().next();
      Map<String, Object> keys =
          change.getValue() instanceof Map
              ? (Map<String, Object>) change.getValue()
              : Map.of(change.getKey(), change.getValue()); // - sql: TEXT
      out.append(indent).append('<').append(change.getKey());
      String text = null;
      for (Map.Entry<String, Object> key : keys.entrySet()) {
        if (key.getKey().equals("sql") || key.getKey().equals("where")) {
          text = String.valueOf(key.getValue());
        } else if (!(key.getValue() instanceof List)) {
          attribute(out, key.getKey(), key.getValue());
        }
      }
      out.append(">");
      if (text != null) {
        String element = keys.containsKey("where") ? "where" : null;
        out.append(element == null ? "" : "<where>")
            .append(escape(text))
            .append(element == null ? "" : "</where>");
      }
      if (keys.get("columns") instanceof List<?> columns) {
        out.append('\n');
        for (Object entry : columns) {
          Map<String, Object> column =
              (Map<String, Object>) ((Map<String, Object>) entry).get("column");
          out.append(indent).append("  <column");
          column.forEach(
              (key, value) -> {
                if (!(value instanceof Map)) {
                  attribute(out, key, value);
                }
              });
          if (column.get("constraints") instanceof Map<?, ?> constraints) {
            out.append("><constraints");
            ((Map<String, Object>) constraints).forEach((key, value) -> attribute(out, key, value));
            out.append("/></column>\n");
          } else {
            out.append("/>\n");
          }
        }
        out.append(indent);
      }
      out.append("</").append(change.getKey()).append(">\n");
    }
  }

  private static void attribute(StringBuilder out, String key, Object value) {
    out.append(' ')
        .append(key)
        .append("=\"")
        .append(escape(String.valueOf(value)).replace("\"", "&quot;"))
        .append('"');
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
