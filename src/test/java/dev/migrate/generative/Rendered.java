package dev.migrate.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A YAML changelog of the shapes {@link EvolvingSchema} writes, rendered in Liquibase's other
 * structured formats: JSON (the same tree) and XML (scalars as attributes; {@code columns} as
 * {@code <column>} elements with their {@code <constraints>}; {@code sql}, {@code selectQuery} and
 * {@code where} as text), and formatted SQL (each change as the SQL a person would write for it).
 * Both tools must read the renderings alike.
 */
final class Rendered {
  private Rendered() {}

  /**
   * The file name and text of the changelog in {@code format}: yaml, json, xml or sql; {@code
   * files} are the files it reads (formatted SQL has no loadData: its rows become INSERTs).
   */
  static Map.Entry<String, String> as(String format, String yaml, Map<String, String> files) {
    Object tree = dates(new Yaml().load(yaml));
    return switch (format) {
      case "json" -> Map.entry("changelog.json", json(tree));
      case "xml" -> Map.entry("changelog.xml", xml(tree));
      case "sql" -> Map.entry("changelog.sql", sql(tree, files));
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
      if (changeSet.get("preConditions") instanceof List<?> conditions) {
        out.append("    <preConditions");
        for (Object one : conditions) {
          Map.Entry<String, Object> condition =
              ((Map<String, Object>) one).entrySet().iterator().next();
          if (!(condition.getValue() instanceof Map)) {
            attribute(out, condition.getKey(), condition.getValue());
          }
        }
        out.append(">");
        for (Object one : conditions) {
          Map.Entry<String, Object> condition =
              ((Map<String, Object>) one).entrySet().iterator().next();
          if (condition.getValue() instanceof Map<?, ?> keys) {
            out.append('<').append(condition.getKey());
            ((Map<String, Object>) keys).forEach((k, v) -> attribute(out, k, v));
            out.append("/>");
          }
        }
        out.append("</preConditions>\n");
      }
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
        if (List.of("sql", "where", "selectQuery").contains(key.getKey())) {
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

  /**
   * The changelog as Liquibase formatted SQL: each change written as the SQL a person would write
   * for it, and each changeset's inverse as {@code --rollback} lines (the rollback block when it
   * has one, else the inverses both tools derive for the structured changes).
   */
  @SuppressWarnings("unchecked")
  private static String sql(Object tree, Map<String, String> files) {
    StringBuilder out = new StringBuilder("--liquibase formatted sql\n");
    for (Object item : (List<Object>) ((Map<String, Object>) tree).get("databaseChangeLog")) {
      Map<String, Object> changeSet =
          (Map<String, Object>) ((Map<String, Object>) item).get("changeSet");
      out.append("\n--changeset ")
          .append(changeSet.get("author"))
          .append(':')
          .append(changeSet.get("id"))
          .append(
              Boolean.FALSE.equals(changeSet.get("runInTransaction"))
                  ? " runInTransaction:false"
                  : "")
          .append('\n');
      if (changeSet.get("preConditions") instanceof List<?> conditions) {
        for (Object one : conditions) {
          Map<String, Object> condition = (Map<String, Object>) one;
          if (condition.get("onFail") != null) {
            out.append("--preconditions onFail:").append(condition.get("onFail")).append('\n');
          } else if (condition.get("tableExists") instanceof Map<?, ?> table) {
            out.append("--precondition-table-exists table:")
                .append(table.get("tableName"))
                .append('\n');
          }
        }
      }
      List<Object> changes = (List<Object>) changeSet.get("changes");
      for (Object change : changes) {
        Map<String, Object> one = (Map<String, Object>) change;
        List<String> statements =
            one.get("dropAllForeignKeyConstraints") instanceof Map<?, ?> drop
                ? keyDrops(drop.get("baseTableName"), changeSet.get("rollback"))
                : statements(one, files);
        for (String statement : statements) {
          out.append(statement).append(";\n");
        }
      }
      List<String> undo = new ArrayList<>();
      if (changeSet.get("rollback") instanceof List<?> written) {
        for (Object change : written) {
          undo.addAll(statements((Map<String, Object>) change, files));
        }
      } else {
        for (int c = changes.size() - 1; c >= 0; c--) {
          undo.addAll(inverse((Map<String, Object>) changes.get(c)));
        }
      }
      for (String statement : undo) {
        out.append("--rollback ").append(statement.replace("\n", " ")).append(";\n");
      }
    }
    return out.toString();
  }

  // dropAllForeignKeyConstraints as a person writes it, naming each key: the keys its rollback
  // block adds again, which are the keys the table has (EvolvingSchema writes them so).
  @SuppressWarnings("unchecked")
  private static List<String> keyDrops(Object table, Object rollback) {
    List<String> drops = new ArrayList<>();
    for (Object change : (List<Object>) rollback) {
      if (((Map<String, Object>) change).get("addForeignKeyConstraint") instanceof Map<?, ?> key
          && table.equals(key.get("baseTableName"))) {
        drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + key.get("constraintName"));
      }
    }
    return drops;
  }

  // The SQL statements of one change of the kinds EvolvingSchema writes.
  @SuppressWarnings("unchecked")
  private static List<String> statements(Map<String, Object> change, Map<String, String> files) {
    Map.Entry<String, Object> only = change.entrySet().iterator().next();
    if (!(only.getValue() instanceof Map)) {
      return List.of(String.valueOf(only.getValue())); // - sql: TEXT
    }
    Map<String, Object> k = (Map<String, Object>) only.getValue();
    String table = (String) k.get("tableName");
    String alter = "ALTER TABLE " + table + " ";
    return switch (only.getKey()) {
      case "sql" -> List.of(String.valueOf(k.get("sql")));
      case "createTable" ->
          List.of(
              "CREATE TABLE " + table + " (\n  " + String.join(",\n  ", columns(k, true)) + "\n)");
      case "addColumn" ->
          columns(k, false).stream().map(column -> alter + "ADD COLUMN " + column).toList();
      case "dropColumn" -> List.of(alter + "DROP COLUMN " + k.get("columnName"));
      case "renameColumn" ->
          List.of(
              alter + "RENAME COLUMN " + k.get("oldColumnName") + " TO " + k.get("newColumnName"));
      case "modifyDataType" ->
          List.of(alter + "ALTER COLUMN " + k.get("columnName") + " TYPE " + k.get("newDataType"));
      case "createIndex" ->
          List.of(
              "CREATE INDEX "
                  + k.get("indexName")
                  + " ON "
                  + table
                  + " ("
                  + String.join(", ", names(k))
                  + ")");
      case "dropIndex" -> List.of("DROP INDEX " + k.get("indexName"));
      case "renameTable" ->
          List.of("ALTER TABLE " + k.get("oldTableName") + " RENAME TO " + k.get("newTableName"));
      case "dropTable" -> List.of("DROP TABLE " + table);
      case "mergeColumns" ->
          List.of(
              alter + "ADD COLUMN " + k.get("finalColumnName") + " " + k.get("finalColumnType"),
              "UPDATE "
                  + table
                  + " SET "
                  + k.get("finalColumnName")
                  + " = "
                  + k.get("column1Name")
                  + " || "
                  + literal(k.get("joinString"))
                  + " || "
                  + k.get("column2Name"),
              alter + "DROP COLUMN " + k.get("column1Name"),
              alter + "DROP COLUMN " + k.get("column2Name"));
      case "addForeignKeyConstraint" ->
          List.of(
              "ALTER TABLE "
                  + k.get("baseTableName")
                  + " ADD CONSTRAINT "
                  + k.get("constraintName")
                  + " FOREIGN KEY ("
                  + k.get("baseColumnNames")
                  + ") REFERENCES "
                  + k.get("referencedTableName")
                  + " ("
                  + k.get("referencedColumnNames")
                  + ")");
      case "addLookupTable" -> {
        String lookup = (String) k.get("newTableName");
        String column = (String) k.get("newColumnName");
        String from = (String) k.get("existingColumnName");
        String base = (String) k.get("existingTableName");
        Object key = k.getOrDefault("constraintName", "fk_" + base + "_" + lookup);
        yield List.of(
            "CREATE TABLE "
                + lookup
                + " AS SELECT DISTINCT "
                + from
                + " AS "
                + column
                + " FROM "
                + base
                + " WHERE "
                + from
                + " IS NOT NULL",
            "ALTER TABLE " + lookup + " ALTER COLUMN " + column + " SET NOT NULL",
            "ALTER TABLE " + lookup + " ADD PRIMARY KEY (" + column + ")",
            "ALTER TABLE "
                + base
                + " ADD CONSTRAINT "
                + key
                + " FOREIGN KEY ("
                + from
                + ") REFERENCES "
                + lookup
                + " ("
                + column
                + ")");
      }
      case "dropForeignKeyConstraint" ->
          List.of(
              "ALTER TABLE "
                  + k.get("baseTableName")
                  + " DROP CONSTRAINT "
                  + k.get("constraintName"));
      case "addUniqueConstraint" ->
          List.of(
              alter
                  + "ADD CONSTRAINT "
                  + k.get("constraintName")
                  + " UNIQUE ("
                  + k.get("columnNames")
                  + ")");
      case "dropUniqueConstraint" -> List.of(alter + "DROP CONSTRAINT " + k.get("constraintName"));
      case "addDefaultValue" ->
          List.of(
              alter
                  + "ALTER COLUMN "
                  + k.get("columnName")
                  + " SET DEFAULT '"
                  + k.get("defaultValue")
                  + "'");
      case "createView" ->
          List.of("CREATE VIEW " + k.get("viewName") + " AS " + k.get("selectQuery"));
      case "dropView" -> List.of("DROP VIEW " + k.get("viewName"));
      case "setTableRemarks" ->
          List.of("COMMENT ON TABLE " + table + " IS " + literal(k.get("remarks")));
      case "setColumnRemarks" ->
          List.of(
              "COMMENT ON COLUMN "
                  + table
                  + "."
                  + k.get("columnName")
                  + " IS "
                  + literal(k.get("remarks")));
      case "dropDefaultValue" ->
          List.of(alter + "ALTER COLUMN " + k.get("columnName") + " DROP DEFAULT");
      case "createSequence" ->
          List.of(
              "CREATE SEQUENCE " + k.get("sequenceName") + " START WITH " + k.get("startValue"));
      case "dropSequence" -> List.of("DROP SEQUENCE " + k.get("sequenceName"));
      case "insert" -> {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Object entry : (List<Object>) k.get("columns")) {
          Map<String, Object> column =
              (Map<String, Object>) ((Map<String, Object>) entry).get("column");
          names.add((String) column.get("name"));
          values.add(
              column.containsKey("valueNumeric") || column.containsKey("valueBoolean")
                  ? String.valueOf(column.getOrDefault("valueNumeric", column.get("valueBoolean")))
                  : "'" + column.getOrDefault("value", column.get("valueDate")) + "'");
        }
        yield List.of(
            "INSERT INTO "
                + table
                + " ("
                + String.join(", ", names)
                + ") VALUES ("
                + String.join(", ", values)
                + ")");
      }
      case "delete" -> List.of("DELETE FROM " + table + " WHERE " + k.get("where"));
      case "loadData", "loadUpdateData" -> {
        // One INSERT per CSV row, each value written as its column's loadData type reads it.
        List<String> types = new ArrayList<>();
        for (Object entry : (List<Object>) k.get("columns")) {
          types.add(
              (String)
                  ((Map<String, Object>) ((Map<String, Object>) entry).get("column")).get("type"));
        }
        List<String> rows = List.of(files.get((String) k.get("file")).split("\n"));
        List<String> inserts = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
          String[] values = row.split(",");
          List<String> literals = new ArrayList<>();
          for (int i = 0; i < values.length; i++) {
            literals.add(
                types.get(i).equals("NUMERIC") || types.get(i).equals("BOOLEAN")
                    ? values[i]
                    : "'" + values[i] + "'");
          }
          if (only.getKey().equals("loadUpdateData")) {
            // By id, the first column: the other columns set where the id is found, else the
            // row inserted.
            String[] header = rows.get(0).split(",");
            List<String> set = new ArrayList<>();
            for (int i = 1; i < header.length; i++) {
              set.add(header[i] + " = " + literals.get(i));
            }
            String where = " WHERE id = " + literals.get(0);
            if (!set.isEmpty()) {
              inserts.add("UPDATE " + table + " SET " + String.join(", ", set) + where);
            }
            inserts.add(
                "INSERT INTO "
                    + table
                    + " ("
                    + rows.get(0).replace(",", ", ")
                    + ") SELECT "
                    + String.join(", ", literals)
                    + " WHERE NOT EXISTS (SELECT FROM "
                    + table
                    + where
                    + ")");
            continue;
          }
          inserts.add(
              "INSERT INTO "
                  + table
                  + " ("
                  + rows.get(0).replace(",", ", ")
                  + ") VALUES ("
                  + String.join(", ", literals)
                  + ")");
        }
        yield inserts;
      }
      default -> throw new IllegalArgumentException("no SQL for " + only.getKey());
    };
  }

