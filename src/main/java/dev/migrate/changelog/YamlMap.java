package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read key by key, with the place of every value, and a record of the keys that were
 * read so the rest can be reported as unknown.
 */
final class YamlMap {
  private final Node node;
  private final String file;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, Node> keyNodes = new LinkedHashMap<>();
  private final Set<String> read = new HashSet<>();

  private YamlMap(MappingNode node, String file) {
    this.node = node;
    this.file = file;
    flatten(node);
  }

  /** Reads {@code node} as a mapping, or fails naming what was expected there. */
  static YamlMap of(Node node, String file, String what) {
    if (node instanceof MappingNode mapping) {
      return new YamlMap(mapping, file);
    }
    throw MigrateException.invalid(at(node, file), what + " must be a mapping of keys to values");
  }

  /** An empty mapping standing where the YAML has a null value (e.g. {@code rollback:}). */
  static boolean isNull(Node node) {
    return node == null
        || (node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null"));
  }

  /**
   * A list of mappings read as the one mapping they add up to, as Liquibase reads {@code -
   * columnExists:} followed by {@code - tableName: t} and {@code - columnName: c}; any other node
   * is returned as it is.
   */
  static Node joined(Node node) {
    if (node instanceof SequenceNode seq
        && !seq.getValue().isEmpty()
        && seq.getValue().stream().allMatch(item -> item instanceof MappingNode)) {
      List<NodeTuple> tuples = new ArrayList<>();
      seq.getValue().forEach(item -> tuples.addAll(((MappingNode) item).getValue()));
      return new MappingNode(
          org.yaml.snakeyaml.nodes.Tag.MAP,
          true,
          tuples,
          seq.getStartMark(),
          seq.getEndMark(),
          seq.getFlowStyle());
    }
    return node;
  }

  static Location at(Node node, String file) {
    return new Location(
        file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  // YAML merge keys (<<: *anchor) copy the anchor's entries; keys written here win.
  private void flatten(MappingNode mapping) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw MigrateException.invalid(at(tuple.getKeyNode(), file), "a key must be a plain word");
      }
      if (key.getValue().equals("<<")) {
        Node merged = tuple.getValueNode();
        List<Node> sources = merged instanceof SequenceNode seq ? seq.getValue() : List.of(merged);
        for (Node source : sources) {
          YamlMap inner = of(source, file, "a merged value (<<)");
          inner.values.forEach(values::putIfAbsent);
          inner.keyNodes.forEach(keyNodes::putIfAbsent);
        }
        continue;
      }
      values.put(key.getValue(), tuple.getValueNode());
      keyNodes.put(key.getValue(), key);
    }
  }

  Location location() {
    return at(node, file);
  }

  /** Where the key is written, or the mapping itself when the key is absent. */
  Location location(String key) {
    Node keyNode = keyNodes.get(key);
    return keyNode == null ? location() : at(keyNode, file);
  }

  String file() {
    return file;
  }

