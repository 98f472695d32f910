package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index over expressions written otherwise than PostgreSQL prints them back (LOWER(name) over a
 * varchar is stored as lower((name)::text)) is the same index: check finds no drift and a rerun
 * after lost history finds it in place. One over other expressions is still drift.
 */
class ExpressionIndexTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet:
            id: 1
            author: a
            changes:
              - createTable: {tableName: kind, columns: [{column: {name: name, type: varchar(50)}}, {column: {name: _group, type: varchar(50)}}, {column: {name: n, type: int}}]}
              - createIndex:
                  tableName: kind
                  indexName: kind_name_group_unique
                  unique: true
                  columns: [{column: {name: LOWER(name)}}, {column: {name: "LOWER( _group )"}}]
              - createIndex: {tableName: kind, indexName: kind_n_plus, columns: [{column: {name: (N + 1)}}]}
      """;

  @Test
  void anExpressionIndexPrintedOtherwiseIsTheSameIndex() {
    Path file = Changelogs.write(dir, "expr.yaml", CHANGELOG);
    TestDb db = new TestDb("expression_index");
    Cli migrate = new Cli().env("MIGRATE_URL", db.libpqUrl());
    assertEquals(0, migrate.run("upgrade", "--changelog", file.toString()).code());
    Cli.Result check = migrate.run("check", "--changelog", file.toString());
    assertEquals(0, check.code(), check.toString());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = migrate.run("upgrade", "--changelog", file.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("index public.kind_name_group_unique exists"), again.out());

    db.execute(
        "DROP INDEX kind_name_group_unique",
        "CREATE UNIQUE INDEX kind_name_group_unique ON kind (upper(name), lower(_group))");
    Cli.Result drift = migrate.run("check", "--changelog", file.toString());
    assertEquals(3, drift.code(), drift.toString());
    assertTrue(
        drift.out().contains("index public.kind_name_group_unique: the changelog wants"),
        drift.out());
  }
}
