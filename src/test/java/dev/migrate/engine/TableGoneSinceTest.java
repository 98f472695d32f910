package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.support.ChangeSamples;
import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change type that works on a table in place, in a changeset whose revision row was lost
 * after a later changeset dropped that table: {@code upgrade} and the {@code --sql} script each
 * pass over it (the table is absent, and a later change drops it) and end where the first run did.
 * The types are walked from the model, so a new one without a case here fails the test.
 */
class TableGoneSinceTest {
  @TempDir Path dir;

  // One step on table t (columns id, c, v) per change type.
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    STEPS.put("addColumn", "addColumn: {tableName: t, columns: [{column: {name: d, type: int}}]}");
    STEPS.put(
        "addForeignKeyConstraint",
        "addForeignKeyConstraint: {baseTableName: t, baseColumnNames: c,"
            + " referencedTableName: r, referencedColumnNames: id, constraintName: t_c_fk}");
    STEPS.put("addPrimaryKey", "addPrimaryKey: {tableName: t, columnNames: id}");
    STEPS.put(
        "addUniqueConstraint",
        "addUniqueConstraint: {tableName: t, columnNames: c, constraintName: t_c_key}");
    STEPS.put(
        "createIndex",
        "createIndex: {tableName: t, indexName: t_c_idx, columns: [{column: {name: c}}]}");
    STEPS.put(
        "mergeColumns",
        "mergeColumns: {tableName: t, column1Name: c, column2Name: v, joinString: '-',"
            + " finalColumnName: m, finalColumnType: text}");
    STEPS.put("renameColumn", "renameColumn: {tableName: t, oldColumnName: c, newColumnName: c2}");
    STEPS.put(
        "modifyDataType", "modifyDataType: {tableName: t, columnName: c, newDataType: bigint}");
    STEPS.put(
        "addNotNullConstraint",
        "addNotNullConstraint: {tableName: t, columnName: c, defaultNullValue: '0'}");
    STEPS.put("dropNotNullConstraint", "dropNotNullConstraint: {tableName: t, columnName: id}");
    STEPS.put(
        "addDefaultValue",
        "addDefaultValue: {tableName: t, columnName: c, defaultValueNumeric: 0}");
    STEPS.put("dropDefaultValue", "dropDefaultValue: {tableName: t, columnName: v}");
    STEPS.put(
        "addAutoIncrement",
        "addAutoIncrement: {tableName: t, columnName: id, columnDataType: int}");
    STEPS.put("setTableRemarks", "setTableRemarks: {tableName: t, remarks: kept}");
    STEPS.put("setColumnRemarks", "setColumnRemarks: {tableName: t, columnName: c, remarks: kept}");
    STEPS.put(
        "addLookupTable",
        "addLookupTable: {existingTableName: t, existingColumnName: v, newTableName: lk,"
            + " newColumnName: v, constraintName: t_v_fk}");
  }

  // Types with a fact on a table that are not made on a table in place: they make, drop or
  // rename the table itself, or write its rows (see the rerun of rows), or drop what is gone.
  private static final List<String> ELSEWHERE =
      List.of(
          "createTable",
          "dropTable",
          "renameTable",
          "dropColumn",
          "dropIndex",
          "dropPrimaryKey",
          "dropUniqueConstraint",
          "dropForeignKeyConstraint",
          "dropAllForeignKeyConstraints",
          "insert",
          "update",
          "delete",
          "loadData",
          "loadUpdateData",
          "deleteRows",
          "createView",
          "dropView",
          "renameView",
          "createSequence",
          "alterSequence",
          "dropSequence",
          "renameSequence");

  // Table r, and a table t<i> (columns id, c, v) for each step; a changeset for each step, on its
  // own table; then a changeset that drops them all.
  private static String changelog() {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    StringBuilder steps = new StringBuilder();
    StringBuilder drops = new StringBuilder();
    yaml.append("- changeSet:\n    id: '1'\n    author: a\n    changes:\n")
        .append("    - createTable: {tableName: r, columns: [{column:")
        .append(" {name: id, type: int, constraints: {primaryKey: true}}}]}\n");
    int i = 0;
    for (String step : STEPS.values()) {
      String table = "t" + i++;
      yaml.append("    - createTable: {tableName: ")
          .append(table)
          .append(", columns: [{column: {name: id, type: int}}, {column: {name: c, type: int}},")
          .append(" {column: {name: v, type: text, defaultValue: x}}]}\n");
      steps
          .append("- changeSet:\n    id: '")
          .append(table)
          .append("'\n    author: a\n    changes:\n    - ")
          .append(step.replaceAll("(ableName): t([,}])", "$1: " + table + "$2"))
          .append('\n');
      drops
          .append("    - dropTable: {tableName: ")
          .append(table)
          .append(", cascadeConstraints: true}\n");
    }
    return yaml.append(steps)
        .append("- changeSet:\n    id: 'last'\n    author: a\n    changes:\n")
        .append("    - sql: DROP TABLE IF EXISTS lk CASCADE\n")
        .append(drops)
        .toString();
  }

  @Test
  void everyTypeOnATableInPlaceHasACase() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      Change sample = ChangeSamples.sample(type);
      List<Facts.Fact> facts = Facts.of(sample);
      boolean onTable =
          facts.stream().anyMatch(f -> f.table() != null && f.kind() != Facts.Kind.LABEL)
              || facts.stream().anyMatch(f -> f.kind() == Facts.Kind.TABLE);
      String name = sample.changeType();
      if (onTable && !STEPS.containsKey(name) && !ELSEWHERE.contains(name)) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void eachIsPassedOverByUpgradeAndTheScript() {
    Path file = Changelogs.write(dir, "changelog.yaml", changelog());
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("gone_since");
      LostRows.Rerun lost = LostRows.rerun(dir, file, db, script, d -> {});
      Cli.Result rerun = lost.result();
      String how = lost.how();
      assertEquals(0, rerun.code(), how + rerun);
      assertEquals(lost.schema(), db.schemaFingerprint(), how);
      assertEquals(STEPS.size() + 2, db.revisions().size(), how);
      for (String type : STEPS.keySet()) {
        assertTrue(
            script || rerun.out().contains(type + ": table public."), type + " " + rerun.out());
      }
    }
  }
}
