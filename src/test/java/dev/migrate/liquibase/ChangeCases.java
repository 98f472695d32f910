package dev.migrate.liquibase;

import dev.migrate.liquibase.LiquibaseReading.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to read, made from Liquibase's own description of each change type: the type with its
 * required attributes, then with each other attribute added, each attribute written as Liquibase's
 * model types it and as text in other spellings, each required attribute left out, an attribute
 * Liquibase does not know added, and the attributes written as a list of one-key maps.
 */
final class ChangeCases {
  private ChangeCases() {}

  /**
   * One change to read: its type, its attributes in order (a value is a String, Boolean, Integer or
   * a list of {@code {column: {...}}} maps), and whether they are written as one-key maps; {@code
   * subject} is the attribute the case adds, spells or leaves out (null for the plain forms).
   */
  record Case(
      String name,
      String type,
      String subject,
      Map<String, Object> attributes,
      boolean oneKeyMaps,
      Map<String, Object> changeSet) {
    Case(
        String name,
        String type,
        String subject,
        Map<String, Object> attributes,
        boolean oneKeyMaps) {
      this(name, type, subject, attributes, oneKeyMaps, Map.of("id", "1", "author", "a"));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** What a change of this type needs besides the attributes Liquibase marks required. */
  private static final Map<String, List<String>> ALSO_NEEDED =
      Map.of(
          "dropColumn", List.of("columnName"),
          "createView", List.of("selectQuery"),
          "addDefaultValue", List.of("defaultValue"),
          "tagDatabase", List.of("tag"),
          "output", List.of("message"),
          "mergeColumns", List.of("joinString"), // its XML schema requires it
          "createIndex", List.of("indexName"), // its XML schema requires it
          "dropIndex", List.of("tableName"));

  // What Liquibase marks required but takes another attribute for instead.
  private static final Map<String, Set<String>> NOT_NEEDED =
      Map.of("createProcedure", Set.of("path"));

  /** The cases of one change type; empty when Liquibase does not know the type. */
  static List<Case> of(String type) {
    List<Parameter> parameters = LiquibaseReading.parameters(type);
    if (parameters.isEmpty()) {
      return List.of();
    }
    Map<String, Object> base = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      if ((p.required() && !NOT_NEEDED.getOrDefault(type, Set.of()).contains(p.name()))
          || ALSO_NEEDED.getOrDefault(type, List.of()).contains(p.name())) {
        base.put(p.name(), value(type, p));
      }
    }
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(type, type, null, base, false));
    cases.add(new Case(type + " as one-key maps", type, null, base, true));
    for (Parameter p : parameters) {
      if (base.containsKey(p.name())) {
        Map<String, Object> without = new LinkedHashMap<>(base);
        without.remove(p.name());
        cases.add(new Case(type + " without " + p.name(), type, p.name(), without, false));
      } else {
        cases.add(
            new Case(
                type + " with " + p.name(),
                type,
                p.name(),
                with(base, p.name(), value(type, p)),
                false));
      }
      for (String spelling : spellings(p)) {
        cases.add(
            new Case(
                type + " with " + p.name() + ": \"" + spelling + "\"",
                type,
                p.name(),
                with(base, p.name(), spelling),
                false));
      }
    }
    for (Parameter p : parameters) {
      if (p.dataType().startsWith("list of ")) {
        cases.addAll(columnCases(type, base, p));
      }
    }
    cases.add(
        new Case(
            type + " with an attribute it does not have",
            type,
            "colour",
            with(base, "colour", "red"),
            false));
    return cases;
  }

  /**
   * The cases of each attribute of a column of this change, and of its constraints where the change
   * makes columns: subject {@code column.name} or {@code constraints.name}.
   */
  private static List<Case> columnCases(String type, Map<String, Object> base, Parameter list) {
    List<Case> cases = new ArrayList<>();
    String part = list.dataType().substring("list of ".length());
    for (Parameter p : LiquibaseReading.parts(part)) {
      if (!p.name().equals("name") && !p.name().equals("rawDateValue")) {
        cases.addAll(columnCases(type, base, list.name(), "column", p));
      }
    }
    if (type.equals("createTable") || type.equals("addColumn")) {
      for (Parameter p : LiquibaseReading.parts("constraintsConfig")) {
        cases.addAll(columnCases(type, base, list.name(), "constraints", p));
      }
    }
    return cases;
  }

  private static List<Case> columnCases(
      String type, Map<String, Object> base, String key, String where, Parameter p) {
    List<Case> cases = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    values.add(columnValue(p));
    values.addAll(spellings(p));
    for (Object value : values) {
      Map<String, Object> column = new LinkedHashMap<>(column(type));
      if (p.name().startsWith("value")) {
        column.remove("value"); // one value per column
      }
      if (where.equals("column")) {
        column.put(p.name(), value);
      } else {
        column.put("constraints", Map.of(p.name(), value));
      }
      cases.add(
          new Case(
              type
                  + " with "
                  + where
                  + "."
                  + p.name()
                  + (value instanceof String s ? ": \"" + s + "\"" : ""),
              type,
              where + "." + p.name(),
              with(base, key, List.of(Map.of("column", column))),
              false));
    }
    return cases;
  }

