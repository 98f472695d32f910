package dev.migrate.changelog;

import static dev.migrate.changelog.ColumnReader.names;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.Dbms;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.ReferentialAction;
import dev.migrate.model.Step;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Turns one {@code - changeType: {...}} item of a {@code changes:} list into a {@link Step}. */
final class ChangeReader {
  // Only these honour a change-level dbms in Liquibase; on any other type it is ignored.
  private static final Set<String> DBMS_TARGETED =
      Set.of("sql", "sqlFile", "createProcedure", "insert");

  /** Every change type this reader knows, as written in YAML. */
  static final Set<String> TYPES =
      Set.of(
          "createEnumType",
          "addEnumValue",
          "renameEnumValue",
          "dropEnumType",
          "createExtension",
          "createSchema",
          "createTable",
          "addColumn",
          "createIndex",
          "addForeignKeyConstraint",
          "addUniqueConstraint",
          "addPrimaryKey",
          "dropTable",
          "sql",
          "sqlFile",
          "createProcedure",
          "dropProcedure",
          "tagDatabase",
          "output",
          "stop",
          "modifyDataType",
          "addNotNullConstraint",
          "dropNotNullConstraint",
          "dropColumn",
          "renameColumn",
          "renameTable",
          "addDefaultValue",
          "dropDefaultValue",
          "setTableRemarks",
          "setColumnRemarks",
          "empty",
          "dropIndex",
          "dropPrimaryKey",
          "dropUniqueConstraint",
          "dropForeignKeyConstraint",
          "dropAllForeignKeyConstraints",
          "mergeColumns",
          "addLookupTable",
          "createView",
          "dropView",
          "renameView",
          "createSequence",
          "alterSequence",
          "dropSequence",
          "renameSequence",
          "addAutoIncrement",
          "insert",
          "update",
          "delete",
          "loadData",
          "loadUpdateData");

  /** Liquibase's message for a stop that gives none. */
  static final String STOP = "Stop command in changelog file";

  /** Where an output's message may go, as Liquibase names the places. */
  static final Set<String> OUTPUT_TARGETS =
      Set.of("STDOUT", "STDERR", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "SEVERE", "FATAL");

  private final String file;
  private final Warnings warnings;
  private final ColumnReader columns;
  private final FileChanges files;
  private final Set<String> removed;

  /**
   * @param removed {@code changeType.key} pairs a removeChangeSetProperty drops before reading
   */
  ChangeReader(String file, Warnings warnings, FileChanges files, Set<String> removed) {
    this.file = file;
    this.warnings = warnings;
    this.columns = new ColumnReader(file, warnings, removed);
    this.files = files;
    this.removed = removed;
  }

  /**
   * The change type a {@code changes:} item is written under. A key written twice in one item
   * counts once, its last value winning, as YAML loaders (and so Liquibase) read it.
   */
  static String typeOf(Node item) {
    if (item instanceof MappingNode mapping
        && !mapping.getValue().isEmpty()
        && mapping.getValue().stream().allMatch(t -> t.getKeyNode() instanceof ScalarNode)) {
      String key = ((ScalarNode) mapping.getValue().get(0).getKeyNode()).getValue();
      boolean one =
          mapping.getValue().stream()
              .allMatch(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(key));
      return one ? key : null;
    }
    return null;
  }

  private static Node bodyOf(Node item) {
    List<org.yaml.snakeyaml.nodes.NodeTuple> tuples = ((MappingNode) item).getValue();
    return tuples.get(tuples.size() - 1).getValueNode();
  }

