package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --json: what a CI step reads instead of scraping text. */
class JsonOutputTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode parse(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void historyAsJsonWithAndWithoutADatabase() throws Exception {
    Cli.Result offline = new Cli().run("history", "--json", "--changelog", EXAMPLE);
    assertEquals(0, offline.code(), offline.toString());
    JsonNode o = parse(offline.out());
    assertTrue(o.get("database").isNull());
    assertEquals(2, o.get("changesets").size());
    assertTrue(o.at("/changesets/0/recorded").isNull());
    assertEquals("0002_add_catalog_tables", o.at("/changesets/1/id").asText());
    assertTrue(o.at("/changesets/1/head").asBoolean());

    TestDb db = new TestDb("json_history");
    assertEquals(
        0, new Cli().run("upgrade", "+1", "--url", db.libpqUrl(), "--changelog", EXAMPLE).code());
    Cli.Result online =
        new Cli().run("history", "--json", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, online.code(), online.toString());
    JsonNode h = parse(online.out());
    assertTrue(h.at("/changesets/0/recorded").asBoolean());
    assertTrue(h.at("/changesets/0/current").asBoolean());
    assertEquals(false, h.at("/changesets/1/recorded").asBoolean());
    assertEquals(false, h.at("/changesets/1/current").asBoolean());
  }

  @Test
  void downgradeAndStampAsJson() throws Exception {
    TestDb db = new TestDb("json_down_stamp");
    String url = db.libpqUrl();
    assertEquals(0, new Cli().run("upgrade", "--url", url, "--changelog", EXAMPLE).code());

    Cli.Result down =
        new Cli().run("downgrade", "-1", "--json", "--url", url, "--changelog", EXAMPLE);
    assertEquals(0, down.code(), down.toString());
    JsonNode d = parse(down.out());
    assertEquals("-1", d.get("target").asText());
    assertEquals(1, d.get("toUndo").asInt());
    assertEquals(1, d.get("undone").asInt());
    assertEquals("0001_create_import_tables (1 pending)", d.get("current").asText());
    assertEquals("0002_add_catalog_tables", d.at("/results/0/id").asText());
    assertEquals("reverted", d.at("/results/0/outcome").asText());
    assertEquals(4, d.at("/results/0/steps").size());
    assertEquals("ran", d.at("/results/0/steps/0/outcome").asText());
    assertEquals(java.util.List.of("0001_create_import_tables|applied"), db.revisions());

    // The tables of 0002 made again by hand: stamp head records it without running anything.
    assertEquals(0, new Cli().run("upgrade", "--url", url, "--changelog", EXAMPLE).code());
    db.execute("DELETE FROM migrate_revisions WHERE id = '0002_add_catalog_tables'");
    Cli.Result stamp =
        new Cli().run("stamp", "head", "--json", "--url", url, "--changelog", EXAMPLE);
    assertEquals(0, stamp.code(), stamp.toString());
    JsonNode s = parse(stamp.out());
    assertEquals("stamp", s.get("kind").asText());
    assertEquals(1, s.get("written").asInt());
    assertEquals(0, s.get("removed").asInt());
    assertEquals("0002_add_catalog_tables (head)", s.get("current").asText());
    assertEquals("stamped", s.at("/rows/0/action").asText());
    assertEquals("0002_add_catalog_tables", s.at("/rows/0/id").asText());
    assertTrue(s.at("/rows/0/location").asText().contains("0002_add_catalog_tables.yaml:"));

    db.execute("DROP INDEX ix_import_rows_batch_line");
    Cli.Result repair = new Cli().run("repair", "--json", "--url", url, "--changelog", EXAMPLE);
    assertEquals(0, repair.code(), repair.toString());
    JsonNode r = parse(repair.out());
    assertEquals(1, r.get("toRepair").asInt());
    assertEquals(1, r.get("repaired").asInt());
    assertEquals("repaired", r.at("/results/0/outcome").asText());
    assertEquals("createIndex", r.at("/results/0/steps/0/changeType").asText());

    Cli.Result back =
        new Cli().run("stamp", "base", "--force", "--json", "--url", url, "--changelog", EXAMPLE);
    assertEquals(0, back.code(), back.toString());
    JsonNode b = parse(back.out());
    assertEquals(2, b.get("removed").asInt());
    assertEquals("removed", b.at("/rows/1/action").asText());
    assertTrue(b.get("current").isNull() || b.get("current").asText().startsWith("base"));
    assertEquals(java.util.List.of(), db.revisions());
  }

  @Test
  void currentAndCheckAsJson() throws Exception {
    TestDb db = new TestDb("json_out");
    assertEquals(
        0, new Cli().run("upgrade", "+1", "--url", db.libpqUrl(), "--changelog", EXAMPLE).code());

    Cli.Result current =
        new Cli().run("current", "--json", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, current.code(), current.toString());
    JsonNode c = parse(current.out());
    assertEquals("0001_create_import_tables", c.get("current").asText());
    assertEquals(1, c.get("pending").asInt());
    assertEquals(false, c.get("head").asBoolean());
    assertEquals(2, c.get("changesets").asInt());

    Cli.Result wide =
        new Cli().run("current", "-v", "--json", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    JsonNode w = parse(wide.out());
    assertEquals("applied", w.at("/entries/0/status").asText());
    assertTrue(w.at("/entries/0/checksumMatches").asBoolean());
    assertEquals("pending", w.at("/entries/1/status").asText());
    assertEquals("0002_add_catalog_tables", w.at("/entries/1/id").asText());
    assertTrue(w.get("lock").isNull());
    assertEquals(0, w.get("drift").size());

    db.execute("ALTER TABLE import_batches DROP COLUMN status");
    Cli.Result check =
        new Cli().run("check", "--json", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(3, check.code(), check.toString());
    JsonNode k = parse(check.out());
    assertEquals(false, k.get("ok").asBoolean());
    assertEquals("pending", k.at("/problems/0/kind").asText());
    assertEquals("0002_add_catalog_tables", k.at("/problems/0/changeset").asText());
    assertEquals("drift", k.at("/problems/1/kind").asText());
    assertEquals("createTable", k.at("/problems/1/changeType").asText());
    assertTrue(k.at("/problems/1/detail").asText().contains("column status"), k.toString());
  }

  @Test
  void upgradeAsJson() throws Exception {
    TestDb db = new TestDb("json_upgrade");
    db.execute("CREATE TYPE importstatus AS ENUM ('PENDING', 'RUNNING')");
    Cli.Result upgrade =
        new Cli().run("upgrade", "--json", "--url", db.libpqUrl(), "--changelog", EXAMPLE);
    assertEquals(0, upgrade.code(), upgrade.toString());
    JsonNode u = parse(upgrade.out());
    assertEquals(2, u.get("recorded").asInt());
    assertEquals(2, u.get("pending").asInt());
    assertEquals("0002_add_catalog_tables (head)", u.get("current").asText());
    assertEquals("applied", u.at("/results/0/outcome").asText());
    assertEquals("0001_create_import_tables", u.at("/results/0/id").asText());
    assertEquals("adjusted", u.at("/results/0/steps/0/outcome").asText());
    assertEquals("createEnumType", u.at("/results/0/steps/0/changeType").asText());
    assertEquals("ran", u.at("/results/1/steps/0/outcome").asText());
  }

  @Test
  void errorsAsJsonNameTheChangesetTheStepTheSqlAndItsState() throws Exception {
    TestDb db = new TestDb("json_err");
    Path file =
        Changelogs.write(dir, "c.yaml", Changelogs.changeset("bad", "- sql: {sql: SELECT 1/0}"));
    Cli.Result failed =
        new Cli().run("upgrade", "--json", "--url", db.libpqUrl(), "--changelog", file.toString());
    assertEquals(1, failed.code(), failed.toString());
    JsonNode e = parse(failed.err()).get("error");
    assertEquals(1, e.get("exitCode").asInt());
    assertEquals(file + "::bad::test", e.get("changeset").asText());
    assertEquals(file + ":6:11", e.get("location").asText());
    assertEquals("SELECT 1/0", e.get("sql").asText());
    assertEquals("22012", e.get("sqlState").asText());
    assertTrue(
        e.get("message").asText().startsWith("changeset bad (test) failed at "), e.toString());

    Path broken =
        Changelogs.write(dir, "broken.yaml", "databaseChangeLog:\n  - changeSet: {id: x}\n");
    Cli.Result invalid =
        new Cli().run("check", "--json", "--url", db.libpqUrl(), "--changelog", broken.toString());
    assertEquals(2, invalid.code(), invalid.toString());
    assertEquals(2, parse(invalid.err()).at("/error/exitCode").asInt());
  }
}
