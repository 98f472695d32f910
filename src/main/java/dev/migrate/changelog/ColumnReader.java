package dev.migrate.changelog;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.MigrateException;
import dev.migrate.model.ReferentialAction;
import dev.migrate.model.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads Liquibase's column objects: definitions, defaults, inline constraints and values. */
final class ColumnReader {
  private static final Pattern REFERENCES = Pattern.compile("\\s*([^()\\s]+)\\s*\\(([^)]*)\\)\\s*");

  private final String file;
  private final Warnings warnings;
  private final java.util.Set<String> removed;

  /**
   * @param removed {@code changeType.key} pairs a removeChangeSetProperty drops, columns included
   */
  ColumnReader(String file, Warnings warnings, java.util.Set<String> removed) {
    this.file = file;
    this.warnings = warnings;
    this.removed = removed;
  }

  /** The column mappings of {@code columns:} (or the singular {@code column:}) of a change. */
  List<YamlMap> items(YamlMap map, String owner) {
    List<YamlMap> items = new ArrayList<>();
    List<Node> raw = map.has("columns") ? map.list("columns") : map.list("column");
    for (Node item : raw) {
      // Liquibase writes '- column: {...}'; a bare mapping is accepted as well.
      if (item instanceof MappingNode mapping
          && mapping.getValue().size() == 1
          && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key) {
        if (!key.getValue().equals("column")
            && mapping.getValue().get(0).getValueNode() instanceof MappingNode) {
          // e.g. a change mis-indented into a columns list: Liquibase skips it, and says nothing.
          warnings.warn(
              YamlMap.at(item, file),
              "'"
                  + key.getValue()
                  + "' in the columns of "
                  + owner
                  + " is not a column and is ignored");
          continue;
        }
        if (key.getValue().equals("column")) {
          item = mapping.getValue().get(0).getValueNode();
        }
      }
      items.add(YamlMap.of(item, file, "a column of " + owner));
    }
    return items;
  }

  List<Column> definitions(YamlMap map, String owner) {
    List<Column> columns = new ArrayList<>();
    for (YamlMap item : items(map, owner)) {
      columns.add(definition(item, owner));
    }
    return List.copyOf(columns);
  }

  /**
   * How an autoIncrement column generates its values: {@code generationType} (ALWAYS or BY DEFAULT,
   * the default), {@code startWith} and {@code incrementBy}, which Liquibase writes into the
   * column's identity clause. Without autoIncrement it writes none of them, and says nothing; this
   * warns.
   */
  private Column.Identity identity(YamlMap map, String name, boolean autoIncrement) {
    String generation = map.string("generationType");
    String start = map.integer("startWith", true);
    String increment = map.integer("incrementBy", true);
    boolean always = false;
    if (generation != null && !generation.isBlank()) {
      String words = generation.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
      if (!words.equals("ALWAYS") && !words.equals("BY DEFAULT")) {
        throw MigrateException.invalid(
            map.location("generationType"),
            "generationType of column '"
                + name
                + "' must be ALWAYS or BY DEFAULT, not '"
                + generation
                + "' (the words of PostgreSQL's GENERATED … AS IDENTITY)");
      }
      always = words.equals("ALWAYS");
    }
    boolean given = generation != null || start != null || increment != null;
    if (given && !autoIncrement) {
      warnings.warn(
          map.location(),
          "generationType, startWith and incrementBy of column '"
              + name
              + "' mean nothing without autoIncrement: true, and are ignored");
    }
    return new Column.Identity(always, start, increment);
  }

  /**
   * Column names with the values an insert or update gives them; {@code fromFile} reads a value
   * given by a file (valueBlobFile, valueClobFile), or returns null.
   */
  List<Change.ColumnValue> values(
      YamlMap map, String owner, java.util.function.Function<YamlMap, Value> fromFile) {
    List<Change.ColumnValue> values = new ArrayList<>();
    for (YamlMap item : items(map, owner)) {
      String name = item.requiredString("name", "a column of " + owner);
      Value value = value(item, "value", "a value of column '" + name + "'");
      Value file = fromFile.apply(item);
      if (value != null && file != null) {
        throw MigrateException.invalid(
            item.location(),
            "a value of column '" + name + "' is given by more than one value* key");
      }
      value = value == null ? file : value;
      item.string("type");
      warnings.unknownKeys(item, "column '" + name + "'");
      values.add(
          new Change.ColumnValue(name, value == null ? new Value(Value.Kind.NULL, null) : value));
    }
    return List.copyOf(values);
  }

