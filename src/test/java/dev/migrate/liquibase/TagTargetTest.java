package dev.migrate.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag given by a tagDatabase change is a target, as Liquibase's update-to-tag and rollback take
 * it: upgrade stops after the changeset that gives it, downgrade undoes what came after it. The
 * same changelog run both ways leaves the same changesets applied and the same tables.
 */
class TagTargetTest {
  @TempDir Path dir;

  private static final String CHANGELOG =
      """
      databaseChangeLog:
        - changeSet: {id: one, author: a, changes: [{createTable: {tableName: t1, columns: [{column: {name: i, type: int}}]}}]}
        - changeSet: {id: release-1, author: a, changes: [{tagDatabase: {tag: v1.0}}]}
        - changeSet: {id: two, author: a, changes: [{createTable: {tableName: t2, columns: [{column: {name: i, type: int}}]}}]}
        - changeSet: {id: release-2, author: a, changes: [{tagDatabase: {tag: v2.0}}]}
        - changeSet: {id: three, author: a, changes: [{createTable: {tableName: t3, columns: [{column: {name: i, type: int}}]}}]}
        - changeSet: {id: four, author: a, changes: [{createTable: {tableName: t4, columns: [{column: {name: i, type: int}}]}}, {tagDatabase: {tag: v3.0}}]}
        - changeSet: {id: named-one, author: a, changes: [{tagDatabase: {tag: one}}]}
      """;

  private Cli.Result migrate(TestDb db, String... command) {
    String[] args = new String[command.length + 4];
    System.arraycopy(command, 0, args, 0, command.length);
    System.arraycopy(
        new String[] {"--url", db.libpqUrl(), "--changelog", "changelog.yaml"},
        0,
        args,
        command.length,
        4);
    return new Cli().in(dir).run(args);
  }

  private static List<String> applied(TestDb db, String table) {
    return db.rows("SELECT id FROM " + table + " ORDER BY id");
  }

  private static List<String> tables(TestDb db) {
    return db.rows(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't_'"
            + " ORDER BY 1");
  }

  @Test
  void upgradeToATagStopsWhereUpdateToTagStops() throws Exception {
    Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb byLiquibase = new TestDb("tag_lb_up");
    LiquibaseRun.updateToTag(byLiquibase, dir, "changelog.yaml", "v2.0");
    TestDb byMigrate = new TestDb("tag_mg_up");
    Cli.Result upgrade = migrate(byMigrate, "upgrade", "v2.0");
    assertEquals(0, upgrade.code(), upgrade.toString());

    assertEquals(
        List.of("one", "release-1", "release-2", "two"), applied(byLiquibase, "databasechangelog"));
    assertEquals(
        applied(byLiquibase, "databasechangelog"), applied(byMigrate, "migrate_revisions"));
    assertEquals(tables(byLiquibase), tables(byMigrate));
  }

  @Test
  void downgradeToATagUndoesWhatRollbackToTagUndoes() throws Exception {
    Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb byLiquibase = new TestDb("tag_lb_down");
    LiquibaseRun.update(byLiquibase, dir, "changelog.yaml");
    TestDb byMigrate = new TestDb("tag_mg_down");
    assertEquals(0, migrate(byMigrate, "upgrade").code());
    // The case aside; a changeset that only tags is undone with what follows it, one that also
    // makes a table stays.
    List<List<String>> left =
        List.of(
            List.of("four", "one", "release-1", "release-2", "three", "two"),
            List.of("one", "release-1", "two"),
            List.of("one"));
    String[] tags = {"V3.0", "v2.0", "v1.0"};
    for (int i = 0; i < tags.length; i++) {
      LiquibaseRun.rollbackToTag(byLiquibase, dir, "changelog.yaml", tags[i]);
      Cli.Result downgrade = migrate(byMigrate, "downgrade", tags[i]);
      assertEquals(0, downgrade.code(), downgrade.toString());
      assertEquals(left.get(i), applied(byLiquibase, "databasechangelog"), tags[i]);
      assertEquals(left.get(i), applied(byMigrate, "migrate_revisions"), tags[i]);
      assertEquals(tables(byLiquibase), tables(byMigrate), tags[i]);
    }
  }

  @Test
  void anIdComesBeforeATagOfTheSameNameAndAnUnknownOneIsAnError() {
    Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb db = new TestDb("tag_mg_id");
    Cli.Result upgrade = migrate(db, "upgrade", "one");
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals(List.of("one"), applied(db, "migrate_revisions"));
    Cli.Result unknown = migrate(db, "upgrade", "v9.0");
    assertEquals(2, unknown.code(), unknown.toString());
    assertEquals(
        "error: unknown revision 'v9.0': no changeset has that id or tag. Use head, base, an id,"
            + " id::author, path::id::author or a tag\n",
        unknown.err());
    assertEquals(List.of("one"), applied(db, "migrate_revisions"));
  }

  @Test
  void aDowngradeToATargetTheDatabaseHasNotReachedIsAnError() throws Exception {
    Changelogs.write(dir, "changelog.yaml", CHANGELOG);
    TestDb byLiquibase = new TestDb("tag_lb_ahead");
    LiquibaseRun.update(byLiquibase, dir, "changelog.yaml");
    LiquibaseRun.rollbackToTag(byLiquibase, dir, "changelog.yaml", "v1.0");
    Exception refused =
        assertThrows(
            Exception.class,
            () -> LiquibaseRun.rollbackToTag(byLiquibase, dir, "changelog.yaml", "v1.0"));
    assertTrue(String.valueOf(refused.getMessage()).contains("v1.0"), refused.toString());

    TestDb db = new TestDb("tag_mg_ahead");
    assertEquals(0, migrate(db, "upgrade").code());
    assertEquals(0, migrate(db, "downgrade", "v1.0").code());
    assertEquals(List.of("one"), applied(db, "migrate_revisions"));
    // The tag's changeset was undone with what followed it: asked again, as Liquibase refuses.
    for (String[] command :
        List.of(
            new String[] {"downgrade", "v1.0"},
            new String[] {"downgrade", "v1.0", "--sql"},
            new String[] {"downgrade", "three"})) {
      Cli.Result ahead = migrate(db, command);
      assertEquals(2, ahead.code(), ahead.toString());
      String named =
          command[1].equals("three")
              ? "three (a) at changelog.yaml:6:16"
              : "release-1 (a) at changelog.yaml:3:16";
      assertEquals(
          "error: downgrade target '"
              + command[1]
              + "' is not applied: changeset "
              + named
              + " and every changeset after it are pending; nothing was undone\n",
          ahead.err());
      assertEquals("", ahead.out());
    }
    assertEquals(List.of("one"), applied(db, "migrate_revisions"));
    assertEquals(List.of("t1"), tables(db));
    // A target the database holds, with nothing after it, undoes nothing and is no error.
    Cli.Result there = migrate(db, "downgrade", "one");
    assertEquals(0, there.code(), there.toString());
    assertEquals(List.of("one"), applied(db, "migrate_revisions"));
  }
}
