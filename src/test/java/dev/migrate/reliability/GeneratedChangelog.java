package dev.migrate.reliability;

import dev.migrate.support.Changelogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A changelog made from a seed: a few hundred thousand rows in one table, so that concurrent index
 * builds take long enough to be cut, then changesets of every kind a crash can land in —
 * transactional DDL, data steps (insert, loadData, INSERT … SELECT), addEnumValue steps that run
 * early in autocommit, and {@code runInTransaction: false} changesets with CREATE INDEX
 * CONCURRENTLY, structured and raw. Data steps are only in transactional changesets: outside a
 * transaction an insert cannot be exactly-once, a rerun would insert again.
 */
final class GeneratedChangelog {
  // The rows of the big table: enough for a concurrent index build to take a noticeable time.
  private static final int BIG_ROWS = 30_000;

  final Path file;
  final long seed;
  final List<String> ids = new ArrayList<>();

  private final Random random;
  private final Path dir;
  private final StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
  private final List<Table> tables = new ArrayList<>();
  private final List<EnumType> enums = new ArrayList<>();
  private int counter;

  private record Table(
      String name, boolean keyed, List<String> columns, List<String[]> enumColumns) {}

  private record EnumType(String name, List<String> labels) {}

  private GeneratedChangelog(Path dir, long seed) {
    this.dir = dir;
    this.seed = seed;
    this.random = new Random(seed);
    this.file = dir.resolve("changelog.yaml");
  }

  /** Writes a changelog of at least {@code size} changesets into {@code dir}. */
  static GeneratedChangelog write(Path dir, long seed, int size) {
    GeneratedChangelog g = new GeneratedChangelog(dir, seed);
    g.start();
    while (g.ids.size() < size) {
      g.next();
    }
    Changelogs.write(dir, "changelog.yaml", g.yaml.toString());
    return g;
  }

  int size() {
    return ids.size();
  }

  private void start() {
    EnumType status = new EnumType("status_0", new ArrayList<>(List.of("new", "done")));
    enums.add(status);
    changeset(
        "base",
        true,
        "- createEnumType: {typeName: status_0, values: [new, done]}",
        "- createTable: {tableName: big, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}},"
            + " {column: {name: v, type: text}}, {column: {name: w, type: text}}, {column: {name: n, type: int}}]}",
        "- sql: INSERT INTO big (id, v, w, n) SELECT g, md5(g::text), md5((g * 7)::text), g % 1000 FROM generate_series(1, "
            + BIG_ROWS
            + ") g");
    tables.add(
        new Table("big", true, new ArrayList<>(List.of("id", "v", "w", "n")), new ArrayList<>()));
    createTable();
  }

  private void next() {
    int pick = random.nextInt(100);
    if (pick < 10) {
      createTable();
    } else if (pick < 16) {
      createEnum();
    } else if (pick < 26) {
      addColumn();
    } else if (pick < 33) {
      createIndex();
    } else if (pick < 40) {
      foreignKey();
    } else if (pick < 52) {
      insert();
    } else if (pick < 58) {
      loadData();
    } else if (pick < 68) {
      addEnumValue(true);
    } else if (pick < 73) {
      addEnumValue(false);
    } else if (pick < 87) {
      concurrentIndex();
    } else {
      rawConcurrentIndex();
    }
  }

  private void createTable() {
    String name = "t" + (++counter);
    boolean keyed = random.nextBoolean();
    EnumType type = enums.get(random.nextInt(enums.size()));
    // An unkeyed table keeps every row a rerun would insert twice: duplicates show in its contents.
    String id =
        keyed
            ? "{column: {name: id, type: int, constraints: {primaryKey: true}}}"
            : "{column: {name: id, type: int}}";
    changeset(
        "table_" + name,
        true,
        "- createTable: {tableName: "
            + name
            + ", columns: ["
            + id
            + ", {column: {name: label, type: varchar(40)}}, {column: {name: state, type: "
            + type.name()
            + "}}]}");
    tables.add(
        new Table(
            name,
            keyed,
            new ArrayList<>(List.of("id", "label", "state")),
            new ArrayList<>(List.<String[]>of(new String[] {"state", type.name()}))));
  }

  private void createEnum() {
    String name = "kind_" + (++counter);
    List<String> labels = new ArrayList<>(List.of("a" + counter, "b" + counter, "c" + counter));
    enums.add(new EnumType(name, labels));
    changeset(
        "enum_" + name,
        true,
        "- createEnumType: {typeName: " + name + ", values: [" + String.join(", ", labels) + "]}");
  }

  private void addColumn() {
    Table table = someTable(false);
    String column = "c" + (++counter);
    String type;
    int pick = random.nextInt(4);
    if (pick == 0) {
      EnumType e = enums.get(random.nextInt(enums.size()));
      type = e.name();
      table.enumColumns().add(new String[] {column, e.name()});
    } else {
      type = List.of("int", "text", "boolean").get(pick - 1);
    }
    table.columns().add(column);
    changeset(
        "column_" + table.name() + "_" + column,
        true,
        "- addColumn: {tableName: "
            + table.name()
            + ", columns: [{column: {name: "
            + column
            + ", type: "
            + type
            + "}}]}");
  }

  private void createIndex() {
    Table table = someTable(false);
    String column = table.columns().get(random.nextInt(table.columns().size()));
    String name = "ix_" + table.name() + "_" + column + "_" + (++counter);
    changeset(
        "index_" + name,
        true,
        "- createIndex: {tableName: "
            + table.name()
            + ", indexName: "
            + name
            + ", columns: [{column: {name: "
            + column
            + "}}]}");
  }

