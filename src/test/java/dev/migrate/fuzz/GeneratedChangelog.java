package dev.migrate.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small valid changelog made from a seed (tables, columns, an index, a raw SQL step), written in
 * any of the four formats, so the mutator starts from a file that runs cleanly.
 */
record GeneratedChangelog(List<Set> changesets) {
  enum Format {
    YAML("yaml"),
    JSON("json"),
    XML("xml"),
    SQL("sql");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }
  }

  /** One changeset: a table with its columns, then an index on one of them, then an insert. */
  record Set(
      String id,
      String author,
      String table,
      List<String[]> columns,
      String index,
      boolean insert) {}

  private static final String[] TYPES = {
    "int", "bigint", "varchar(40)", "text", "boolean", "timestamp", "numeric(10,2)"
  };

  static GeneratedChangelog random(Random random, String prefix) {
    List<Set> sets = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String table = prefix + "_t" + i;
      List<String[]> columns = new ArrayList<>();
      columns.add(new String[] {"id", "bigint"});
      int more = 1 + random.nextInt(3);
      for (int c = 0; c < more; c++) {
        columns.add(new String[] {"c" + c, TYPES[random.nextInt(TYPES.length)]});
      }
      String index = random.nextBoolean() ? "ix_" + table + "_c0" : null;
      sets.add(
          new Set(
              String.format("%03d_%s", i + 1, table),
              "fuzz",
              table,
              columns,
              index,
              random.nextInt(4) == 0));
    }
    return new GeneratedChangelog(sets);
  }

  /** The same changelog with every table named {@code name} (each changeset a different suffix). */
  GeneratedChangelog named(String name) {
    List<Set> sets = new ArrayList<>();
    for (int i = 0; i < changesets.size(); i++) {
      Set s = changesets.get(i);
      String table = i == 0 ? name : name + i;
      sets.add(
          new Set(
              s.id(),
              s.author(),
              table,
              s.columns(),
              s.index() == null ? null : s.index(),
              s.insert()));
    }
    return new GeneratedChangelog(sets);
  }

  String render(Format format) {
    return switch (format) {
      case YAML -> yaml();
      case JSON -> json();
      case XML -> xml();
      case SQL -> sql();
    };
  }

  private String yaml() {
    StringBuilder b = new StringBuilder("databaseChangeLog:\n");
    for (Set s : changesets) {
      b.append("  - changeSet:\n      id: ")
          .append(Quote.yaml(s.id()))
          .append("\n      author: ")
          .append(s.author())
          .append("\n      changes:\n        - createTable:\n            tableName: ")
          .append(Quote.yaml(s.table()))
          .append("\n            columns:\n");
      for (String[] c : s.columns()) {
        b.append("              - column:\n                  name: ")
            .append(Quote.yaml(c[0]))
            .append("\n                  type: ")
            .append(c[1])
            .append('\n');
        if (c[0].equals("id")) {
          b.append("                  constraints:\n                    primaryKey: true\n");
        }
      }
      if (s.index() != null) {
        b.append("        - createIndex:\n            indexName: ")
            .append(Quote.yaml(s.index()))
            .append("\n            tableName: ")
            .append(Quote.yaml(s.table()))
            .append("\n            columns:\n              - column:\n                  name: ")
            .append(Quote.yaml(s.columns().get(1)[0]))
            .append('\n');
      }
      if (s.insert()) {
        b.append("        - sql:\n            sql: ").append(Quote.yaml(insert(s))).append('\n');
      }
    }
    return b.toString();
  }

  private String json() {
    List<String> items = new ArrayList<>();
    for (Set s : changesets) {
      List<String> changes = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      for (String[] c : s.columns()) {
        columns.add(
            "{\"column\": {\"name\": "
                + Quote.json(c[0])
                + ", \"type\": "
                + Quote.json(c[1])
                + (c[0].equals("id") ? ", \"constraints\": {\"primaryKey\": true}" : "")
                + "}}");
      }
      changes.add(
          "{\"createTable\": {\"tableName\": "
              + Quote.json(s.table())
              + ",\n \"columns\": [\n  "
              + String.join(",\n  ", columns)
              + "]}}");
      if (s.index() != null) {
        changes.add(
            "{\"createIndex\": {\"indexName\": "
                + Quote.json(s.index())
                + ", \"tableName\": "
                + Quote.json(s.table())
                + ", \"columns\": [{\"column\": {\"name\": "
                + Quote.json(s.columns().get(1)[0])
                + "}}]}}");
      }
      if (s.insert()) {
        changes.add("{\"sql\": {\"sql\": " + Quote.json(insert(s)) + "}}");
      }
      items.add(
          "{\"changeSet\": {\"id\": "
              + Quote.json(s.id())
              + ", \"author\": "
              + Quote.json(s.author())
              + ",\n \"changes\": [\n "
              + String.join(",\n ", changes)
              + "]}}");
    }
    return "{\"databaseChangeLog\": [\n" + String.join(",\n", items) + "\n]}\n";
  }

  private String xml() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n");
    for (Set s : changesets) {
      b.append("  <changeSet id=")
          .append(Quote.xml(s.id()))
          .append(" author=")
          .append(Quote.xml(s.author()))
          .append(">\n");
      b.append("    <createTable tableName=").append(Quote.xml(s.table())).append(">\n");
      for (String[] c : s.columns()) {
        b.append("      <column name=")
            .append(Quote.xml(c[0]))
            .append(" type=")
            .append(Quote.xml(c[1]));
        b.append(c[0].equals("id") ? "><constraints primaryKey=\"true\"/></column>\n" : "/>\n");
      }
      b.append("    </createTable>\n");
      if (s.index() != null) {
        b.append("    <createIndex indexName=")
            .append(Quote.xml(s.index()))
            .append(" tableName=")
            .append(Quote.xml(s.table()))
            .append(">\n      <column name=")
            .append(Quote.xml(s.columns().get(1)[0]))
            .append("/>\n    </createIndex>\n");
      }
      if (s.insert()) {
        b.append("    <sql>").append(Quote.xmlText(insert(s))).append("</sql>\n");
      }
      b.append("  </changeSet>\n");
    }
    return b.append("</databaseChangeLog>\n").toString();
  }

  private String sql() {
    StringBuilder b = new StringBuilder("--liquibase formatted sql\n\n");
    for (Set s : changesets) {
      b.append("--changeset ").append(s.author()).append(':').append(s.id()).append('\n');
      List<String> columns = new ArrayList<>();
      for (String[] c : s.columns()) {
        columns.add(Quote.sql(c[0]) + " " + c[1] + (c[0].equals("id") ? " PRIMARY KEY" : ""));
      }
      b.append("CREATE TABLE ")
          .append(Quote.sql(s.table()))
          .append(" (")
          .append(String.join(", ", columns))
          .append(");\n");
      if (s.index() != null) {
        b.append("CREATE INDEX ")
            .append(Quote.sql(s.index()))
            .append(" ON ")
            .append(Quote.sql(s.table()))
            .append(" (")
            .append(Quote.sql(s.columns().get(1)[0]))
            .append(");\n");
      }
      if (s.insert()) {
        b.append(insert(s)).append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String insert(Set s) {
    return "INSERT INTO " + Quote.sql(s.table()) + " (id) VALUES (1);";
  }
}