  private static Object columnValue(Parameter p) {
    return switch (p.dataType()) {
      case "boolean" -> true;
      case "bigInteger" -> 5;
      case "Date" -> "2020-01-02";
      case "DatabaseFunction" -> "now()";
      case "SequenceNextValueFunction", "SequenceCurrentValueFunction" -> "seq_a";
      default ->
          switch (p.name()) {
            case "value", "defaultValue" -> "x";
            case "type" -> "int";
            case "valueBlobFile", "valueClobFile" -> "db/x.sql";
            case "encoding" -> "UTF-8";
            case "generationType" -> "ALWAYS";
            case "references" -> "t2(id)";
            case "referencedTableName" -> "t2";
            case "referencedColumnNames" -> "id";
            case "checkConstraint" -> "c1 > 0";
            case "afterColumn", "beforeColumn" -> "c0";
            case "header" -> "c1";
            case "nullPlaceholder" -> "NULL";
            default -> "v_" + p.name().toLowerCase(java.util.Locale.ROOT);
          };
    };
  }

  /**
   * The cases of each attribute of a changeSet, as Liquibase's XML schema lists them, on a
   * changeset with one {@code sql} change: subject {@code changeSet.name}.
   */
  static List<Case> changeSetCases() {
    Map<String, Object> sql = Map.of("sql", "SELECT 1");
    List<Case> cases = new ArrayList<>();
    for (Parameter p : LiquibaseReading.changeSetAttributes()) {
      List<Object> values = new ArrayList<>();
      if (p.name().equals("id") || p.name().equals("author")) {
        values.add(null); // left out
      } else {
        values.add(changeSetValue(p));
        values.addAll(spellings(p));
        if (p.name().equals("dbms")) {
          values.add("h2");
        }
      }
      for (Object value : values) {
        Map<String, Object> changeSet = new LinkedHashMap<>(Map.of("id", "1", "author", "a"));
        if (value == null) {
          changeSet.remove(p.name());
        } else {
          changeSet.put(p.name(), value);
        }
        cases.add(
            new Case(
                "changeSet "
                    + (value == null ? "without " : "with ")
                    + p.name()
                    + (value instanceof String s ? ": \"" + s + "\"" : ""),
                "sql",
                "changeSet." + p.name(),
                sql,
                false,
                changeSet));
      }
    }
    return cases;
  }

  private static Object changeSetValue(Parameter p) {
    if (p.dataType().equals("boolean")) {
      return true;
    }
    return switch (p.name()) {
      case "context", "contextFilter" -> "ctx";
      case "labels" -> "l1";
      case "dbms" -> "postgresql";
      case "onValidationFail" -> "MARK_RAN";
      case "logicalFilePath" -> "other/path.yaml";
      case "objectQuotingStrategy" -> "LEGACY";
      case "created" -> "2020-01-02";
      case "runOrder" -> "first";
      case "runWith" -> "jdbc";
      default -> "v_" + p.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> attributes = new LinkedHashMap<>(base);
    attributes.put(key, value);
    return attributes;
  }

  // A boolean or a number written as text, in the spellings people use.
  private static List<String> spellings(Parameter p) {
    return switch (p.dataType()) {
      case "boolean" -> List.of("true", "TRUE", "False", "1", "yes", " true");
      case "bigInteger", "integer" -> List.of("5", " 5", "+5", "5.0");
      case "Date" -> List.of("2020-01-02 03:04:05", "now");
      default -> List.of();
    };
  }

  /** A value of the parameter's type that a change of this type can take. */
  static Object value(String type, Parameter p) {
    if (p.dataType().startsWith("list of")) {
      return List.of(Map.of("column", column(type)));
    }
    return switch (p.dataType()) {
      case "boolean" -> true;
      case "bigInteger", "integer" -> 5;
      case "databaseFunction" -> "now()";
      case "sequenceNextValueFunction" -> "seq_a";
      default -> text(p.name());
    };
  }

  private static Map<String, Object> column(String type) {
    Map<String, Object> column = new LinkedHashMap<>();
    column.put("name", "c1");
    switch (type) {
      case "createTable", "addColumn", "loadData", "loadUpdateData" -> column.put("type", "int");
      case "insert", "update" -> column.put("value", "x");
      default -> {}
    }
    return column;
  }

  private static String text(String name) {
    return switch (name) {
      case "sql", "procedureText", "selectQuery" -> "SELECT 1";
      case "where" -> "c1 = 1";
      case "path" -> "db/x.sql";
      case "file" -> "db/data.csv";
      case "dbms" -> "postgresql";
      case "encoding" -> "UTF-8";
      case "endDelimiter" -> "GO";
      case "onDelete", "onUpdate" -> "CASCADE";
      case "generationType" -> "ALWAYS";
      case "defaultValueDate" -> "2020-01-02";
      case "defaultValueNumeric" -> "5";
      case "separator" -> ";";
      case "quotchar" -> "'";
      case "commentLineStartsWith" -> "#";
      case "tableType" -> "UNLOGGED";
      case "target" -> "STDOUT";
      case "using" -> "btree";
      case "tablespace" -> "pg_default";
      case "associatedWith" -> "foreignKey";
      case "dataType", "newDataType", "columnDataType" -> "bigint";
      case "columnNames", "baseColumnNames", "referencedColumnNames" -> "c1, c2";
      case "columnName", "uniqueColumns", "primaryKey" -> "c1";
      default -> "v_" + name.toLowerCase(java.util.Locale.ROOT);
    };
  }
}
