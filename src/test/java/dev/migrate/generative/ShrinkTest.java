package dev.migrate.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shrinker keeps what the failure needs: one changeset, and in it one change. */
class ShrinkTest {
  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: g1
            author: gen
            changes:
              - createTable:
                  tableName: a
                  columns:
                    - column: {name: id, type: int}
        - changeSet:
            id: g2
            author: gen
            changes:
              - sql: SELECT 1
              - sql: SELECT 'culprit'
              - sql: SELECT 2
            rollback:
              - sql: SELECT 3
        - changeSet:
            id: g3
            author: gen
            changes:
              - sql: SELECT 4
      """;

  @Test
  void keepsTheOneChangesetAndTheOneChangeTheFailureNeeds() {
    String shrunk =
        Shrink.changelog(
            CHANGELOG, yaml -> yaml.contains("culprit") && yaml.contains("column: {name: id"));
    assertEquals(
        """
        databaseChangeLog:
          - changeSet:
              id: g1
              author: gen
              changes:
                - createTable:
                    tableName: a
                    columns:
                      - column: {name: id, type: int}
          - changeSet:
              id: g2
              author: gen
              changes:
                - sql: SELECT 'culprit'
              rollback:
                - sql: SELECT 3
        """,
        shrunk);
  }
}
