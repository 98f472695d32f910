package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every precondition reaches the same verdict in {@code upgrade} and in the {@code upgrade --sql}
 * script run with psql: each condition, true and false, over a database that has a table, a view, a
 * sequence, an index and constraints of each kind (a view is not a table, an index is not a
 * sequence…). A changeset whose condition fails is marked ran, so the revision rows tell the
 * verdicts apart.
 */
class PreconditionParityTest {
  @TempDir Path dir;

  private static final String FIXTURE =
      """
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE item (id int CONSTRAINT pk_item PRIMARY KEY, code text CONSTRAINT uq_item_code UNIQUE,
                         parent_id int CONSTRAINT fk_item_parent REFERENCES parent (id));
      CREATE INDEX ix_item_parent ON item (parent_id);
      CREATE VIEW item_codes AS SELECT code FROM item;
      CREATE SEQUENCE item_seq;
      CREATE TABLE empty (id int);
      INSERT INTO parent VALUES (1), (2);
      """;

  // A condition, as YAML under preConditions, and whether it holds over the fixture.
  private static final List<String[]> CONDITIONS =
      List.of(
          new String[] {"tableExists: {tableName: item}", "true"},
          new String[] {"tableExists: {tableName: item_codes}", "false"},
          new String[] {"tableExists: {tableName: nowhere}", "false"},
          new String[] {"viewExists: {viewName: item_codes}", "true"},
          new String[] {"viewExists: {viewName: item}", "false"},
          new String[] {"sequenceExists: {sequenceName: item_seq}", "true"},
          new String[] {"sequenceExists: {sequenceName: ix_item_parent}", "false"},
          new String[] {"columnExists: {tableName: item, columnName: code}", "true"},
          new String[] {"columnExists: {tableName: item, columnName: nope}", "false"},
          new String[] {"columnExists: {tableName: item_codes, columnName: code}", "true"},
          new String[] {"indexExists: {indexName: ix_item_parent}", "true"},
          new String[] {"indexExists: {indexName: ix_item_parent, tableName: parent}", "false"},
          new String[] {"indexExists: {tableName: item, columnNames: parent_id}", "true"},
          new String[] {"indexExists: {tableName: item, columnNames: code}", "true"},
          new String[] {
            "indexExists: {tableName: item, columnNames: id, indexName: item_seq}", "false"
          },
          new String[] {
            "indexExists: {indexName: ix_item_parent, schemaName: no_such_schema}", "true"
          },
          new String[] {"primaryKeyExists: {tableName: item}", "true"},
          new String[] {"primaryKeyExists: {tableName: item, primaryKeyName: pk_other}", "false"},
          new String[] {"primaryKeyExists: {primaryKeyName: pk_item}", "true"},
          new String[] {"primaryKeyExists: {tableName: empty}", "false"},
          new String[] {"foreignKeyConstraintExists: {foreignKeyName: fk_item_parent}", "true"},
          new String[] {
            "foreignKeyConstraintExists: {foreignKeyTableName: item, foreignKeyName: fk_item_parent}",
            "true"
          },
          new String[] {"foreignKeyConstraintExists: {foreignKeyName: uq_item_code}", "false"},
          new String[] {
            "uniqueConstraintExists: {tableName: item, constraintName: uq_item_code}", "true"
          },
          new String[] {"uniqueConstraintExists: {tableName: item, columnNames: code}", "true"},
          new String[] {"uniqueConstraintExists: {tableName: item, columnNames: id}", "false"},
          new String[] {"tableIsEmpty: {tableName: empty}", "true"},
          new String[] {"tableIsEmpty: {tableName: parent}", "false"},
          new String[] {"rowCount: {tableName: parent, expectedRows: 2}", "true"},
          new String[] {"rowCount: {tableName: parent, expectedRows: 3}", "false"},
          new String[] {
            "sqlCheck: {expectedResult: 2, sql: \"SELECT count(*) FROM parent\"}", "true"
          },
          new String[] {"sqlCheck: {expectedResult: 'yes', sql: \"SELECT '  yes '\"}", "true"},
          // Unquoted, yes is YAML's true, and Liquibase compares the text "true".
          new String[] {"sqlCheck: {expectedResult: yes, sql: \"SELECT '  yes '\"}", "false"},
          new String[] {"sqlCheck: {expectedResult: yes, sql: \"SELECT 'true'\"}", "true"},
          new String[] {
            "sqlCheck: {expectedResult: 0, sql: \"SELECT count(*) FROM parent\"}", "false"
          },
          new String[] {"runningAs: {username: postgres}", "true"},
          new String[] {"runningAs: {username: somebody_else}", "false"},
          new String[] {"dbms: {type: postgresql}", "true"},
          new String[] {"dbms: {type: mysql}", "false"},
          new String[] {"not: [{tableExists: {tableName: nowhere}}]", "true"},
          new String[] {
            "or: [{tableExists: {tableName: nowhere}}, {viewExists: {viewName: item_codes}}]",
            "true"
          },
          new String[] {
            "and: [{tableExists: {tableName: item}}, {viewExists: {viewName: item}}]", "false"
          },
          new String[] {"changeSetExecuted: {id: c0, author: a, changeLogFile: c.yaml}", "true"},
          new String[] {
            "changeSetExecuted: {id: never, author: a, changeLogFile: c.yaml}", "false"
          });