  // A comment as SQL writes it: absent remarks are an empty one, as the tools write them.
  private static String literal(Object remarks) {
    return "'" + (remarks == null ? "" : remarks.toString()).replace("'", "''") + "'";
  }

  // The statements undoing a change whose inverse the tools derive.
  @SuppressWarnings("unchecked")
  private static List<String> inverse(Map<String, Object> change) {
    Map.Entry<String, Object> only = change.entrySet().iterator().next();
    Map<String, Object> k = (Map<String, Object>) only.getValue();
    Object table = k.get("tableName");
    Map<String, Object> undo =
        switch (only.getKey()) {
          case "createTable" -> Map.of("dropTable", Map.of("tableName", table));
          case "addColumn" -> null; // one dropColumn per column, below
          case "renameColumn" ->
              Map.of(
                  "renameColumn",
                  Map.of(
                      "tableName", table,
                      "oldColumnName", k.get("newColumnName"),
                      "newColumnName", k.get("oldColumnName")));
          case "createIndex" -> Map.of("dropIndex", Map.of("indexName", k.get("indexName")));
          case "renameTable" ->
              Map.of(
                  "renameTable",
                  Map.of(
                      "oldTableName",
                      k.get("newTableName"),
                      "newTableName",
                      k.get("oldTableName")));
          case "addForeignKeyConstraint" ->
              Map.of(
                  "dropForeignKeyConstraint",
                  Map.of(
                      "baseTableName", k.get("baseTableName"),
                      "constraintName", k.get("constraintName")));
          case "addUniqueConstraint" ->
              Map.of(
                  "dropUniqueConstraint",
                  Map.of("tableName", table, "constraintName", k.get("constraintName")));
          case "addDefaultValue" ->
              Map.of(
                  "dropDefaultValue",
                  Map.of("tableName", table, "columnName", k.get("columnName")));
          case "createSequence" ->
              Map.of("dropSequence", Map.of("sequenceName", k.get("sequenceName")));
          case "createView" -> Map.of("dropView", Map.of("viewName", k.get("viewName")));
          default -> throw new IllegalArgumentException("no inverse for " + only.getKey());
        };
    if (undo != null) {
      return statements(undo, Map.of());
    }
    List<String> drops = new ArrayList<>();
    List<String> added = names(k);
    for (int c = added.size() - 1; c >= 0; c--) {
      drops.add("ALTER TABLE " + table + " DROP COLUMN " + added.get(c));
    }
    return drops;
  }

