package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LostRows;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw SQL that renames and drops types (an enum swapped for a new one under its name, a domain
 * renamed), and column properties set on a table a later change drops, rerun after the revision
 * rows of the later changesets were lost: {@code upgrade} and the {@code --sql} script each find
 * what the lost changesets did and go on, where they had stopped on {@code type "val" does not
 * exist} and {@code relation "t" does not exist}. A type gone for no reason a later change gives
 * still stops the run.
 */
class RenamedTypesRerunTest {
  @TempDir Path dir;

  // The enum swap real projects write to remove a label, then a later change dropping it all.
  private static final String SWAP =
      """
      --liquibase formatted sql
      --changeset a:1
      CREATE TYPE val AS ENUM ('a', 'b');
      CREATE DOMAIN code AS text;
      CREATE TABLE t (id int, v val[], c code);
      --changeset a:2
      ALTER TYPE val RENAME TO val_old;
      CREATE TYPE val AS ENUM ('a', 'c');
      ALTER TABLE t ALTER COLUMN v TYPE val[] USING v::text[]::val[];
      ALTER TABLE t ALTER COLUMN id SET DEFAULT 0;
      DROP TYPE val_old;
      ALTER DOMAIN code RENAME TO code_old;
      --changeset a:3
      DROP TABLE t;
      DROP TYPE val;
      DROP DOMAIN code_old;
      """;

  // A rename alone: after it, only the new name is there.
  private static final String RENAME =
      """
      <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
        <changeSet id="1" author="a">
          <sql>CREATE TYPE s AS ENUM ('x', 'y')</sql>
        </changeSet>
        <changeSet id="2" author="a">
          <sql>ALTER TYPE s RENAME TO status</sql>
          <sql>DROP TYPE IF EXISTS gone; DROP TYPE spare</sql>
        </changeSet>
      </databaseChangeLog>
      """;

  // Column properties, structured, on a table a later changeset drops.
  private static final String PROPERTIES =
      """
      databaseChangeLog:
        - changeSet:
            id: '1'
            author: a
            changes:
              - createTable: {tableName: b, columns: [{column: {name: id, type: int}}]}
        - changeSet:
            id: '2'
            author: a
            changes:
              - addColumn: {tableName: b, columns: [{column: {name: c, type: int}}]}
              - modifyDataType: {tableName: b, columnName: c, newDataType: bigint}
              - addDefaultValue: {tableName: b, columnName: c, defaultValueNumeric: 0}
              - addNotNullConstraint: {tableName: b, columnName: c, defaultNullValue: '0'}
              - dropDefaultValue: {tableName: b, columnName: c}
              - dropNotNullConstraint: {tableName: b, columnName: c}
        - changeSet:
            id: '3'
            author: a
            changes:
              - dropTable: {tableName: b}
      """;

  private static List<String> types(TestDb db) {
    return db.rows(
        "SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace"
            + " AND typtype IN ('e', 'd') ORDER BY 1");
  }

  // Runs the changelog whole, forgets every revision row after the first, and runs it again, by
  // upgrade and by the script: each ends where the first run did, every row recorded.
  private void rerunAfterLoss(
      String name, String text, String setUp, int changesets, String types, String... said) {
    Path file = Changelogs.write(dir, name, text);
    for (boolean script : LostRows.BY_SCRIPT) {
      TestDb db = new TestDb("types_rerun");
      db.execute(setUp);
      LostRows.Rerun lost =
          LostRows.rerun(
              dir, file, db, script, d -> assertEquals(types, String.join(",", types(d))));
      Cli.Result rerun = lost.result();
      assertEquals(0, rerun.code(), lost.how() + rerun);
      for (String words : said) {
        assertTrue(script || rerun.out().contains(words), rerun.toString());
      }
      assertEquals(types, String.join(",", types(db)));
      assertEquals(lost.schema(), db.schemaFingerprint());
      assertEquals(changesets, db.revisions().size(), db.revisions().toString());
    }
  }

  @Test
  void anEnumSwappedUnderItsNameAndDroppedSince() {
    rerunAfterLoss(
        "changelog.sql",
        SWAP,
        "SELECT 1",
        3,
        "",
        "type public.val and val_old are absent, and a later change drops or renames val_old",
        "type public.val_old is dropped already",
        "type public.code and code_old are absent, and a later change drops or renames code_old",
        "table public.t is absent, and a later change drops or renames it");
  }

  @Test
  void aTypeRenamedAlreadyIsFoundUnderItsNewName() {
    rerunAfterLoss(
        "changelog.xml",
        RENAME,
        "CREATE TYPE spare AS ENUM ('z')",
        2,
        "status",
        "type public.s is already named status",
        "type public.spare is dropped already");
  }

  @Test
  void columnPropertiesOfATableDroppedSince() {
    rerunAfterLoss(
        "changelog.yaml",
        PROPERTIES,
        "SELECT 1",
        3,
        "",
        "modifyDataType: table public.b is absent, and a later change drops or renames it",
        "dropNotNullConstraint: table public.b is absent, and a later change drops or renames");
  }

  // Nothing later drops or renames the type away: the rename's failure is a real difference.
  @Test
  void aTypeDroppedByHandStillStops() {
    Path file = Changelogs.write(dir, "changelog.xml", RENAME);
    TestDb db = new TestDb("types_by_hand");
    db.execute("CREATE TYPE spare AS ENUM ('z')");
    assertEquals(0, Cli.on(db, file, "upgrade", "1").code());
    db.execute("DROP TYPE s");

    Cli.Result rerun = Cli.on(db, file, "upgrade");
    assertEquals(1, rerun.code(), rerun.toString());
    assertTrue(
        rerun.err().contains("changeset 2 (a) failed at")
            && rerun.err().contains("ERROR: type \"s\" does not exist"),
        rerun.toString());
    assertEquals(List.of("spare"), types(db));
    assertEquals(1, db.revisions().size());
  }
}
