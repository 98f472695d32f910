package dev.migrate.changelog;

import dev.migrate.changelog.XmlElements.Attribute;
import dev.migrate.changelog.XmlElements.Element;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A Liquibase XML changelog turned into the tree a YAML changelog of the same content gives, by
 * Liquibase's own reading of XML: attributes and child elements become keys, {@code <column>}
 * children become the {@code columns} list, and an element's text is the value of one property (the
 * SQL of {@code <sql>}, the query of {@code <createView>}, …). So the same changeset written in
 * either format reads into the same changeset, with the same checksum.
 */
final class XmlChangelog {
  // The property an element's text stands for, as Liquibase loads it.
  private static final Map<String, String> TEXT_KEYS =
      Map.of(
          "sql", "sql",
          "createProcedure", "procedureText",
          "createView", "selectQuery",
          "sqlCheck", "sql",
          "column", "value",
          "stop", "message",
          "output", "message");

  // Attributes Liquibase's XML schema gives a closed list of values (and YAML does not): any
  // other value is refused before anything runs, as Liquibase refuses the file.
  private static final Map<String, Set<String>> ENUMERATED =
      Map.of("setColumnRemarks.columnParentType", Set.of("TABLE", "VIEW"));

  private final String file;
  private final Nodes nodes;
  private final Warnings warnings;

  private XmlChangelog(String file, Warnings warnings) {
    this.file = file;
    this.nodes = new Nodes(file);
    this.warnings = warnings;
  }

  /** The file as {@code {databaseChangeLog: [...]}}. */
  static Node read(String text, String file, Warnings warnings) {
    Element root = XmlElements.read(text, file);
    return new XmlChangelog(file, warnings).changelog(root);
  }

  private Node changelog(Element root) {
    if (!root.name().equals("databaseChangeLog")) {
      throw MigrateException.invalid(
          at(root),
          "an XML changelog's root element is <databaseChangeLog>, not <" + root.name() + ">");
    }
    List<Node> items = new ArrayList<>();
    String quoting = null;
    for (Attribute attribute : root.attributes()) {
      switch (attribute.name()) {
        case "logicalFilePath" ->
            items.add(
                nodes.single(
                    "logicalFilePath",
                    attribute.at(),
                    nodes.scalar(attribute.value(), attribute.at())));
        // Read per changeset (ChangesetReader), so the file's default goes down to each
        // changeset that does not set its own.
        case "objectQuotingStrategy" -> quoting = attribute.value();
        default ->
            warnings.warn(
                location(attribute),
                "attribute '" + attribute.name() + "' on <databaseChangeLog> is ignored");
      }
    }
    for (Element child : root.children()) {
      switch (child.name()) {
        case "changeSet" ->
            items.add(nodes.single("changeSet", child.at(), changeSet(child, quoting)));
        case "preConditions", "preconditions" ->
            items.add(nodes.single("preConditions", child.at(), preconditions(child)));
        case "modifyChangeSets" ->
            items.add(nodes.single("modifyChangeSets", child.at(), inOrder(child)));
        default -> items.add(nodes.single(child.name(), child.at(), element(child)));
      }
    }
    return nodes.single("databaseChangeLog", root.at(), nodes.sequence(items, root.at()));
  }

  // An element as a list of one-key maps, its attributes then its children in document order:
  // the includes of a <modifyChangeSets> are read in the order they are written.
  private Node inOrder(Element element) {
    List<Node> entries = new ArrayList<>();
    for (Attribute attribute : element.attributes()) {
      entries.add(
          nodes.single(
              attribute.name(), attribute.at(), nodes.scalar(attribute.value(), attribute.at())));
    }
    for (Element child : element.children()) {
      entries.add(nodes.single(child.name(), child.at(), element(child)));
    }
    return nodes.sequence(entries, element.at());
  }

  private Node changeSet(Element changeSet, String quoting) {
    Nodes.Mapping map = nodes.mapping(changeSet.at());
    for (Attribute attribute : changeSet.attributes()) {
      map.put(attribute.name(), attribute.value(), attribute.at());
    }
    if (quoting != null && changeSet.attribute("objectQuotingStrategy") == null) {
      map.put("objectQuotingStrategy", quoting, changeSet.at());
    }
    List<Node> changes = new ArrayList<>();
    List<Node> checkSums = new ArrayList<>();
    List<Node> modifySql = new ArrayList<>();
    List<Node> rollbacks = new ArrayList<>();
    for (Element child : changeSet.children()) {
      switch (child.name()) {
        case "comment" -> map.put("comment", child.at(), text(child));
        case "preConditions", "preconditions" ->
            map.put("preConditions", child.at(), preconditions(child));
        case "validCheckSum" -> checkSums.add(text(child));
        case "rollback" -> rollbacks.add(rollback(child));
        case "modifySql" -> modifySql.addAll(modifySql(child));
        default -> changes.add(nodes.single(child.name(), child.at(), element(child)));
      }
    }
    if (!checkSums.isEmpty()) {
      map.put(
          "validCheckSum",
          checkSums.get(0).getStartMark(),
          nodes.sequence(checkSums, checkSums.get(0).getStartMark()));
    }
    if (!modifySql.isEmpty()) {
      map.put(
          "modifySql",
          modifySql.get(0).getStartMark(),
          nodes.sequence(modifySql, modifySql.get(0).getStartMark()));
    }
    if (rollbacks.size() == 1) {
      map.put("rollback", rollbacks.get(0).getStartMark(), rollbacks.get(0));
    } else if (rollbacks.size() > 1) {
      throw MigrateException.invalid(
          YamlMap.at(rollbacks.get(1), file),
          "a changeSet has one <rollback>; put every undo step in it");
    }
    if (!changes.isEmpty()) {
      map.put(
          "changes",
          changes.get(0).getStartMark(),
          nodes.sequence(changes, changes.get(0).getStartMark()));
    }
    return map.node();
  }