  Set<String> keys() {
    return values.keySet();
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** The node of a key as written (its key), without marking it read; null when absent. */
  Node keyNode(String key) {
    return keyNodes.get(key);
  }

  /** The raw node of a key, without marking it read; null when absent. */
  Node peek(String key) {
    return values.get(key);
  }

  /** The raw node of a key, marking it read; null when absent. */
  Node node(String key) {
    read.add(key);
    return values.get(key);
  }

  /**
   * A single value as text, as Liquibase reads it ({@link YamlValues}); null when the key is
   * absent, null, or a value Liquibase reads as none.
   */
  String string(String key) {
    return string(key, false);
  }

  /**
   * The same; {@code date}: the attribute is a date, which Liquibase reads from a YAML date as it
   * is written rather than from its text.
   */
  String string(String key, boolean date) {
    Node value = node(key);
    if (isNull(value)) {
      return null;
    }
    String text = YamlValues.text(value, date);
    String why = YamlValues.why(value, text);
    Misread note = why == null ? null : new Misread(at(value, file), "'" + key + "' " + why);
    if (note != null && !misread.contains(note)) {
      misread.add(note);
    }
    return text == null || (text.isBlank() && namesSchemaOrCatalog(key)) ? null : text;
  }

  /**
   * The text of a scalar as it is written, where Liquibase reads it otherwise (an unquoted {@code
   * 007} is {@code 7}); null where the two are the same.
   */
  String writtenOtherwise(String key) {
    Node value = node(key);
    if (value instanceof ScalarNode scalar && !isNull(value)) {
      String text = YamlValues.text(value, false);
      return scalar.getValue().equals(text) ? null : scalar.getValue();
    }
    return null;
  }

  // An empty schema or catalog name (schemaName="", or a property with no value) is none at all:
  // Liquibase names the object in the default schema then, on every change and precondition.
  private static boolean namesSchemaOrCatalog(String key) {
    return key.endsWith("chemaName") || key.endsWith("atalogName");
  }

  String requiredString(String key, String owner) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw MigrateException.invalid(location(), owner + " needs '" + key + "'");
    }
    return value;
  }

  /**
   * A true/false value, read as Liquibase reads one. A YAML boolean (true, yes, on, … unquoted) is
   * what YAML says. Text is true only when it is "true" in any case, and false otherwise, as
   * Liquibase reads it; text other than true or false is noted ({@link #misread}). In XML,
   * Liquibase's schema takes only true, false, 1 and 0, and its reader takes "1" as false.
   */
  boolean bool(String key, boolean fallback) {
    Boolean value = optionalBool(key);
    return value == null ? fallback : value;
  }

  Boolean optionalBool(String key) {
    String text = string(key);
    if (text == null) {
      return null;
    }
    if (xml()) {
      ScalarNode scalar = (ScalarNode) values.get(key);
      text = text.strip(); // the schema's boolean drops spaces around it
      if (!List.of("true", "false", "1", "0").contains(text)) {
        throw MigrateException.invalid(
            at(scalar, file),
            "'"
                + key
                + "' must be true or false, not '"
                + text
                + "' (Liquibase's XML schema refuses it)");
      }
    } else {
      Boolean yaml = yamlBoolean(key);
      if (yaml != null) {
        return yaml;
      }
    }
    return textTrue(key, text);
  }

  /**
   * Text read as a boolean, as Liquibase reads it: true only when it is "true" in any case; text
   * other than true or false is noted ({@link #misread}).
   */
  boolean textTrue(String key, String text) {
    boolean value = text.equalsIgnoreCase("true");
    if (!value && !text.equalsIgnoreCase("false")) {
      misread.add(
          new Misread(
              at(values.get(key), file),
              "'"
                  + key
                  + ": "
                  + text
                  + "' is read as false, as Liquibase reads any text but 'true'; write true or"
                  + " false"));
    }
    return value;
  }

  /** The value of a YAML boolean (true, yes, on, … unquoted); null for any other node. */
  Boolean yamlBoolean(String key) {
    return values.get(key) instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
        ? List.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(Locale.ROOT))
        : null;
  }

  /** A value read in a way its writer may not expect (see {@link #optionalBool}). */
  record Misread(Location at, String message) {}

  private final List<Misread> misread = new ArrayList<>();

  /** The values read so far in a way their writer may not expect. */
  List<Misread> misread() {
    return misread;
  }

  /**
   * A whole number, as Liquibase reads one: digits with an optional sign, nothing around them;
   * given in its plain form (no plus sign, no leading zeros). {@code xmlNumber}: the attribute is a
   * number in Liquibase's XML schema, which drops spaces around it in an XML changelog.
   */
  String integer(String key, boolean xmlNumber) {
    String text = string(key);
    if (text == null) {
      return null;
    }
    String digits = xml() && xmlNumber ? text.strip() : text;
    if (!digits.matches("[+-]?[0-9]+")) {
      throw MigrateException.invalid(
          at(values.get(key), file), "'" + key + "' must be a whole number, not '" + text + "'");
    }
    return new java.math.BigInteger(digits).toString();
  }

  /** Whether the mapping was read from an XML changelog, whose schema Liquibase holds it to. */
  boolean xml() {
    return file.toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  /** The items of a list value (a single non-list value counts as a list of one). */
  List<Node> list(String key) {
    Node value = node(key);
    if (isNull(value)) {
      return List.of();
    }
    if (value instanceof SequenceNode seq) {
      return seq.getValue();
    }
    return List.of(value);
  }

  /** Keys present but never read: what the change type does not know. */
  List<String> unread() {
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        unknown.add(key);
      }
    }
    return unknown;
  }
}
