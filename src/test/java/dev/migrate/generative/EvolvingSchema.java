package dev.migrate.generative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a valid random YAML changelog from a seed, over a model of the schema it builds: each
 * changeset makes, alters, renames, drops or fills something that exists at that point, so the
 * changelog runs on an empty database. Objects others depend on (a column in an index, a foreign
 * key or a view; a table referenced or viewed) are left alone by the changes that would fail on
 * them, as a person writing the changelog would.
 */
final class EvolvingSchema {
  private static final String[] TYPES = {"int", "bigint", "varchar(40)", "text", "boolean", "date"};

  /** A column: its name and type; {@code pinned} when an index, key or view uses it. */
  private static final class Col {
    String name;
    String type;
    boolean pinned;
    boolean notNull;

    Col(String name, String type) {
      this.name = name;
      this.type = type;
    }
  }

  private static final class Table {
    String name;
    final List<Col> columns = new ArrayList<>();
    boolean pinned; // referenced by a foreign key or read by a view
    int rows;
  }

  private final Random random;
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
  private int serial;

  private EvolvingSchema(long seed) {
    this.random = new Random(seed);
  }

  /**
   * A change and how it is undone: {@code undo} is the inverse as changes (empty when there is
   * nothing to undo); {@code inferred} when migrate and Liquibase derive that inverse themselves.
   */
  private record Step(String change, String undo, boolean inferred) {}

  /** A changelog of {@code changesets} changesets made from {@code seed}. */
  static String changelog(long seed, int changesets) {
    EvolvingSchema schema = new EvolvingSchema(seed);
    for (int i = 0; i < changesets; i++) {
      List<Step> steps = new ArrayList<>();
      int count = 1 + schema.random.nextInt(3);
      for (int c = 0; c < count; c++) {
        steps.add(schema.change());
      }
      schema
          .yaml
          .append("  - changeSet:\n      id: g")
          .append(i + 1)
          .append("\n      author: gen\n")
          .append(schema.random.nextInt(6) == 0 ? "      runInTransaction: false\n" : "")
          .append("      changes:\n");
      for (Step step : steps) {
        schema.yaml.append(step.change().indent(8));
      }
      // Every change undone: in a rollback block, newest first, when one of them has no inverse
      // that the tools derive.
      if (steps.stream().anyMatch(step -> !step.inferred())) {
        StringBuilder undo = new StringBuilder();
        for (int s = steps.size() - 1; s >= 0; s--) {
          undo.append(steps.get(s).undo().isEmpty() ? "" : steps.get(s).undo().indent(8));
        }
        schema
            .yaml
            .append("      rollback:\n")
            .append(undo.isEmpty() ? "- sql: SELECT 1".indent(8) : undo);
      }
    }
    return schema.yaml.toString();
  }

  private static Step inferred(String change, String undo) {
    return new Step(change, undo, true);
  }

  private static Step written(String change, String undo) {
    return new Step(change, undo, false);
  }