  /**
   * Reads a change item; null when there is nothing to run: its {@code dbms} leaves it out on
   * PostgreSQL, or it is an {@code empty}.
   */
  Step read(Node item) {
    String type = typeOf(item);
    if (type == null) {
      throw MigrateException.invalid(
          YamlMap.at(item, file),
          "each item of 'changes' must be one change, e.g. '- createTable:'");
    }
    Node body = bodyOf(item);
    Location at = YamlMap.at(item, file);
    if (type.equals("sql") && body instanceof ScalarNode scalar) {
      return new Step(new Change.Sql(scalar.getValue(), true, false, null), at);
    }
    if (type.equals("empty")) {
      // Liquibase's placeholder: nothing to run, and so nothing to undo.
      if (!YamlMap.isNull(body)) {
        warnings.unknownKeys(YamlMap.of(YamlMap.joined(body), file, "'empty'"), type);
      }
      return null;
    }
    if (type.equals("stop")
        && (YamlMap.isNull(body)
            || body instanceof ScalarNode
            || body instanceof SequenceNode list && list.getValue().isEmpty())) {
      // '- stop:' with nothing, or '- stop: message', as Liquibase reads them.
      String message = body instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
      return new Step(new Change.Stop(message.isEmpty() ? STOP : message), at);
    }
    if (type.equals("tagDatabase") && YamlMap.isNull(body)) {
      return new Step(
          new Change.TagDatabase(""), at); // a mis-indented tag leaves it empty, as in Liquibase
    }
    // '- sql:' followed by a list of one-key mappings: Liquibase reads them as one mapping.
    YamlMap map = YamlMap.of(YamlMap.joined(body), file, "'" + type + "'");
    for (String key : List.copyOf(map.keys())) {
      if (removed.contains(type + "." + key)) {
        map.node(key);
      }
    }
    String dbms = map.string("dbms");
    if (!DBMS_TARGETED.contains(type) && dbms != null) {
      warnings.warn(
          map.location("dbms"),
          "'dbms' on "
              + type
              + " is ignored, as Liquibase ignores it: the change runs on PostgreSQL too");
    }
    refused(type, map);
    Change change = change(type, map, at);
    warnings.unknownKeys(map, type);
    if (DBMS_TARGETED.contains(type) && !Dbms.matchesPostgres(dbms)) {
      return null;
    }
    return new Step(change, at);
  }

