package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the revision table: each row's seq is above every row's before it, across runs, a
 * row written by someone else between them, and rows removed and recorded again; the highest is
 * found through an index on seq, not by reading every row.
 */
class RevisionSeqTest {
  @Test
  void everyRowIsNumberedAfterEveryRowBeforeIt(@TempDir Path dir) {
    StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
    for (String id : List.of("a", "b", "c", "d")) {
      yaml.append(
          Changelogs.changeset(id, "- sql: {sql: SELECT 1}").replace("databaseChangeLog:\n", ""));
    }
    Path file = Changelogs.write(dir, "c.yaml", yaml.toString());
    TestDb db = new TestDb("seq");
    String url = db.libpqUrl();

    run("upgrade", "b", url, file);
    assertEquals(List.of("a|1", "b|2"), bySeq(db));
    assertEquals(
        "CREATE INDEX migrate_revisions_seq_idx ON public.migrate_revisions USING btree (seq)",
        db.one("SELECT indexdef FROM pg_indexes WHERE indexname = 'migrate_revisions_seq_idx'"));

    // A row written by hand between runs, with a number far ahead: the next run counts from it.
    db.execute(
        "INSERT INTO migrate_revisions (id, author, filename, seq, checksum, status, deployment_id,"
            + " tool_version) VALUES ('elsewhere', 'x', 'x.yaml', 40, 'm1:0', 'stamped', 'd', 'v')");
    run("upgrade", "head", url, file);
    assertEquals(List.of("a|1", "b|2", "elsewhere|40", "c|41", "d|42"), bySeq(db));

    // Rows removed by hand and recorded again come after every row left, none twice.
    db.execute("DELETE FROM migrate_revisions WHERE id IN ('b', 'd')");
    run("upgrade", "head", url, file);
    List<String> rows = bySeq(db);
    assertEquals(
        List.of("a", "elsewhere", "c", "b", "d"),
        rows.stream().map(r -> r.substring(0, r.indexOf('|'))).toList());
    List<Integer> seqs =
        rows.stream().map(r -> Integer.valueOf(r.substring(r.indexOf('|') + 1))).toList();
    assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "strictly increasing: " + rows);
  }

  private static void run(String command, String target, String url, Path file) {
    Cli.Result result =
        new Cli().run(command, target, "--url", url, "--changelog", file.toString());
    assertEquals(0, result.code(), result.toString());
  }

  private static List<String> bySeq(TestDb db) {
    return db.rows("SELECT id || '|' || seq FROM migrate_revisions ORDER BY seq");
  }
}
