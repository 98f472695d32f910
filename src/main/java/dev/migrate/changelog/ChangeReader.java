package dev.migrate.changelog;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.ColumnDefault;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.ReferentialAction;
import dev.migrate.model.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Turns one {@code - changeType: {...}} item of a {@code changes:} list into a {@link Step}. */
final class ChangeReader {
  private static final Pattern REFERENCES = Pattern.compile("\\s*([^()\\s]+)\\s*\\(([^)]*)\\)\\s*");

  private final String file;
  private final Warnings warnings;

  ChangeReader(String file, Warnings warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  /** Reads a change item: a mapping with one key, the change type. */
  Step read(Node item) {
    if (!(item instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
      throw MigrateException.invalid(
          YamlMap.at(item, file), "each item of 'changes' must be one change, e.g. '- createTable:'");
    }
    String type = ((ScalarNode) mapping.getValue().get(0).getKeyNode()).getValue();
    Node body = mapping.getValue().get(0).getValueNode();
    Location at = YamlMap.at(mapping, file);
    return new Step(read(type, body, at), at);
  }

  private Change read(String type, Node body, Location at) {
    if (type.equals("sql") && body instanceof ScalarNode scalar) {
      return new Change.Sql(scalar.getValue(), true, false, null);
    }
    YamlMap map = YamlMap.of(body, file, "'" + type + "'");
    Change change =
        switch (type) {
          case "createEnumType" -> createEnumType(map);
          case "addEnumValue" -> addEnumValue(map);
          case "createTable" -> createTable(map);
          case "addColumn" -> addColumn(map);
          case "createIndex" -> createIndex(map);
          case "addForeignKeyConstraint" -> addForeignKey(map);
          case "addUniqueConstraint" -> addUnique(map);
          case "addPrimaryKey" -> addPrimaryKey(map);
          case "dropTable" -> dropTable(map);
          case "createSchema" -> new Change.CreateSchema(map.requiredString("schemaName", type));
          case "sql" -> sql(map);
          default ->
              throw MigrateException.invalid(
                  at,
                  "unknown change type '"
                      + type
                      + "'. Check the spelling and capitalization; docs/change-types.md lists every"
                      + " supported type");
        };
    warnings.unknownKeys(map, type);
    return change;
  }

  private Change createEnumType(YamlMap map) {
    String name = map.requiredString("typeName", "createEnumType");
    List<String> values = new ArrayList<>();
    for (Node value : map.list("values")) {
      values.add(scalar(value, "each of 'values'"));
    }
    if (values.isEmpty()) {
      throw MigrateException.invalid(map.location(), "createEnumType needs at least one of 'values'");
    }
    if (values.stream().distinct().count() != values.size()) {
      throw MigrateException.invalid(map.location(), "createEnumType 'values' repeat a label");
    }
    return new Change.CreateEnumType(map.string("schemaName"), name, List.copyOf(values));
  }

  private Change addEnumValue(YamlMap map) {
    String before = map.string("before");
    String after = map.string("after");
    if (before != null && after != null) {
      throw MigrateException.invalid(map.location(), "addEnumValue takes 'before' or 'after', not both");
    }
    return new Change.AddEnumValue(
        map.string("schemaName"),
        map.requiredString("typeName", "addEnumValue"),
        map.requiredString("value", "addEnumValue"),
        before,
        after);
  }

  private Change createTable(YamlMap map) {
    String table = map.requiredString("tableName", "createTable");
    List<Column> columns = columns(map, "createTable");
    if (columns.isEmpty()) {
      throw MigrateException.invalid(map.location(), "createTable '" + table + "' needs 'columns'");
    }
    return new Change.CreateTable(map.string("schemaName"), table, map.string("remarks"), columns);
  }

  private Change addColumn(YamlMap map) {
    String table = map.requiredString("tableName", "addColumn");
    List<Column> columns = columns(map, "addColumn");
    if (columns.isEmpty()) {
      throw MigrateException.invalid(map.location(), "addColumn on '" + table + "' needs 'columns'");
    }
    return new Change.AddColumn(map.string("schemaName"), table, columns);
  }

  private Change createIndex(YamlMap map) {
    List<String> columns = new ArrayList<>();
    for (Node item : columnItems(map)) {
      YamlMap column = YamlMap.of(item, file, "an index column");
      columns.add(column.requiredString("name", "an index column"));
      warnings.unknownKeys(column, "an index column");
    }
    String index = map.requiredString("indexName", "createIndex");
    if (columns.isEmpty()) {
      throw MigrateException.invalid(map.location(), "createIndex '" + index + "' needs 'columns'");
    }
    return new Change.CreateIndex(
        map.string("schemaName"),
        map.requiredString("tableName", "createIndex"),
        index,
        map.bool("unique", false),
        List.copyOf(columns));
  }

  private Change addForeignKey(YamlMap map) {
    String type = "addForeignKeyConstraint";
    List<String> base = names(map.requiredString("baseColumnNames", type));
    List<String> referenced = names(map.requiredString("referencedColumnNames", type));
    if (base.size() != referenced.size()) {
      throw MigrateException.invalid(
          map.location(), type + ": baseColumnNames and referencedColumnNames differ in count");
    }
    ReferentialAction onDelete = action(map, "onDelete");
    boolean initiallyDeferred = map.bool("initiallyDeferred", false);
    // INITIALLY DEFERRED makes no sense without DEFERRABLE; PostgreSQL implies it, and so do we.
    boolean deferrable = map.bool("deferrable", false) || initiallyDeferred;
    if (map.bool("deleteCascade", false)) {
      onDelete = ReferentialAction.CASCADE;
    }
    return new Change.AddForeignKeyConstraint(
        map.string("baseTableSchemaName"),
        map.requiredString("baseTableName", type),
        base,
        map.requiredString("constraintName", type),
        map.string("referencedTableSchemaName"),
        map.requiredString("referencedTableName", type),
        referenced,
        onDelete,
        action(map, "onUpdate"),
        deferrable,
        initiallyDeferred);
  }

  private Change addUnique(YamlMap map) {
    return new Change.AddUniqueConstraint(
        map.string("schemaName"),
        map.requiredString("tableName", "addUniqueConstraint"),
        names(map.requiredString("columnNames", "addUniqueConstraint")),
        map.string("constraintName"));
  }

  private Change addPrimaryKey(YamlMap map) {
    return new Change.AddPrimaryKey(
        map.string("schemaName"),
        map.requiredString("tableName", "addPrimaryKey"),
        names(map.requiredString("columnNames", "addPrimaryKey")),
        map.string("constraintName"));
  }

  private Change dropTable(YamlMap map) {
    return new Change.DropTable(
        map.string("schemaName"),
        map.requiredString("tableName", "dropTable"),
        map.bool("cascadeConstraints", false));
  }

  private Change sql(YamlMap map) {
    String text = map.requiredString("sql", "sql");
    String delimiter = map.string("endDelimiter");
    map.string("comment"); // documentation only
    return new Change.Sql(
        text, map.bool("splitStatements", true), map.bool("stripComments", false), delimiter);
  }

  private List<Column> columns(YamlMap map, String owner) {
    List<Column> columns = new ArrayList<>();
    for (Node item : columnItems(map)) {
      columns.add(column(YamlMap.of(item, file, "a column of " + owner), owner));
    }
    return List.copyOf(columns);
  }

  // Liquibase writes columns as '- column: {...}' items; a bare mapping is accepted as well.
  private List<Node> columnItems(YamlMap map) {
    List<Node> items = new ArrayList<>();
    List<Node> raw = map.has("columns") ? map.list("columns") : map.list("column");
    for (Node item : raw) {
      if (item instanceof MappingNode mapping
          && mapping.getValue().size() == 1
          && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key
          && key.getValue().equals("column")) {
        items.add(mapping.getValue().get(0).getValueNode());
      } else {
        items.add(item);
      }
    }
    return items;
  }

  private Column column(YamlMap map, String owner) {
    String name = map.requiredString("name", "a column of " + owner);
    String type = map.requiredString("type", "column '" + name + "'");
    Column column =
        new Column(
            name,
            type,
            columnDefault(map),
            map.bool("autoIncrement", false),
            map.string("remarks"),
            constraints(map.node("constraints"), name));
    warnings.unknownKeys(map, "column '" + name + "'");
    return column;
  }

  private ColumnDefault columnDefault(YamlMap map) {
    List<ColumnDefault> given = new ArrayList<>();
    addDefault(given, map, "defaultValue", ColumnDefault.Kind.STRING);
    addDefault(given, map, "defaultValueNumeric", ColumnDefault.Kind.NUMERIC);
    addDefault(given, map, "defaultValueBoolean", ColumnDefault.Kind.BOOLEAN);
    addDefault(given, map, "defaultValueComputed", ColumnDefault.Kind.COMPUTED);
    if (given.size() > 1) {
      throw MigrateException.invalid(map.location(), "a column takes one defaultValue* key, not several");
    }
    return given.isEmpty() ? null : given.get(0);
  }

  private static void addDefault(
      List<ColumnDefault> given, YamlMap map, String key, ColumnDefault.Kind kind) {
    String value = map.string(key);
    if (value != null) {
      if (kind == ColumnDefault.Kind.BOOLEAN) {
        value = String.valueOf(map.bool(key, false));
      }
      given.add(new ColumnDefault(kind, value));
    }
  }

  private ColumnConstraints constraints(Node node, String column) {
    if (YamlMap.isNull(node)) {
      return ColumnConstraints.NONE;
    }
    YamlMap map = YamlMap.of(node, file, "'constraints' of column '" + column + "'");
    ColumnConstraints.ForeignKey foreignKey = foreignKey(map, column);
    ColumnConstraints constraints =
        new ColumnConstraints(
            map.optionalBool("nullable"),
            map.bool("primaryKey", false),
            map.string("primaryKeyName"),
            map.bool("unique", false),
            map.string("uniqueConstraintName"),
            foreignKey);
    warnings.unknownKeys(map, "the constraints of column '" + column + "'");
    return constraints;
  }

  private ColumnConstraints.ForeignKey foreignKey(YamlMap map, String column) {
    String name = map.string("foreignKeyName");
    String references = map.string("references");
    String table = map.string("referencedTableName");
    String schema = map.string("referencedTableSchemaName");
    String columns = map.string("referencedColumnNames");
    boolean cascade = map.bool("deleteCascade", false);
    if (references == null && table == null) {
      if (name != null) {
        throw MigrateException.invalid(
            map.location(), "column '" + column + "' names foreignKeyName but no 'references'");
      }
      return null;
    }
    if (references != null) {
      Matcher m = REFERENCES.matcher(references);
      if (!m.matches()) {
        throw MigrateException.invalid(
            map.location("references"),
            "'references' must read table(column), not '" + references + "'");
      }
      table = m.group(1);
      columns = m.group(2);
      int dot = table.lastIndexOf('.');
      if (dot > 0) {
        schema = table.substring(0, dot);
        table = table.substring(dot + 1);
      }
    }
    if (columns == null) {
      throw MigrateException.invalid(
          map.location(), "column '" + column + "' references '" + table + "' but no column of it");
    }
    return new ColumnConstraints.ForeignKey(
        name, schema, table, names(columns), cascade ? ReferentialAction.CASCADE : null);
  }

  private ReferentialAction action(YamlMap map, String key) {
    String text = map.string(key);
    if (text == null) {
      return null;
    }
    ReferentialAction action = ReferentialAction.parse(text);
    if (action == null) {
      throw MigrateException.invalid(
          map.location(key),
          "'" + key + "' must be CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION, not '" + text + "'");
    }
    return action;
  }

  private String scalar(Node node, String what) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw MigrateException.invalid(YamlMap.at(node, file), what + " must be a single value");
  }

  /** A comma-separated list of names, as Liquibase writes columnNames. */
  static List<String> names(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
