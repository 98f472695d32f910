package dev.migrate.changelog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The checksum of a changeset: MD5 over a canonical text of its {@code changes} (mapping keys
 * sorted, anchors expanded), so formatting, comments and preconditions do not change it but any
 * edit of a change does. Versioned by its prefix: {@code m1:} for a changeset that reads no file;
 * {@code m2:} for one that does (sqlFile, loadData, a path), which counts the text of each file as
 * read, where m1 counted what migrate made of it, and so changed when that reading did.
 */
final class Checksums {
  static final String VERSION = "m1:";
  static final String FILES = "m2:";

  private Checksums() {}

  /** Over the changes that run on PostgreSQL and the changeset's modifySql blocks. */
  static String of(List<Node> changes, List<Node> modifySql) {
    return of(VERSION, changes, modifySql);
  }

  static String of(String version, List<Node> changes, List<Node> modifySql) {
    StringBuilder text = new StringBuilder();
    for (Node change : changes) {
      canonical(change, text);
      text.append('\n');
    }
    for (Node block : modifySql) {
      text.append("modifySql ");
      canonical(block, text);
      text.append('\n');
    }
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return version
          + HexFormat.of().formatHex(md5.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private static void canonical(Node node, StringBuilder out) {
    if (node instanceof ScalarNode scalar) {
      out.append('"')
          .append(scalar.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    } else if (node instanceof SequenceNode seq) {
      out.append('[');
      for (Node item : seq.getValue()) {
        canonical(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (node instanceof MappingNode mapping) {
      List<String[]> entries = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        canonical(tuple.getKeyNode(), key);
        canonical(tuple.getValueNode(), value);
        entries.add(new String[] {key.toString(), value.toString()});
      }
      entries.sort((a, b) -> a[0].compareTo(b[0]));
      out.append('{');
      for (String[] entry : entries) {
        out.append(entry[0]).append('=').append(entry[1]).append(',');
      }
      out.append('}');
    }
  }
}