  @Test
  void upgradeAndTheScriptReachTheSameVerdictOnEveryCondition() {
    StringBuilder yaml =
        new StringBuilder(
            "databaseChangeLog:\n"
                + "  - changeSet: {id: c0, author: a, changes: [{tagDatabase: {tag: start}}]}\n");
    List<String> expected = new ArrayList<>(List.of("c0|applied"));
    for (int i = 0; i < CONDITIONS.size(); i++) {
      String[] c = CONDITIONS.get(i);
      yaml.append(
          """
            - changeSet:
                id: p%1$d
                author: a
                preConditions:
                  - onFail: MARK_RAN
                  - %2$s
                changes:
                  - createTable: {tableName: marker_%1$d, columns: [{column: {name: id, type: int}}]}
          """
              .formatted(i, c[0]));
      expected.add("p" + i + "|" + (c[1].equals("true") ? "applied" : "mark_ran"));
    }
    Changelogs.write(dir, "c.yaml", yaml.toString());

    assertSameVerdicts("parity", "c.yaml", expected);
  }

  // What a changeset's row says after a run where its condition was true, false, or could not be
  // checked, by the action that applies: none for CONTINUE, which passes it over unrecorded.
  private static String verdict(String condition, String onFail, String onError) {
    String action =
        switch (condition) {
          case "true" -> "RUN";
          case "false" -> onFail;
          default -> onError;
        };
    return switch (action) {
      case "RUN", "WARN" -> "applied";
      case "MARK_RAN" -> "mark_ran";
      default -> null;
    };
  }

  @Test
  void onFailAndOnErrorActTheSameInUpgradeAndTheScript() {
    // Each action of onFail and onError, over a condition that holds, one that does not, and one
    // that cannot be checked (a sqlCheck of a table that is not there), in a transaction and
    // outside one.
    List<String> actions = List.of("CONTINUE", "MARK_RAN", "WARN");
    List<String[]> conditions =
        List.of(
            new String[] {"true", "tableExists: {tableName: item}"},
            new String[] {"false", "tableExists: {tableName: nowhere}"},
            new String[] {
              "error", "sqlCheck: {expectedResult: 0, sql: SELECT count(*) FROM nowhere}"
            });
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    List<String> expected = new ArrayList<>();
    int n = 0;
    for (String onFail : actions) {
      for (String onError : actions) {
        for (String[] condition : conditions) {
          for (boolean inTransaction : new boolean[] {true, false}) {
            yaml.append(
                """
                  - changeSet:
                      id: e%1$d
                      author: a
                      runInTransaction: %2$s
                      preConditions:
                        - onFail: %3$s
                        - onError: %4$s
                        - %5$s
                      changes:
                        - createTable: {tableName: marker_%1$d, columns: [{column: {name: id, type: int}}]}
                """
                    .formatted(n, inTransaction, onFail, onError, condition[1]));
            String row = verdict(condition[0], onFail, onError);
            if (row != null) {
              expected.add("e" + n + "|" + row);
            }
            n++;
          }
        }
      }
    }
    Changelogs.write(dir, "e.yaml", yaml.toString());

    assertSameVerdicts("on_error", "e.yaml", expected);
  }

  // The changelog run by upgrade and by the script through psql, each over the fixture: the same
  // revision rows, as expected, and the same schema.
  private void assertSameVerdicts(String name, String changelog, List<String> expected) {
    TestDb online = new TestDb(name + "_online");
    online.execute(FIXTURE);
    Cli.Result upgrade =
        new Cli().in(dir).run("upgrade", "--url", online.libpqUrl(), "--changelog", changelog);
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals(expected, online.revisions(), "upgrade's verdicts");

    TestDb offline = new TestDb(name + "_offline");
    offline.execute(FIXTURE);
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", changelog);
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(offline, dir, script.out());
    assertEquals(0, psql.code(), psql.out());
    assertEquals(expected, offline.revisions(), "the script's verdicts");
    assertEquals(online.schemaFingerprint(), offline.schemaFingerprint());
  }
}