  private String name(String prefix) {
    return prefix + (++serial);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private Step change() {
    List<Table> all = new ArrayList<>(tables.values());
    if (all.isEmpty() || random.nextInt(6) == 0) {
      return createTable();
    }
    Table t = pick(all);
    List<Col> free = t.columns.stream().filter(c -> !c.pinned && !c.name.equals("id")).toList();
    switch (random.nextInt(15)) {
      case 11:
        List<Col> keyable =
            free.stream().filter(c -> !c.type.equals("boolean") && !c.type.equals("date")).toList();
        if (!keyable.isEmpty()) {
          // Inserted values are unique per row for these types (see insert).
          Col c = pick(keyable);
          c.pinned = true;
          String constraint = name("uq");
          return inferred(
              "- addUniqueConstraint: {tableName: "
                  + t.name
                  + ", columnNames: "
                  + c.name
                  + ", constraintName: "
                  + constraint
                  + "}",
              "- dropUniqueConstraint: {tableName: "
                  + t.name
                  + ", constraintName: "
                  + constraint
                  + "}");
        }
        return addColumn(t);
      case 12:
        for (Col c : free) {
          if (c.type.equals("text") || c.type.equals("varchar(40)")) {
            return inferred(
                "- addDefaultValue: {tableName: "
                    + t.name
                    + ", columnName: "
                    + c.name
                    + ", defaultValue: d"
                    + random.nextInt(100)
                    + "}",
                "- dropDefaultValue: {tableName: " + t.name + ", columnName: " + c.name + "}");
          }
        }
        return addColumn(t);
      case 13:
        {
          String sequence = name("s");
          return inferred(
              "- createSequence: {sequenceName: " + sequence + ", startValue: 5}",
              "- dropSequence: {sequenceName: " + sequence + "}");
        }
      case 14:
        {
          String function = name("f");
          return written(
              "- sql:\n    splitStatements: false\n    sql: CREATE FUNCTION "
                  + function
                  + "() RETURNS int LANGUAGE sql AS $$ SELECT "
                  + random.nextInt(100)
                  + " $$",
              "- sql: DROP FUNCTION " + function + "()");
        }
      case 0:
        return addColumn(t);
      case 1:
        if (!free.isEmpty()) {
          Col c = pick(free);
          String from = c.name;
          c.name = name("r");
          return inferred(
              "- renameColumn: {tableName: "
                  + t.name
                  + ", oldColumnName: "
                  + from
                  + ", newColumnName: "
                  + c.name
                  + "}",
              "- renameColumn: {tableName: "
                  + t.name
                  + ", oldColumnName: "
                  + c.name
                  + ", newColumnName: "
                  + from
                  + "}");
        }
        return addColumn(t);
      case 2:
        if (free.size() > 1) {
          Col c = pick(free);
          t.columns.remove(c);
          Step added = added(t, c);
          return written(added.undo(), added.change());
        }
        return addColumn(t);
      case 3:
        for (Col c : free) {
          if (c.type.equals("int") || c.type.equals("varchar(40)")) {
            String from = c.type;
            c.type = c.type.equals("int") ? "bigint" : "text";
            return written(
                "- modifyDataType: {tableName: "
                    + t.name
                    + ", columnName: "
                    + c.name
                    + ", newDataType: "
                    + c.type
                    + "}",
                "- modifyDataType: {tableName: "
                    + t.name
                    + ", columnName: "
                    + c.name
                    + ", newDataType: "
                    + from
                    + "}");
          }
        }
        return addColumn(t);
      case 4:
        if (!free.isEmpty()) {
          Col c = pick(free);
          c.pinned = true;
          String index = name("ix");
          return inferred(
              "- createIndex: {tableName: "
                  + t.name
                  + ", indexName: "
                  + index
                  + ", columns: [{column: {name: "
                  + c.name
                  + "}}]}",
              "- dropIndex: {tableName: " + t.name + ", indexName: " + index + "}");
        }
        return addColumn(t);
      case 5:
        return insert(t);
      case 6:
        if (!t.pinned) {
          String from = t.name;
          String to = name("tr");
          tables.remove(t.name);
          t.name = to;
          tables.put(to, t);
          return inferred(
              "- renameTable: {oldTableName: " + from + ", newTableName: " + to + "}",
              "- renameTable: {oldTableName: " + to + ", newTableName: " + from + "}");
        }
        return insert(t);
      case 7:
        {
          List<Table> parents = all.stream().filter(p -> p != t).toList();
          if (parents.isEmpty()) {
            return addColumn(t);
          }
          Table parent = pick(parents);
          parent.pinned = true;
          Col fk = new Col(name("fk_col"), "int");
          fk.pinned = true;
          t.columns.add(fk);
          String constraint = name("fk");
          return inferred(
              "- addColumn: {tableName: "
                  + t.name
                  + ", columns: [{column: {name: "
                  + fk.name
                  + ", type: int}}]}\n- addForeignKeyConstraint: {baseTableName: "
                  + t.name
                  + ", baseColumnNames: "
                  + fk.name
                  + ", referencedTableName: "
                  + parent.name
                  + ", referencedColumnNames: id, constraintName: "
                  + constraint
                  + "}",
              "- dropForeignKeyConstraint: {baseTableName: "
                  + t.name
                  + ", constraintName: "
                  + constraint
                  + "}\n- dropColumn: {tableName: "
                  + t.name
                  + ", columnName: "
                  + fk.name
                  + "}");
        }
      case 8:
        {
          t.pinned = true;
          Col shown = t.columns.get(0);
          shown.pinned = true;
          String view = name("v");
          return written(
              "- sql: CREATE VIEW " + view + " AS SELECT " + shown.name + " FROM " + t.name,
              "- sql: DROP VIEW " + view);
        }
      case 9:
        List<Col> nullable = free.stream().filter(c -> !c.notNull).toList();
        if (t.rows > 0 && !nullable.isEmpty()) {
          Col c = pick(nullable);
          return written("- sql: UPDATE " + t.name + " SET " + c.name + " = NULL WHERE id = 1", "");
        }
        return insert(t);
      default:
        if (!t.pinned && all.size() > 1) {
          tables.remove(t.name);
          return written("- dropTable: {tableName: " + t.name + "}", createTableYaml(t));
        }
        return insert(t);
    }
  }

  private Step createTable() {
    Table t = new Table();
    t.name = name("t");
    t.columns.add(new Col("id", "int"));
    int more = 1 + random.nextInt(3);
    for (int i = 0; i < more; i++) {
      Col c = new Col(name("c"), pick(List.of(TYPES)));
      c.notNull = random.nextInt(3) == 0;
      t.columns.add(c);
    }
    tables.put(t.name, t);
    // A NOT NULL column makes later inserts need a value for it: every insert gives all columns.
    return inferred(createTableYaml(t), "- dropTable: {tableName: " + t.name + "}");
  }

  // The createTable of a table as the model has it now.
  private static String createTableYaml(Table t) {
    StringBuilder change =
        new StringBuilder("- createTable:\n    tableName: ")
            .append(t.name)
            .append(
                "\n    columns:\n      - column: {name: id, type: int, constraints: {primaryKey: true}}\n");
    for (Col c : t.columns.subList(1, t.columns.size())) {
      change
          .append("      - column: {name: ")
          .append(c.name)
          .append(", type: ")
          .append(c.type)
          .append(c.notNull ? ", constraints: {nullable: false}" : "")
          .append("}\n");
    }
    return change.toString().stripTrailing();
  }

  private Step addColumn(Table t) {
    Col c = new Col(name("c"), pick(List.of(TYPES)));
    t.columns.add(c);
    return added(t, c);
  }

  // The addColumn of this column, undone by dropColumn.
  private static Step added(Table t, Col c) {
    return inferred(
        "- addColumn: {tableName: "
            + t.name
            + ", columns: [{column: {name: "
            + c.name
            + ", type: "
            + c.type
            + "}}]}",
        "- dropColumn: {tableName: " + t.name + ", columnName: " + c.name + "}");
  }

  private Step insert(Table t) {
    t.rows++;
    StringBuilder values = new StringBuilder();
    for (Col c : t.columns) {
      String value =
          c.name.equals("id")
              ? "valueNumeric: " + t.rows
              : c.name.startsWith("fk_col")
                  ? "valueNumeric: null"
                  : switch (c.type) {
                    case "int", "bigint" ->
                        "valueNumeric: " + (t.rows * 1000 + random.nextInt(1000));
                    case "boolean" -> "valueBoolean: " + random.nextBoolean();
                    case "date" ->
                        "valueDate: 2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
                    default -> "value: v" + t.rows + "x" + random.nextInt(1000);
                  };
      if (value.equals("valueNumeric: null")) {
        continue; // a foreign key column stays NULL
      }
      values
          .append(values.length() == 0 ? "" : ", ")
          .append("{column: {name: ")
          .append(c.name)
          .append(", ")
          .append(value)
          .append("}}");
    }
    return written(
        "- insert: {tableName: " + t.name + ", columns: [" + values + "]}",
        "- delete: {tableName: " + t.name + ", where: id = " + t.rows + "}");
  }

  /**
   * What a crash leaves of changeset {@code done + 1} of a changelog this class wrote, as a
   * changelog of one changeset {@code crash}: some of its first steps, when it runs outside a
   * transaction and has more than one; null otherwise (a crash inside a transaction leaves
   * nothing).
   */
  static String cutShort(String changelog, int done, Random random) {
    String[] changesets = changelog.split("\n  - changeSet:\n");
    if (done + 1 >= changesets.length
        || !changesets[done + 1].contains("runInTransaction: false")) {
      return null;
    }
    String body = changesets[done + 1].split("\n      rollback:\n")[0];
    String[] steps =
        body.substring(body.indexOf("      changes:\n") + 15).split("\n(?=        - )");
    if (steps.length < 2) {
      return null;
    }
    int kept = 1 + random.nextInt(steps.length - 1);
    return "databaseChangeLog:\n  - changeSet:\n      id: crash\n      author: gen\n"
        + "      runInTransaction: false\n      changes:\n"
        + String.join("\n", java.util.Arrays.asList(steps).subList(0, kept))
        + "\n";
  }
}