  /**
   * A change, a column, an include…: attributes and children become keys; {@code <column>} children
   * gather under {@code columns}, each as {@code {column: …}}; a child without attributes or
   * children is its text; a child written more than once becomes a list.
   */
  private Node element(Element element) {
    Nodes.Mapping map = nodes.mapping(element.at());
    for (Attribute attribute : element.attributes()) {
      Set<String> allowed = ENUMERATED.get(element.name() + "." + attribute.name());
      if (allowed != null && !allowed.contains(attribute.value())) {
        throw MigrateException.invalid(
            location(attribute),
            "attribute '"
                + attribute.name()
                + "' of <"
                + element.name()
                + "> must be one of "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ", not '"
                + attribute.value()
                + "', as Liquibase's XML schema says");
      }
      map.put(attribute.name(), attribute.value(), attribute.at());
    }
    if (element.text() != null) {
      String key = TEXT_KEYS.get(element.name());
      if (key != null && !map.has(key)) {
        map.put(key, element.text(), element.at());
      } else {
        warnings.warn(
            at(element),
            "the text inside <" + element.name() + "> is ignored, as Liquibase ignores it");
      }
    }
    List<Node> columns = new ArrayList<>();
    Map<String, List<Node>> children = new LinkedHashMap<>();
    Map<String, Element> first = new LinkedHashMap<>();
    for (Element child : element.children()) {
      if (child.name().equals("column")) {
        columns.add(nodes.single("column", child.at(), element(child)));
        continue;
      }
      Node value =
          child.attributes().isEmpty() && child.children().isEmpty() ? text(child) : element(child);
      children.computeIfAbsent(child.name(), k -> new ArrayList<>()).add(value);
      first.putIfAbsent(child.name(), child);
    }
    if (!columns.isEmpty()) {
      map.put(
          "columns",
          columns.get(0).getStartMark(),
          nodes.sequence(columns, columns.get(0).getStartMark()));
    }
    children.forEach(
        (name, values) ->
            map.put(
                name,
                first.get(name).at(),
                values.size() == 1
                    ? values.get(0)
                    : nodes.sequence(values, values.get(0).getStartMark())));
    return map.node();
  }

  // Attributes (onFail, onError, …) and conditions, each a one-key item, as the YAML list form.
  private Node preconditions(Element container) {
    List<Node> items = new ArrayList<>();
    for (Attribute attribute : container.attributes()) {
      items.add(
          nodes.single(
              attribute.name(), attribute.at(), nodes.scalar(attribute.value(), attribute.at())));
    }
    for (Element child : container.children()) {
      items.add(nodes.single(child.name(), child.at(), condition(child)));
    }
    return nodes.sequence(items, container.at());
  }

  private Node condition(Element condition) {
    if (List.of("and", "or", "not").contains(condition.name())) {
      List<Node> items = new ArrayList<>();
      for (Element child : condition.children()) {
        items.add(nodes.single(child.name(), child.at(), condition(child)));
      }
      return nodes.sequence(items, condition.at());
    }
    return element(condition);
  }

  // SQL text, a list of changes, a reference to another changeset, or nothing to undo.
  private Node rollback(Element rollback) {
    if (!rollback.attributes().isEmpty()) {
      return element(rollback);
    }
    if (rollback.children().isEmpty()) {
      return rollback.text() == null ? nodes.empty(rollback.at()) : text(rollback);
    }
    List<Node> changes = new ArrayList<>();
    if (rollback.text() != null) {
      changes.add(
          nodes.single(
              "sql",
              rollback.at(),
              nodes.mapping(rollback.at()).put("sql", rollback.text(), rollback.at()).node()));
    }
    for (Element child : rollback.children()) {
      changes.add(nodes.single(child.name(), child.at(), element(child)));
    }
    return nodes.sequence(changes, rollback.at());
  }

  // One block per rewrite, each with the block's dbms and contexts, as YAML writes modifySql.
  private List<Node> modifySql(Element modifySql) {
    List<Node> blocks = new ArrayList<>();
    for (Element rewrite : modifySql.children()) {
      Nodes.Mapping block = nodes.mapping(rewrite.at());
      for (Attribute attribute : modifySql.attributes()) {
        block.put(attribute.name(), attribute.value(), attribute.at());
      }
      blocks.add(block.put(rewrite.name(), rewrite.at(), element(rewrite)).node());
    }
    return blocks;
  }

  private Node text(Element element) {
    return element.text() == null
        ? nodes.empty(element.at())
        : nodes.scalar(element.text(), element.at());
  }

  private Location at(Element element) {
    return new Location(file, element.at().getLine() + 1, element.at().getColumn() + 1);
  }

  private Location location(Attribute attribute) {
    return new Location(file, attribute.at().getLine() + 1, attribute.at().getColumn() + 1);
  }
}