  // An identity column's sequence options, as PostgreSQL writes them: " (START WITH 5)", or "".
  private static String identityOptions(Map<String, Object> column) {
    String options =
        (column.containsKey("startWith") ? " START WITH " + column.get("startWith") : "")
            + (column.containsKey("incrementBy")
                ? " INCREMENT BY " + column.get("incrementBy")
                : "");
    return options.isEmpty() ? "" : " (" + options.strip() + ")";
  }

  // The column definitions of a createTable or addColumn.
  @SuppressWarnings("unchecked")
  private static List<String> columns(Map<String, Object> change, boolean keys) {
    List<String> out = new ArrayList<>();
    for (Object entry : (List<Object>) change.get("columns")) {
      Map<String, Object> column =
          (Map<String, Object>) ((Map<String, Object>) entry).get("column");
      Map<String, Object> constraints =
          column.get("constraints") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
      out.add(
          column.get("name")
              + " "
              + column.get("type")
              + (Boolean.TRUE.equals(column.get("autoIncrement"))
                  ? " GENERATED BY DEFAULT AS IDENTITY" + identityOptions(column)
                  : "")
              + (keys && Boolean.TRUE.equals(constraints.get("primaryKey")) ? " PRIMARY KEY" : "")
              + (Boolean.FALSE.equals(constraints.get("nullable")) ? " NOT NULL" : ""));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Map<String, Object> change) {
    return ((List<Object>) change.get("columns"))
        .stream()
            .map(
                entry ->
                    (String)
                        ((Map<String, Object>) ((Map<String, Object>) entry).get("column"))
                            .get("name"))
            .toList();
  }
}
