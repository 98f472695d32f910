package dev.migrate.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.LoadDataColumnConfig;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

/**
 * A changelog as Liquibase 4.33 reads it, with no database: the changesets it would consider on
 * PostgreSQL (dbms, ignore and contexts applied as its update applies them), and each changeset
 * written back out by Liquibase's own YAML serializer.
 */
final class LiquibaseReading {
  private LiquibaseReading() {}

  static List<ChangeSet> changeSets(
      Path root, String master, Map<String, String> parameters, String contexts) {
    try {
      DirectoryResourceAccessor files = new DirectoryResourceAccessor(root);
      PostgresDatabase postgres = new PostgresDatabase();
      ChangeLogParameters values = new ChangeLogParameters(postgres);
      parameters.forEach(values::set);
      // Changes read their files (sqlFile, createProcedure's path) through the scope's accessor.
      DatabaseChangeLog changelog =
          Scope.child(
              Map.of(Scope.Attr.resourceAccessor.name(), files),
              () ->
                  ChangeLogParserFactory.getInstance()
                      .getParser(master, files)
                      .parse(master, values, files));
      DbmsChangeSetFilter dbms = new DbmsChangeSetFilter(postgres);
      IgnoreChangeSetFilter ignore = new IgnoreChangeSetFilter();
      ContextChangeSetFilter context = new ContextChangeSetFilter(new Contexts(contexts));
      List<ChangeSet> kept = new ArrayList<>();
      for (ChangeSet changeSet : changelog.getChangeSets()) {
        if (dbms.accepts(changeSet).isAccepted()
            && ignore.accepts(changeSet).isAccepted()
            && (contexts == null || context.accepts(changeSet).isAccepted())) {
          kept.add(changeSet);
        }
      }
      return kept;
    } catch (Exception e) {
      throw new IllegalStateException("Liquibase cannot read " + master + ": " + e.getMessage(), e);
    }
  }

  /** An attribute of a change type, as Liquibase's own description of the type gives it. */
  record Parameter(String name, String dataType, boolean required) {}

  /** The attributes Liquibase knows for this change type; empty when it knows no such type. */
  static List<Parameter> parameters(String changeType) {
    ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
    Change change = factory.create(changeType);
    if (change == null) {
      return List.of();
    }
    PostgresDatabase postgres = new PostgresDatabase();
    return factory.getChangeMetaData(change).getParameters().values().stream()
        .map(p -> new Parameter(p.getParameterName(), p.getDataType(), p.isRequiredFor(postgres)))
        .sorted(java.util.Comparator.comparing(Parameter::name))
        .toList();
  }

  /**
   * The attributes of a part of a change ({@code columnConfig}, {@code addColumnConfig}, {@code
   * loadDataColumnConfig}, {@code constraintsConfig}) as Liquibase's model has them, each with the
   * simple name of its Java type; nested parts and types without a name are left out.
   */
  static List<Parameter> parts(String part) {
    Object config =
        switch (part) {
          case "columnConfig" -> new liquibase.change.ColumnConfig();
          case "addColumnConfig" -> new liquibase.change.AddColumnConfig();
          case "loadDataColumnConfig" -> new LoadDataColumnConfig();
          case "constraintsConfig" -> new liquibase.change.ConstraintsConfig();
          default -> throw new IllegalArgumentException(part);
        };
    List<Parameter> parameters = new ArrayList<>();
    for (String field :
        new java.util.TreeSet<>(
            ((liquibase.serializer.LiquibaseSerializable) config).getSerializableFields())) {
      Class<?> type = liquibase.util.ObjectUtil.getPropertyType(config, field);
      if (type != null && !field.equals("constraints")) {
        String name = type.getSimpleName();
        parameters.add(
            new Parameter(
                field,
                name.equals("Boolean")
                    ? "boolean"
                    : name.matches("BigInteger|Integer|Number") ? "bigInteger" : name,
                false));
      }
    }
    return parameters;
  }