  private Column definition(YamlMap map, String owner) {
    String name = map.requiredString("name", "a column of " + owner);
    String type = map.requiredString("type", "column '" + name + "'");
    boolean autoIncrement = map.bool("autoIncrement", false);
    Column column =
        new Column(
            name,
            type,
            value(map, "defaultValue", "a default of column '" + name + "'"),
            autoIncrement,
            map.string("remarks"),
            constraints(map.node("constraints"), name, owner),
            value(map, "value", "a value of column '" + name + "'"),
            identity(map, name, autoIncrement));
    if (owner.equals("createTable")
        && column.constraints().foreignKey() != null
        && column.constraints().foreignKey().name() == null) {
      throw MigrateException.invalid(
          map.location(),
          "column '"
              + name
              + "' of createTable references another table but has no 'foreignKeyName'"
              + " (Liquibase refuses it too, before it runs anything)");
    }
    map.optionalBool(
        "defaultOnNull"); // Oracle's DEFAULT ON NULL; Liquibase writes nothing for it on PostgreSQL
    // Column placement exists in MySQL only: Liquibase refuses it on PostgreSQL, migrate appends.
    for (String key : List.of("afterColumn", "beforeColumn", "position")) {
      if (map.string(key) != null && !removed.contains(owner + "." + key)) {
        warnings.warn(
            map.location(key),
            "'"
                + key
                + "' on column '"
                + name
                + "' is ignored: PostgreSQL appends columns"
                + " (Liquibase refuses it on PostgreSQL; removeChangeSetProperty can drop it)");
      }
    }
    warnings.unknownKeys(map, "column '" + name + "'");
    return column;
  }

  /**
   * The value given by {@code prefix} ({@code value}, {@code defaultValue}) and its typed forms
   * ({@code …Numeric}, {@code …Boolean}, {@code …Computed}, {@code …Date}, {@code …SequenceNext});
   * null when none is given.
   */
  Value value(YamlMap map, String prefix, String what) {
    return value(map, prefix, what, true);
  }

  /**
   * The same; {@code schemaBooleans} false where Liquibase's XML schema types a {@code …Boolean}
   * attribute as text (a loadData column's), so any word is read as a boolean.
   */
  Value value(YamlMap map, String prefix, String what, boolean schemaBooleans) {
    List<Value> given = new ArrayList<>();
    add(given, map, prefix, Value.Kind.STRING, schemaBooleans);
    add(given, map, prefix + "Numeric", Value.Kind.NUMERIC, schemaBooleans);
    add(given, map, prefix + "Boolean", Value.Kind.BOOLEAN, schemaBooleans);
    add(given, map, prefix + "Computed", Value.Kind.COMPUTED, schemaBooleans);
    add(given, map, prefix + "Date", Value.Kind.DATE, schemaBooleans);
    add(given, map, prefix + "SequenceNext", Value.Kind.SEQUENCE_NEXT, schemaBooleans);
    if (given.size() > 1) {
      throw MigrateException.invalid(
          map.location(), what + " is given by more than one " + prefix + "* key");
    }
    return given.isEmpty() ? null : given.get(0);
  }

  private void add(
      List<Value> given, YamlMap map, String key, Value.Kind kind, boolean schemaBooleans) {
    String text = map.string(key, kind == Value.Kind.DATE);
    if (text != null) {
      given.add(
          switch (kind) {
            case BOOLEAN -> bool(map, key, text, schemaBooleans);
            case NUMERIC -> number(text);
            case DATE -> date(text);
            // Liquibase writes the word null, in any case, as SQL's NULL.
            case STRING ->
                text.equalsIgnoreCase("null")
                    ? new Value(Value.Kind.NULL, null)
                    : new Value(kind, text);
            default -> new Value(kind, text);
          });
    }
  }

  /**
   * A number, as Liquibase reads one: a plain decimal number, perhaps in parentheses; other text (a
   * sign written +, spaces around it, a function) is an SQL expression, as valueComputed.
   */
  private static Value number(String text) {
    String bare = text.matches("\\(.*\\)") ? text.substring(1, text.length() - 1) : text;
    return bare.matches("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")
        ? new Value(Value.Kind.NUMERIC, bare)
        : new Value(Value.Kind.COMPUTED, text);
  }

  /**
   * A date, a time or both, as Liquibase reads one: ISO forms, written with a T between date and
   * time as Liquibase writes them; other text (now, a function) is an SQL expression, as
   * valueComputed.
   */
  private static Value date(String text) {
    String date = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    String time = "[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?";
    String zone = "(Z|[-+][0-9]{2}(:?[0-9]{2})?)?";
    if (text.matches(date) || text.matches(time + zone)) {
      return new Value(Value.Kind.DATE, text);
    }
    if (text.matches(date + "[ T]" + time + zone)) {
      return new Value(Value.Kind.DATE, text.replaceFirst(" ", "T"));
    }
    return new Value(Value.Kind.COMPUTED, text);
  }