  private void foreignKey() {
    List<Table> keyed = tables.stream().filter(t -> t.keyed() && !t.name().equals("big")).toList();
    if (keyed.isEmpty()) {
      createTable();
      return;
    }
    Table target = keyed.get(random.nextInt(keyed.size()));
    Table base = someTable(false);
    String column = "ref_" + target.name() + "_" + (++counter);
    base.columns().add(column);
    changeset(
        "fk_" + base.name() + "_" + column,
        true,
        "- addColumn: {tableName: "
            + base.name()
            + ", columns: [{column: {name: "
            + column
            + ", type: int}}]}",
        "- addForeignKeyConstraint: {baseTableName: "
            + base.name()
            + ", baseColumnNames: "
            + column
            + ", referencedTableName: "
            + target.name()
            + ", referencedColumnNames: id, constraintName: fk_"
            + base.name()
            + "_"
            + counter
            + "}");
  }

  // Ids of inserted rows are unique across the changelog, so keyed tables never refuse them.
  private void insert() {
    Table table = someTable(false);
    List<String> steps = new ArrayList<>();
    int rows = 1 + random.nextInt(3);
    for (int i = 0; i < rows; i++) {
      int id = ++counter;
      steps.add(
          "- insert: {tableName: "
              + table.name()
              + ", columns: [{column: {name: id, valueNumeric: "
              + id
              + "}}, {column: {name: label, value: 'row "
              + id
              + "'}}]}");
    }
    if (random.nextBoolean()) {
      int from = counter + 1;
      counter += 50;
      steps.add(
          "- sql: INSERT INTO "
              + table.name()
              + " (id, label) SELECT g, 'bulk ' || g FROM generate_series("
              + from
              + ", "
              + counter
              + ") g");
    }
    changeset("insert_" + table.name() + "_" + counter, true, steps.toArray(String[]::new));
  }

  private void loadData() {
    Table table = someTable(false);
    StringBuilder csv = new StringBuilder("id,label\n");
    int rows = 5 + random.nextInt(20);
    for (int i = 0; i < rows; i++) {
      int id = ++counter;
      csv.append(id).append(",loaded ").append(id).append('\n');
    }
    String name = "data/load_" + counter + ".csv";
    Changelogs.write(dir, name, csv.toString());
    changeset(
        "load_" + table.name() + "_" + counter,
        true,
        "- loadData: {tableName: "
            + table.name()
            + ", file: "
            + name
            + ", relativeToChangelogFile: true, columns: [{column: {header: id, type: NUMERIC}}, {column: {header: label, type: STRING}}]}");
  }

  // In a transaction, the label is added first in autocommit and a row of the same changeset uses
  // it; outside one, the label alone.
  private void addEnumValue(boolean transactional) {
    EnumType type = enums.get(random.nextInt(enums.size()));
    String label = "l" + (++counter);
    String after = type.labels().get(random.nextInt(type.labels().size()));
    type.labels().add(type.labels().indexOf(after) + 1, label);
    List<String> steps = new ArrayList<>();
    steps.add(
        "- addEnumValue: {typeName: "
            + type.name()
            + ", value: "
            + label
            + ", after: "
            + after
            + "}");
    if (transactional) {
      for (Table table : tables) {
        for (String[] column : table.enumColumns()) {
          if (column[1].equals(type.name()) && steps.size() < 3) {
            int id = ++counter;
            steps.add(
                "- insert: {tableName: "
                    + table.name()
                    + ", columns: [{column: {name: id, valueNumeric: "
                    + id
                    + "}}, {column: {name: "
                    + column[0]
                    + ", value: "
                    + label
                    + "}}]}");
          }
        }
      }
    }
    changeset("label_" + type.name() + "_" + label, transactional, steps.toArray(String[]::new));
  }

  private void concurrentIndex() {
    Table table = random.nextInt(3) > 0 ? tables.get(0) : someTable(true);
    List<String> steps = new ArrayList<>();
    int indexes = 1 + random.nextInt(2);
    for (int i = 0; i < indexes; i++) {
      String column = table.columns().get(1 + random.nextInt(table.columns().size() - 1));
      String name = "cx_" + table.name() + "_" + (++counter);
      steps.add(
          "- createIndex: {tableName: "
              + table.name()
              + ", indexName: "
              + name
              + ", concurrently: true, columns: [{column: {name: "
              + column
              + "}}, {column: {name: id, descending: "
              + random.nextBoolean()
              + "}}]}");
    }
    if (random.nextInt(4) == 0) {
      EnumType type = enums.get(random.nextInt(enums.size()));
      String label = "z" + (++counter);
      type.labels().add(label);
      steps.add("- addEnumValue: {typeName: " + type.name() + ", value: " + label + "}");
    }
    changeset("concurrent_" + counter, false, steps.toArray(String[]::new));
  }

  private void rawConcurrentIndex() {
    String name = "rx_big_" + (++counter);
    String expression =
        List.of(
                "left(v, " + (4 + random.nextInt(20)) + ")",
                "lower(w)",
                "n, left(w, 6)",
                "(n % " + (2 + random.nextInt(50)) + ")")
            .get(random.nextInt(4));
    changeset(
        "raw_concurrent_" + counter,
        false,
        "- sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON big (" + expression + ")");
  }

  private Table someTable(boolean includeBig) {
    List<Table> choices = includeBig ? tables : tables.subList(1, tables.size());
    return choices.get(random.nextInt(choices.size()));
  }

  private void changeset(String id, boolean transactional, String... changes) {
    String full = String.format("%03d_%s", ids.size() + 1, id);
    ids.add(full);
    yaml.append("  - changeSet:\n      id: ").append(full).append("\n      author: reliability\n");
    if (!transactional) {
      yaml.append("      runInTransaction: false\n");
    }
    yaml.append("      changes:\n");
    for (String change : changes) {
      yaml.append("        ").append(change).append('\n');
    }
  }
}
