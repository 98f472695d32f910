package dev.migrate.changelog;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Builds the node trees the YAML reader consumes, for changelogs written in XML or SQL: every node
 * carries the line and column where its text stands in the original file, so errors point there.
 */
final class Nodes {
  private final String file;

  Nodes(String file) {
    this.file = file;
  }

  /** A place given 1-based, as editors and {@link dev.migrate.model.Location} count. */
  Mark mark(int line, int column) {
    return new Mark(file, 0, Math.max(0, line - 1), Math.max(0, column - 1), new int[0], 0);
  }

  ScalarNode scalar(String value, Mark at) {
    return new ScalarNode(Tag.STR, value, at, at, DumperOptions.ScalarStyle.PLAIN);
  }

  /** YAML's null: what an empty {@code <rollback/>} or {@code --rollback empty} means. */
  ScalarNode empty(Mark at) {
    return new ScalarNode(Tag.NULL, "", at, at, DumperOptions.ScalarStyle.PLAIN);
  }

  /** A mapping being filled key by key. */
  Mapping mapping(Mark at) {
    return new Mapping(at);
  }

  SequenceNode sequence(List<Node> items, Mark at) {
    // A mutable copy: parameters are later replaced in place.
    return new SequenceNode(
        Tag.SEQ, true, new ArrayList<>(items), at, at, DumperOptions.FlowStyle.BLOCK);
  }

  /**
   * {@code {key: value}}: how a list item names what it is ({@code - changeSet:}, {@code - sql:}).
   */
  MappingNode single(String key, Mark keyAt, Node value) {
    return mapping(keyAt).put(key, keyAt, value).node();
  }

  /** A mapping under construction; keys keep the order they were put in. */
  final class Mapping {
    private final Mark at;
    private final List<NodeTuple> tuples = new ArrayList<>();

    private Mapping(Mark at) {
      this.at = at;
    }

    Mapping put(String key, Mark keyAt, Node value) {
      tuples.add(new NodeTuple(scalar(key, keyAt), value));
      return this;
    }

    Mapping put(String key, String value, Mark keyAt) {
      return put(key, keyAt, scalar(value, keyAt));
    }

    boolean has(String key) {
      return tuples.stream().anyMatch(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(key));
    }

    MappingNode node() {
      return new MappingNode(Tag.MAP, true, tuples, at, at, DumperOptions.FlowStyle.BLOCK);
    }
  }
}
