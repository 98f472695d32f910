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
    return switch (type) {
      case "not" -> new Precondition.Not(nested(value));
      case "and" -> new Precondition.And(nested(value));
      case "or" -> new Precondition.Or(nested(value));
      case "tableExists" -> {
        YamlMap map = YamlMap.of(value, file, "tableExists");
        var result =
            new Precondition.TableExists(
                map.string("schemaName"), map.requiredString("tableName", "tableExists"));
        map.string("catalogName");
        warnings.unknownKeys(map, "tableExists");
        yield result;
      }
      case "columnExists" -> {
        YamlMap map = YamlMap.of(value, file, "columnExists");
        var result =
            new Precondition.ColumnExists(
                map.string("schemaName"),
                map.requiredString("tableName", "columnExists"),
                map.requiredString("columnName", "columnExists"));
        map.string("catalogName");
        warnings.unknownKeys(map, "columnExists");
        yield result;
      }
      case "sqlCheck" -> {
        YamlMap map = YamlMap.of(value, file, "sqlCheck");
        var result =
            new Precondition.SqlCheck(
                map.requiredString("sql", "sqlCheck"),
                map.requiredString("expectedResult", "sqlCheck"));
        warnings.unknownKeys(map, "sqlCheck");
        yield result;
      }
      case "dbms" -> {
        YamlMap map = YamlMap.of(value, file, "dbms");
        var result = new Precondition.Dbms(map.requiredString("type", "dbms"));
        warnings.unknownKeys(map, "dbms");
        yield result;
      }
      default ->
          throw MigrateException.invalid(
              at,
              "unknown precondition '"
                  + type
                  + "'; supported: tableExists, columnExists, sqlCheck, dbms, not, and, or");
    };
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
          throw MigrateException.invalid(YamlMap.at(item, file), "a precondition must be a mapping");
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
          YamlMap.at(value, file), "onFail/onError must be HALT, CONTINUE, MARK_RAN or WARN, not '" + text + "'");
    }
  }
}
