package dev.migrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A rerun after lost revision rows: the changelog run whole, every revision row after the first
 * changeset's forgotten ({@code stamp 1 --force}, as a stamp too far back leaves them), then the
 * changelog run again, by {@code upgrade} or by the {@code --sql} script made without a database,
 * through psql.
 */
public final class LostRows {
  /** The two ways to run it again, in turn: {@code upgrade}, then the script. */
  public static final boolean[] BY_SCRIPT = {false, true};

  private LostRows() {}

  /**
   * What the rerun left to look at: the database, the schema the first run left, and what the rerun
   * printed and returned.
   */
  public record Rerun(TestDb db, boolean script, List<String> schema, Cli.Result result) {
    /** Which way it ran, to begin a failure's message. */
    public String how() {
      return script ? "script: " : "upgrade: ";
    }
  }

  /**
   * Runs {@code changelog} whole on {@code db}, then {@code afterFirst} (what the application did
   * since, or what the test reads of the first run), forgets the revision rows after the first
   * changeset's, and runs it again.
   */
  public static Rerun rerun(
      Path dir, Path changelog, TestDb db, boolean script, Consumer<TestDb> afterFirst) {
    Cli.Result first = Cli.on(db, changelog, "upgrade");
    assertEquals(0, first.code(), first.toString());
    afterFirst.accept(db);
    List<String> schema = db.schemaFingerprint();
    Cli.Result stamp = Cli.on(db, changelog, "stamp", "1", "--force");
    assertEquals(0, stamp.code(), stamp.toString());
    assertEquals(List.of("1|applied"), db.revisions());
    Cli.Result again = script ? Psql.script(db, dir, changelog) : Cli.on(db, changelog, "upgrade");
    return new Rerun(db, script, schema, again);
  }
}
