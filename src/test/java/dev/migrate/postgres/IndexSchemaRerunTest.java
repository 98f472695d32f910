package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A raw CREATE INDEX names no schema for its index: PostgreSQL makes it in its table's schema,
 * whatever the search path. Rerun after lost history, by upgrade and by the --sql script, each form
 * finds its index there and makes nothing, where a guard that looked in the default schema ran the
 * statement again and failed on "relation already exists".
 */
class IndexSchemaRerunTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "CREATE INDEX ix_t ON other.t (c)",
        "create unique index ix_t on other.t (c)",
        "CREATE INDEX ix_t ON ONLY other.t USING btree (c)",
        "CREATE INDEX IF NOT EXISTS ix_t ON other.t (c)",
        "CREATE INDEX CONCURRENTLY ix_t ON other.t (c)",
        "CREATE INDEX ix_t ON \"other\".t (lower(c))"
      })
  void aRerunFindsTheIndexInItsTablesSchema(String statement) {
    boolean concurrent = statement.contains("CONCURRENTLY");
    Path changelog =
        Changelogs.write(
            dir,
            "changelog.sql",
            """
            --liquibase formatted sql

            --changeset a:1
            CREATE SCHEMA other;
            CREATE TABLE other.t (c text);

            --changeset a:2%s
            %s;
            """
                .formatted(concurrent ? " runInTransaction:false" : "", statement));
    TestDb db = new TestDb("index_schema");
    Cli.Result first = upgrade(db, changelog);
    assertEquals(0, first.code(), first.toString());
    List<String> schema = db.schemaFingerprint();
    List<String> rows = db.revisions();

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result again = upgrade(db, changelog);
    assertEquals(0, again.code(), again.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());

    db.execute("DELETE FROM migrate_revisions");
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", "changelog.sql");
    assertEquals(0, script.code(), script.toString());
    Cli.Result psql = Psql.run(db, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(schema, db.schemaFingerprint());
    assertEquals(rows, db.revisions());
  }

  private Cli.Result upgrade(TestDb db, Path changelog) {
    return new Cli()
        .in(dir)
        .run("upgrade", "--url", db.libpqUrl(), "--changelog", changelog.getFileName().toString());
  }
}