  private Change change(String type, YamlMap map, Location at) {
    return switch (type) {
      case "createEnumType" -> createEnumType(map);
      case "addEnumValue" ->
          new Change.AddEnumValue(
              map.string("schemaName"),
              required(map, "typeName", type),
              required(map, "value", type),
              map.string("before"),
              map.string("after"));
      case "renameEnumValue" ->
          new Change.RenameEnumValue(
              map.string("schemaName"),
              required(map, "typeName", type),
              required(map, "oldValue", type),
              required(map, "newValue", type));
      case "dropEnumType" ->
          new Change.DropEnumType(map.string("schemaName"), required(map, "typeName", type));
      case "createExtension" ->
          new Change.CreateExtension(
              map.string("schemaName"), required(map, "extensionName", type));
      case "createSchema" -> new Change.CreateSchema(required(map, "schemaName", type));
      case "createTable" -> createTable(map);
      case "addColumn" -> addColumn(map);
      case "createIndex" -> createIndex(map);
      case "addForeignKeyConstraint" -> addForeignKey(map);
      case "addUniqueConstraint" -> addUnique(map);
      case "addPrimaryKey" ->
          new Change.AddPrimaryKey(
              map.string("schemaName"),
              required(map, "tableName", type),
              names(required(map, "columnNames", type)),
              map.string("constraintName"),
              map.string("tablespace"),
              map.bool("clustered", false));
      case "dropTable" ->
          new Change.DropTable(
              map.string("schemaName"),
              required(map, "tableName", type),
              map.bool("cascadeConstraints", false));
      case "sql" -> sql(map);
      case "sqlFile" -> files.sqlFile(map);
      case "createProcedure" -> createProcedure(map);
      case "tagDatabase" -> new Change.TagDatabase(map.has("tag") ? map.string("tag") : "");
      case "modifyDataType" ->
          new Change.ModifyDataType(
              map.string("schemaName"),
              required(map, "tableName", type),
              required(map, "columnName", type),
              required(map, "newDataType", type));
      case "addNotNullConstraint" -> addNotNull(map);
      case "dropNotNullConstraint" -> {
        map.string("columnDataType"); // Liquibase's key; PostgreSQL needs no type to drop NOT NULL
        map.string("constraintName");
        yield new Change.DropNotNullConstraint(
            map.string("schemaName"),
            required(map, "tableName", type),
            required(map, "columnName", type));
      }
      case "dropColumn" -> dropColumn(map);
      case "renameColumn" -> {
        map.string("columnDataType"); // Liquibase's keys; on PostgreSQL it writes neither
        map.string("remarks");
        yield new Change.RenameColumn(
            map.string("schemaName"),
            required(map, "tableName", type),
            required(map, "oldColumnName", type),
            required(map, "newColumnName", type));
      }
      case "renameTable" ->
          new Change.RenameTable(
              map.string("schemaName"),
              required(map, "oldTableName", type),
              required(map, "newTableName", type));
      case "addDefaultValue" -> addDefaultValue(map);
      case "dropDefaultValue" -> {
        map.string("columnDataType"); // Liquibase's key; PostgreSQL needs no type to drop a default
        yield new Change.DropDefaultValue(
            map.string("schemaName"),
            required(map, "tableName", type),
            required(map, "columnName", type));
      }
      case "setTableRemarks" ->
          new Change.SetTableRemarks(
              map.string("schemaName"), required(map, "tableName", type), map.string("remarks"));
      case "setColumnRemarks" -> {
        // Liquibase's keys for other databases: PostgreSQL comments on a column of a table or a
        // view alike, with no type.
        map.string("columnDataType");
        map.string("columnParentType");
        yield new Change.SetColumnRemarks(
            map.string("schemaName"),
            required(map, "tableName", type),
            required(map, "columnName", type),
            map.string("remarks"));
      }
      case "dropIndex" -> dropIndex(map);
      case "dropPrimaryKey" -> {
        map.optionalBool("dropIndex"); // the key's own index goes with it on PostgreSQL anyway
        yield new Change.DropPrimaryKey(
            map.string("schemaName"),
            required(map, "tableName", type),
            map.string("constraintName"));
      }
      case "dropUniqueConstraint" ->
          new Change.DropUniqueConstraint(
              map.string("schemaName"),
              required(map, "tableName", type),
              required(map, "constraintName", type));
      case "dropForeignKeyConstraint" ->
          new Change.DropForeignKeyConstraint(
              map.string("baseTableSchemaName"),
              required(map, "baseTableName", type),
              required(map, "constraintName", type));
      case "mergeColumns" ->
          new Change.MergeColumns(
              map.string("schemaName"),
              required(map, "tableName", type),
              required(map, "column1Name", type),
              // Liquibase writes a missing one as the text 'null' between the values.
              requiredText(map, "joinString", type),
              required(map, "column2Name", type),
              required(map, "finalColumnName", type),
              required(map, "finalColumnType", type));
      case "addLookupTable" -> addLookupTable(map);
      case "dropAllForeignKeyConstraints" ->
          new Change.DropAllForeignKeyConstraints(
              map.string("baseTableSchemaName"), required(map, "baseTableName", type));
      case "createView" -> createView(map);
      case "dropView" -> {
        map.optionalBool("ifExists"); // the guard skips a view that is not there either way
        yield new Change.DropView(map.string("schemaName"), required(map, "viewName", type));
      }
      case "renameView" ->
          new Change.RenameView(
              map.string("schemaName"),
              required(map, "oldViewName", type),
              required(map, "newViewName", type));
      case "createSequence" ->
          new Change.CreateSequence(
              map.string("schemaName"),
              required(map, "sequenceName", type),
              map.string("dataType"),
              map.integer("startValue", false),
              map.integer("incrementBy", false),
              map.integer("minValue", false),
              map.integer("maxValue", false),
              map.integer("cacheSize", false),
              map.bool("cycle", false));
      case "alterSequence" ->
          new Change.AlterSequence(
              map.string("schemaName"),
              required(map, "sequenceName", type),
              map.integer("incrementBy", false),
              map.integer("minValue", false),
              map.integer("maxValue", false),
              map.integer("cacheSize", false),
              map.optionalBool("cycle"),
              map.string("dataType"));
      case "dropSequence" ->
          new Change.DropSequence(map.string("schemaName"), required(map, "sequenceName", type));
      case "renameSequence" ->
          new Change.RenameSequence(
              map.string("schemaName"),
              required(map, "oldSequenceName", type),
              required(map, "newSequenceName", type));
      case "addAutoIncrement" -> addAutoIncrement(map);
      case "insert" ->
          new Change.Insert(
              map.string("schemaName"),
              required(map, "tableName", type),
              columns.values(map, type, files::lob));
      case "update" ->
          new Change.Update(
              map.string("schemaName"),
              required(map, "tableName", type),
              columns.values(map, type, files::lob),
              map.string("where"));
      case "delete" ->
          new Change.Delete(
              map.string("schemaName"), required(map, "tableName", type), map.string("where"));
      case "output" -> output(map, type);
      case "stop" -> {
        String message = map.string("message");
        yield new Change.Stop(message == null || message.isBlank() ? STOP : message.strip());
      }
      case "dropProcedure" ->
          new Change.DropProcedure(map.string("schemaName"), required(map, "procedureName", type));
      case "loadData" -> files.loadData(map);
      case "loadUpdateData" -> files.loadUpdateData(map);
      // Liquibase's own types that run a program of the project's, which migrate cannot run.
      case "customChange", "executeCommand" ->
          throw MigrateException.invalid(
              at,
              type
                  + " runs "
                  + (type.equals("customChange")
                      ? "a Java class of the project (" + map.string("class") + ")"
                      : "a program (" + map.string("executable") + ")")
                  + ", which migrate cannot run: write what it does as SQL (a sql or sqlFile"
                  + " change) in its place");
      default ->
          throw MigrateException.invalid(
              at,
              "unknown change type '"
                  + type
                  + "'. Check the spelling and capitalization; docs/change-types.md lists every supported type");
    };
  }