  /**
   * A boolean value, as Liquibase reads one: a YAML boolean is what YAML says; text is true only
   * when it is "true" in any case, false otherwise, with a warning for text other than true or
   * false. In XML, Liquibase's schema takes only true, false, 1 and 0, spaces around dropped, for
   * defaultValueBoolean (valueBoolean is any text there).
   */
  private Value bool(YamlMap map, String key, String text, boolean schemaBooleans) {
    Boolean yaml = map.yamlBoolean(key);
    if (yaml != null) {
      return new Value(Value.Kind.BOOLEAN, yaml.toString());
    }
    boolean schemaBoolean = schemaBooleans && map.xml() && key.equals("defaultValueBoolean");
    String t = schemaBoolean ? text.strip() : text;
    if (schemaBoolean && !t.matches("true|false|1|0")) {
      throw MigrateException.invalid(
          map.location(key),
          "'"
              + key
              + "' must be true or false, not '"
              + text
              + "' (Liquibase's XML schema refuses it)");
    }
    boolean value = map.textTrue(key, t);
    return new Value(Value.Kind.BOOLEAN, String.valueOf(value));
  }

  private ColumnConstraints constraints(Node node, String column, String owner) {
    if (YamlMap.isNull(node)) {
      return ColumnConstraints.NONE;
    }
    YamlMap map = YamlMap.of(node, file, "'constraints' of column '" + column + "'");
    ColumnConstraints.ForeignKey foreignKey = foreignKey(map, column, owner);
    ColumnConstraints constraints =
        new ColumnConstraints(
            map.optionalBool("nullable"),
            map.bool("primaryKey", false),
            map.string("primaryKeyName"),
            map.bool("unique", false),
            map.string("uniqueConstraintName"),
            foreignKey,
            map.string("primaryKeyTablespace"));
    warnings.unknownKeys(map, "the constraints of column '" + column + "'");
    return constraints;
  }

  /**
   * An inline foreign key, with what Liquibase writes of it on PostgreSQL: a createTable keeps
   * {@code deferrable} and {@code initiallyDeferred} (a new table has no rows to validate); an
   * addColumn drops them, with a warning here, and adds the key NOT VALID under {@code
   * validateForeignKey: false}.
   */
  private ColumnConstraints.ForeignKey foreignKey(YamlMap map, String column, String owner) {
    boolean initiallyDeferred = map.bool("initiallyDeferred", false);
    boolean deferrable = map.bool("deferrable", false) || initiallyDeferred;
    boolean validate = map.bool("validateForeignKey", true);
    if (owner.equals("addColumn") && deferrable) {
      warnings.warn(
          map.location(map.has("deferrable") ? "deferrable" : "initiallyDeferred"),
          "deferrable and initiallyDeferred of the foreign key of addColumn column '"
              + column
              + "' are ignored, as Liquibase ignores them there (addForeignKeyConstraint takes"
              + " them)");
      deferrable = false;
      initiallyDeferred = false;
    }
    String name = map.string("foreignKeyName");
    String references = map.string("references");
    String table = map.string("referencedTableName");
    String schema = map.string("referencedTableSchemaName");
    String columns = map.string("referencedColumnNames");
    boolean cascade = map.bool("deleteCascade", false);
    if (references == null && table == null) {
      if (name != null) {
        warnings.warn(
            map.location("foreignKeyName"),
            "column '"
                + column
                + "' names foreignKeyName but no 'references': no foreign key is made, as in"
                + " Liquibase");
      }
      return null;
    }
    if (references != null) {
      Matcher m = REFERENCES.matcher(references);
      if (m.matches()) {
        table = m.group(1);
        columns = m.group(2);
      } else if (references.trim().matches("[^()\\s]+")) {
        table =
            references
                .trim(); // the referenced table's primary key, as PostgreSQL reads REFERENCES t
        columns = "";
      } else {
        throw MigrateException.invalid(
            map.location("references"),
            "'references' must read table(column), not '" + references + "'");
      }
      int dot = table.lastIndexOf('.');
      if (dot > 0) {
        schema = table.substring(0, dot);
        table = table.substring(dot + 1);
      }
    }
    if (columns == null) {
      // Liquibase makes no foreign key from referencedTableName alone; neither do we, but we say
      // so.
      warnings.warn(
          map.location("referencedTableName"),
          "column '"
              + column
              + "' names referencedTableName without"
              + " referencedColumnNames: no foreign key is created, as in Liquibase");
      return null;
    }
    return new ColumnConstraints.ForeignKey(
        name,
        schema,
        table,
        names(columns),
        cascade ? ReferentialAction.CASCADE : null,
        deferrable,
        initiallyDeferred,
        validate || !owner.equals("addColumn"));
  }

  /** A comma-separated list of names, as Liquibase writes columnNames. */
  static List<String> names(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