  /**
   * The attributes of a changeSet as Liquibase's XML schema lists them, each typed {@code boolean}
   * or {@code string}.
   */
  static List<Parameter> changeSetAttributes() {
    try (var xsd =
        LiquibaseReading.class.getResourceAsStream(
            "/www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd")) {
      var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      var groups =
          factory
              .newDocumentBuilder()
              .parse(xsd)
              .getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "attributeGroup");
      List<Parameter> attributes = new ArrayList<>();
      for (int i = 0; i < groups.getLength(); i++) {
        var group = (org.w3c.dom.Element) groups.item(i);
        if (group.getAttribute("name").equals("changeSetAttributes")) {
          var list = group.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "attribute");
          for (int j = 0; j < list.getLength(); j++) {
            var attribute = (org.w3c.dom.Element) list.item(j);
            attributes.add(
                new Parameter(
                    attribute.getAttribute("name"),
                    attribute.getAttribute("type").equals("booleanExp") ? "boolean" : "string",
                    attribute.getAttribute("use").equals("required")));
          }
        }
      }
      return attributes;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read Liquibase's XML schema", e);
    }
  }

  /**
   * Why Liquibase refuses this changelog before it runs anything, once it has read it: the
   * validation errors of its changes on PostgreSQL; empty when it takes it. (A parser's error is
   * {@link #changeSets}'s exception.)
   */
  static List<String> refusals(Path root, List<ChangeSet> changeSets) {
    PostgresDatabase postgres = new PostgresDatabase();
    List<String> errors = new ArrayList<>();
    try {
      Scope.child(
          Scope.Attr.resourceAccessor.name(),
          new DirectoryResourceAccessor(root),
          () -> {
            for (ChangeSet changeSet : changeSets) {
              for (Change change : changeSet.getChanges()) {
                errors.addAll(change.validate(postgres).getErrorMessages());
              }
            }
          });
    } catch (Exception e) {
      errors.add(e.getMessage());
    }
    return errors;
  }

  /** The changes of the changeset's rollback, as the changes of a one-changeset YAML changelog. */
  static Path rollbackAsYamlFile(ChangeSet changeSet, Path directory, int index) {
    ChangeSet undo =
        new ChangeSet(
            "undo",
            "a",
            false,
            false,
            changeSet.getFilePath(),
            null,
            null,
            changeSet.getChangeLog());
    changeSet.getRollback().getChanges().stream()
        .filter(change -> !(change instanceof EmptyChange))
        .forEach(undo::addChange);
    return asYamlFile(undo, directory, -1 - index);
  }

  /**
   * The changeset as a one-changeset YAML changelog file, written the way Liquibase serialises it.
   * Files its changes read relative to the changelog are named from the project root instead, since
   * the copy lies elsewhere; preconditions are left out (Liquibase writes them in a form of its
   * own).
   */
  /**
   * Liquibase's serializer writes a text that looks like a date unquoted (its resolver has no
   * timestamps), which a YAML reader, Liquibase's own among them, reads back as a date: such
   * scalars are quoted, so that the text reads back as the text it was.
   */
  private static String textKept(String yaml) {
    org.yaml.snakeyaml.Yaml plain = new org.yaml.snakeyaml.Yaml();
    org.yaml.snakeyaml.nodes.Node root = plain.compose(new java.io.StringReader(yaml));
    java.util.ArrayDeque<org.yaml.snakeyaml.nodes.Node> todo = new java.util.ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      org.yaml.snakeyaml.nodes.Node node = todo.pop();
      if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar
          && scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP)) {
        scalar.setTag(org.yaml.snakeyaml.nodes.Tag.STR);
      } else if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
        mapping
            .getValue()
            .forEach(
                tuple -> {
                  todo.add(tuple.getKeyNode());
                  todo.add(tuple.getValueNode());
                });
      } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
        todo.addAll(sequence.getValue());
      }
    }
    java.io.StringWriter out = new java.io.StringWriter();
    plain.serialize(root, out);
    return out.toString();
  }

  static Path asYamlFile(ChangeSet changeSet, Path directory, int index) {
    String folder = changeSet.getChangeLog().getPhysicalFilePath().replace('\\', '/');
    folder = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/') + 1) : "";
    for (Change change : changeSet.getChanges()) {
      if (change instanceof SQLFileChange file
          && Boolean.TRUE.equals(file.isRelativeToChangelogFile())) {
        file.setPath(folder + file.getPath());
        file.setRelativeToChangelogFile(false);
      } else if (change instanceof LoadDataChange data
          && Boolean.TRUE.equals(data.isRelativeToChangelogFile())) {
        data.setFile(folder + data.getFile());
        data.setRelativeToChangelogFile(false);
      }
    }
    changeSet.setPreconditions(null);
    String body = new YamlChangeLogSerializer().serialize(changeSet, true);
    StringBuilder text = new StringBuilder("databaseChangeLog:\n");
    boolean first = true;
    for (String line : body.split("\n", -1)) {
      text.append(first ? "- " : "  ").append(line).append('\n');
      first = false;
    }
    try {
      return Files.writeString(
          directory.resolve("serialized-" + index + ".yaml"), textKept(text.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
