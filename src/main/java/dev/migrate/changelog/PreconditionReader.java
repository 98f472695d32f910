package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Preconditions.OnFail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a {@code preConditions} block. Liquibase writes it as a list whose items are either
 * attributes ({@code onFail: MARK_RAN}) or conditions ({@code tableExists: {...}}); a single
 * mapping holding both is accepted as well.
 */
final class PreconditionReader {
  private final String file;
  private final Warnings warnings;

  PreconditionReader(String file, Warnings warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  Preconditions read(Node node) {
    Location at = YamlMap.at(node, file);
    OnFail onFail = OnFail.HALT;
    OnFail onError = OnFail.HALT;
    String message = null;
    List<Precondition> conditions = new ArrayList<>();
    for (NodeTuple entry : entries(node)) {
      String key = key(entry);
      Node value = entry.getValueNode();
      switch (key) {
        case "onFail" -> onFail = onFail(value);
        case "onError" -> onError = onFail(value);
        case "onFailMessage" -> message = scalar(value);
        case "onErrorMessage", "onSqlOutput", "onUpdateSQL" -> scalar(value);
        default -> conditions.add(condition(key, value));
      }
    }
    return new Preconditions(onFail, onError, message, new Precondition.And(conditions), at);
  }

  private Precondition condition(String type, Node value) {
    Location at = YamlMap.at(value, file);
    if (type.equals("not") || type.equals("and") || type.equals("or")) {
      List<Precondition> inner = nested(value);
      return switch (type) {
        case "not" -> new Precondition.Not(inner);
        case "and" -> new Precondition.And(inner);
        default -> new Precondition.Or(inner);
      };
    }
    YamlMap map = YamlMap.of(YamlMap.joined(value), file, type);
    map.string("catalogName");
    Precondition result =
        switch (type) {
          case "tableExists" ->
              new Precondition.TableExists(
                  map.string("schemaName"), map.requiredString("tableName", type));
          case "columnExists" ->
              new Precondition.ColumnExists(
                  map.string("schemaName"),
                  map.requiredString("tableName", type),
                  map.requiredString("columnName", type));
          case "sqlCheck" ->
              new Precondition.SqlCheck(
                  map.requiredString("sql", type), map.requiredString("expectedResult", type));
          case "dbms" -> new Precondition.Dbms(map.requiredString("type", type));
          case "indexExists" ->
              new Precondition.IndexExists(
                  map.string("schemaName"),
                  map.string("tableName"),
                  map.string("indexName"),
                  names(map.string("columnNames")));
          case "primaryKeyExists" ->
              new Precondition.PrimaryKeyExists(
                  map.string("schemaName"), map.string("tableName"), map.string("primaryKeyName"));
          case "foreignKeyConstraintExists" ->
              new Precondition.ForeignKeyExists(
                  map.string("schemaName"),
                  map.string("foreignKeyTableName"),
                  map.requiredString("foreignKeyName", type));
          case "uniqueConstraintExists" ->
              new Precondition.UniqueConstraintExists(
                  map.string("schemaName"),
                  map.requiredString("tableName", type),
                  map.string("constraintName"),
                  names(map.string("columnNames")));
          case "sequenceExists" ->
              new Precondition.SequenceExists(
                  map.string("schemaName"), map.requiredString("sequenceName", type));
          case "viewExists" ->
              new Precondition.ViewExists(
                  map.string("schemaName"), map.requiredString("viewName", type));
          case "tableIsEmpty" ->
              new Precondition.TableIsEmpty(
                  map.string("schemaName"), map.requiredString("tableName", type));
          case "rowCount" ->
              new Precondition.RowCount(
                  map.string("schemaName"),
                  map.requiredString("tableName", type),
                  count(map, "expectedRows"));
          case "runningAs" -> new Precondition.RunningAs(map.requiredString("username", type));
          case "changeSetExecuted" ->
              new Precondition.ChangeSetExecuted(
                  map.requiredString("id", type),
                  map.requiredString("author", type),
                  map.string("changeLogFile"));
          default ->
              throw MigrateException.invalid(
                  at,
                  "unknown precondition '"
                      + type
                      + "'; supported: tableExists, columnExists,"
                      + " sqlCheck, dbms, indexExists, primaryKeyExists, foreignKeyConstraintExists, uniqueConstraintExists,"
                      + " sequenceExists, viewExists, tableIsEmpty, rowCount, runningAs, changeSetExecuted, not, and, or");
        };
    warnings.unknownKeys(map, type);
    return result;
  }

  private static List<String> names(String text) {
    return text == null ? List.of() : ColumnReader.names(text);
  }

  private static long count(YamlMap map, String key) {
    String text = map.requiredString(key, "rowCount");
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw MigrateException.invalid(
          map.location(key), "'" + key + "' must be a whole number, not '" + text + "'");
    }
  }

  private List<Precondition> nested(Node value) {
    List<Precondition> conditions = new ArrayList<>();
    for (NodeTuple entry : entries(value)) {
      conditions.add(condition(key(entry), entry.getValueNode()));
    }
    return conditions;
  }

  // A list of one-key mappings and a mapping of several keys say the same thing.
  private List<NodeTuple> entries(Node node) {
    List<NodeTuple> entries = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (!(item instanceof MappingNode mapping)) {
          throw MigrateException.invalid(
              YamlMap.at(item, file), "a precondition must be a mapping");
        }
        entries.addAll(mapping.getValue());
      }
    } else if (node instanceof MappingNode mapping) {
      entries.addAll(mapping.getValue());
    } else {
      throw MigrateException.invalid(
          YamlMap.at(node, file), "preConditions must be a list of conditions");
    }
    return entries;
  }

  private String key(NodeTuple entry) {
    return scalar(entry.getKeyNode());
  }

  private String scalar(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw MigrateException.invalid(YamlMap.at(node, file), "expected a single value here");
  }

  private OnFail onFail(Node value) {
    String text = scalar(value);
    try {
      return OnFail.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw MigrateException.invalid(
          YamlMap.at(value, file),
          "onFail/onError must be HALT, CONTINUE, MARK_RAN or WARN, not '" + text + "'");
    }
  }
}