  // Its message, spaces around it dropped, is required; its target, STDERR when not given, is
  // refused when Liquibase would refuse it as the change runs.
  private Change output(YamlMap map, String type) {
    String message = map.string("message");
    if (message == null || message.isBlank()) {
      throw MigrateException.invalid(map.location(), "output needs 'message'");
    }
    String target = map.string("target");
    target = target == null || target.isBlank() ? "STDERR" : target.strip();
    if (!OUTPUT_TARGETS.contains(target.toUpperCase(java.util.Locale.ROOT))) {
      throw MigrateException.invalid(
          map.location("target"),
          "output target '"
              + target
              + "' is not one of "
              + String.join(", ", OUTPUT_TARGETS.stream().sorted().toList()));
    }
    return new Change.Output(message.strip(), target.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Refuses what Liquibase's validation refuses on PostgreSQL before it runs anything: attributes
   * PostgreSQL has no use for, and attributes that contradict each other.
   */
  private static void refused(String type, YamlMap map) {
    String why =
        switch (type) {
          case "createSequence" ->
              map.has("ordered") ? "'ordered' is not allowed on PostgreSQL" : null;
          case "addUniqueConstraint" ->
              map.bool("clustered", false) ? "'clustered' is not allowed on PostgreSQL" : null;
          case "addPrimaryKey" ->
              map.bool("clustered", false) && map.string("constraintName") == null
                  ? "'clustered' needs 'constraintName' on PostgreSQL"
                  : null;
          case "createProcedure" ->
              map.bool("replaceIfExists", false) && map.string("procedureName") == null
                  ? "'replaceIfExists' needs 'procedureName'"
                  : map.has("path") && (map.has("procedureText") || map.has("procedureBody"))
                      ? "give either 'path' or the procedure's text, not both"
                      : null;
          case "createView" ->
              map.has("path") && map.has("selectQuery")
                  ? "give either 'path' or the view's query, not both"
                  : null;
          case "insert", "update" -> map.list("columns").isEmpty() ? "it needs 'columns'" : null;
          // Required by Liquibase's XML schema alone: YAML and JSON may leave them out.
          case "dropIndex" ->
              map.xml() && !map.has("tableName") ? "<dropIndex> needs 'tableName' in XML" : null;
          case "tagDatabase" ->
              map.xml() && !map.has("tag") ? "<tagDatabase> needs 'tag' in XML" : null;
          case "createIndex" ->
              map.xml() && !map.has("indexName") ? "<createIndex> needs 'indexName' in XML" : null;
          default -> null;
        };
    if (why != null) {
      throw MigrateException.invalid(
          map.location(),
          type + ": " + why + " (Liquibase refuses it too, before it runs anything)");
    }
  }

  /** The texts of the files the changes read since the last call (sqlFile, loadData, path). */
  List<String> filesRead() {
    return files.takeTexts();
  }

  /** A loadData read since the last call, as an m1 checksum counted it; null for none. */
  String legacyLoadData() {
    return files.takeLegacy();
  }

  private static String required(YamlMap map, String key, String type) {
    return map.requiredString(key, type);
  }

  // Required, and taken as written even when empty or blank (a join string of "" or " ").
  private static String requiredText(YamlMap map, String key, String type) {
    String value = map.string(key);
    if (value == null) {
      throw MigrateException.invalid(map.location(), type + " needs '" + key + "'");
    }
    return value;
  }

  private Change createEnumType(YamlMap map) {
    String name = required(map, "typeName", "createEnumType");
    List<String> values = new ArrayList<>();
    for (Node value : map.list("values")) {
      if (!(value instanceof ScalarNode scalar)) {
        throw MigrateException.invalid(
            YamlMap.at(value, file), "each of 'values' must be a single label");
      }
      values.add(scalar.getValue());
    }
    if (values.isEmpty()) {
      throw MigrateException.invalid(
          map.location(), "createEnumType needs at least one of 'values'");
    }
    if (values.stream().distinct().count() != values.size()) {
      throw MigrateException.invalid(map.location(), "createEnumType 'values' repeat a label");
    }
    return new Change.CreateEnumType(map.string("schemaName"), name, List.copyOf(values));
  }

  private Change createTable(YamlMap map) {
    String table = required(map, "tableName", "createTable");
    List<Column> list = columns.definitions(map, "createTable");
    if (list.isEmpty()) {
      throw MigrateException.invalid(map.location(), "createTable '" + table + "' needs 'columns'");
    }
    // The guard skips a table that is there with these columns either way; one that is there with
    // others is drift, where CREATE TABLE IF NOT EXISTS would pass it by (docs/liquibase.md).
    map.optionalBool("ifNotExists");
    // Liquibase writes CREATE <tableType> TABLE. Of PostgreSQL's kinds only UNLOGGED lasts past
    // the session: a TEMPORARY table cannot be schema-qualified, and would vanish with the run.
    String type = map.string("tableType");
    if (type != null && !type.strip().equalsIgnoreCase("UNLOGGED")) {
      throw MigrateException.invalid(
          map.location("tableType"),
          "createTable '"
              + table
              + "': tableType '"
              + type
              + "' is not supported; PostgreSQL tables that outlive a session are permanent"
              + " (leave tableType out) or UNLOGGED");
    }
    return new Change.CreateTable(
        map.string("schemaName"),
        table,
        map.string("remarks"),
        list,
        type != null,
        map.string("tablespace"));
  }

  private Change addColumn(YamlMap map) {
    String table = required(map, "tableName", "addColumn");
    List<Column> list = columns.definitions(map, "addColumn");
    if (list.isEmpty()) {
      throw MigrateException.invalid(
          map.location(), "addColumn on '" + table + "' needs 'columns'");
    }
    return new Change.AddColumn(map.string("schemaName"), table, list);
  }

  private Change createIndex(YamlMap map) {
    List<String> names = new ArrayList<>();
    List<String> descending = new ArrayList<>();
    for (YamlMap column : columns.items(map, "createIndex")) {
      String name = column.requiredString("name", "an index column");
      names.add(name);
      if (column.bool("descending", false)) {
        descending.add(name);
      }
      column.string("type"); // the column's type: not needed to index it
      warnings.unknownKeys(column, "an index column");
    }
    // Without indexName PostgreSQL names the index, as it does for Liquibase's CREATE INDEX ON.
    String index = map.string("indexName");
    if (names.isEmpty()) {
      throw MigrateException.invalid(
          map.location(),
          "createIndex " + (index == null ? "" : "'" + index + "' ") + "needs 'columns'");
    }
    boolean clustered = map.bool("clustered", false);
    if (clustered && (index == null || map.bool("concurrently", false))) {
      // Liquibase names the index in CLUSTER … USING, and "null" where none is given.
      throw MigrateException.invalid(
          map.location(),
          index == null
              ? "createIndex: 'clustered' needs 'indexName': the table is clustered on the index"
                  + " it names (Liquibase writes CLUSTER … USING null, which fails)"
              : "createIndex '"
                  + index
                  + "': 'clustered' and 'concurrently' do not go together: CLUSTER locks the"
                  + " table against every read and write while it rewrites it");
    }
    return new Change.CreateIndex(
        map.string("schemaName"),
        required(map, "tableName", "createIndex"),
        index,
        map.bool("unique", false),
        List.copyOf(names),
        List.copyOf(descending),
        map.bool("concurrently", false),
        map.string("using"),
        map.string("tablespace"),
        clustered);
  }

  private Change addUnique(YamlMap map) {
    String type = "addUniqueConstraint";
    // INITIALLY DEFERRED makes no sense without DEFERRABLE; PostgreSQL implies it, and so do we.
    boolean initiallyDeferred = map.bool("initiallyDeferred", false);
    return new Change.AddUniqueConstraint(
        map.string("schemaName"),
        required(map, "tableName", type),
        names(required(map, "columnNames", type)),
        map.string("constraintName"),
        map.bool("deferrable", false) || initiallyDeferred,
        initiallyDeferred,
        map.string("tablespace"));
  }

  private Change addForeignKey(YamlMap map) {
    String type = "addForeignKeyConstraint";
    List<String> base = names(required(map, "baseColumnNames", type));
    List<String> referenced = names(required(map, "referencedColumnNames", type));
    if (base.size() != referenced.size()) {
      throw MigrateException.invalid(
          map.location(), type + ": baseColumnNames and referencedColumnNames differ in count");
    }
    ReferentialAction onDelete = action(map, "onDelete");
    if (map.string("deleteCascade") != null) {
      // Liquibase sets deleteCascade after onDelete, and its setter makes the rule CASCADE only
      // where none was set; otherwise, true or false, it clears the rule. So both keys together
      // give no ON DELETE at all, and existing databases hold their keys so.
      if (onDelete != null) {
        warnings.warn(
            map.location("deleteCascade"),
            type
                + " "
                + map.string("constraintName")
                + ": deleteCascade beside onDelete leaves the key with no ON DELETE rule, as"
                + " Liquibase makes it; keep one of the two");
        onDelete = null;
      } else if (map.bool("deleteCascade", false)) {
        onDelete = ReferentialAction.CASCADE;
      }
    }
    boolean initiallyDeferred = map.bool("initiallyDeferred", false);
    // INITIALLY DEFERRED makes no sense without DEFERRABLE; PostgreSQL implies it, and so do we.
    boolean deferrable = map.bool("deferrable", false) || initiallyDeferred;
    // validate: false adds the key NOT VALID: rows already there are not checked.
    boolean validate = map.bool("validate", true);
    return new Change.AddForeignKeyConstraint(
        map.string("baseTableSchemaName"),
        required(map, "baseTableName", type),
        base,
        required(map, "constraintName", type),
        map.string("referencedTableSchemaName"),
        required(map, "referencedTableName", type),
        referenced,
        onDelete,
        action(map, "onUpdate"),
        deferrable,
        initiallyDeferred,
        validate);
  }

  private static Change addLookupTable(YamlMap map) {
    String type = "addLookupTable";
    String existingTable = required(map, "existingTableName", type);
    String newTable = required(map, "newTableName", type);
    String constraint = map.string("constraintName");
    return new Change.AddLookupTable(
        map.string("existingTableSchemaName"),
        existingTable,
        required(map, "existingColumnName", type),
        map.string("newTableSchemaName"),
        newTable,
        required(map, "newColumnName", type),
        map.string("newColumnDataType"),
        // Liquibase's name for a key not named: the two tables' names as written, in capitals,
        // then folded as any name written so.
        constraint != null
            ? constraint
            : ("FK_" + existingTable + "_" + newTable).toUpperCase(Locale.ROOT));
  }

  private Change sql(YamlMap map) {
    map.string("comment"); // documentation only
    return new Change.Sql(
        required(map, "sql", "sql"),
        map.bool("splitStatements", true),
        map.bool("stripComments", false),
        map.string("endDelimiter"));
  }

  private Change createProcedure(YamlMap map) {
    // procedureBody is the older name of procedureText and still works; path names a file.
    String text =
        map.has("path")
            ? files.text(map, "createProcedure")
            : map.has("procedureText") ? map.string("procedureText") : map.string("procedureBody");
    fileOptions(map);
    map.string("schemaName");
    map.string("procedureName");
    map.optionalBool("replaceIfExists");
    if (text == null || text.isBlank()) {
      throw MigrateException.invalid(
          map.location(), "createProcedure needs 'procedureText' or the 'path' of a file");
    }
    return new Change.CreateProcedure(text);
  }

  private Change addNotNull(YamlMap map) {
    String type = "addNotNullConstraint";
    Value fill = columns.value(map, "defaultNullValue", "defaultNullValue");
    map.string("constraintName");
    map.optionalBool("validate");
    return new Change.AddNotNullConstraint(
        map.string("schemaName"),
        required(map, "tableName", type),
        required(map, "columnName", type),
        map.string("columnDataType"),
        fill);
  }

  private Change dropColumn(YamlMap map) {
    List<String> names = new ArrayList<>();
    if (map.has("columnName")) {
      names.add(map.string("columnName"));
    }
    for (YamlMap column : columns.items(map, "dropColumn")) {
      names.add(column.requiredString("name", "a column of dropColumn"));
      column.string("type");
      warnings.unknownKeys(column, "a column of dropColumn");
    }
    if (names.isEmpty()) {
      throw MigrateException.invalid(map.location(), "dropColumn needs 'columnName' or 'columns'");
    }
    return new Change.DropColumn(
        map.string("schemaName"), required(map, "tableName", "dropColumn"), List.copyOf(names));
  }

  private Change addDefaultValue(YamlMap map) {
    String type = "addDefaultValue";
    Value value = columns.value(map, "defaultValue", type);
    map.string("columnDataType");
    map.string("defaultValueConstraintName");
    if (value == null) {
      throw MigrateException.invalid(
          map.location(),
          type
              + " needs one of defaultValue, defaultValueNumeric, defaultValueBoolean,"
              + " defaultValueComputed, defaultValueDate or defaultValueSequenceNext");
    }
    return new Change.AddDefaultValue(
        map.string("schemaName"),
        required(map, "tableName", type),
        required(map, "columnName", type),
        value);
  }

  private Change dropIndex(YamlMap map) {
    map.string("tableName"); // PostgreSQL names indexes per schema; the table is not needed
    map.string("associatedWith");
    return new Change.DropIndex(map.string("schemaName"), required(map, "indexName", "dropIndex"));
  }

  private Change createView(YamlMap map) {
    String type = "createView";
    String query = map.has("path") ? files.text(map, type) : required(map, "selectQuery", type);
    fileOptions(map);
    return new Change.CreateView(
        map.string("schemaName"),
        required(map, "viewName", type),
        query,
        map.bool("replaceIfExists", false),
        map.bool("fullDefinition", false),
        map.string("remarks"));
  }

  // How a change's file is found and read; without 'path' they mean nothing, as in Liquibase.
  private static void fileOptions(YamlMap map) {
    map.optionalBool("relativeToChangelogFile");
    map.string("encoding");
  }

  private Change addAutoIncrement(YamlMap map) {
    String type = "addAutoIncrement";
    map.string("columnDataType");
    map.optionalBool("defaultOnNull");
    map.string("generationType"); // Liquibase's PostgreSQL form is a sequence default either way
    return new Change.AddAutoIncrement(
        map.string("schemaName"),
        required(map, "tableName", type),
        required(map, "columnName", type),
        map.integer("startWith", true),
        map.integer("incrementBy", true));
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
          "'"
              + key
              + "' must be CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION, not '"
              + text
              + "'");
    }
    return action;
  }
}
