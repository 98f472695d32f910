package dev.migrate.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept changelog is used only while every input of its parse is as it was: each kind of input,
 * changed, makes the next parse read the files again and see the change; left alone, the entry
 * answers, and answers what a fresh parse gives.
 */
class ParseCacheTest {
  @TempDir Path dir;
  private Path first;
  private Path second;
  private ParseCache cache;

  // Two search-path roots; the root changelog and its includes are found in either.
  @BeforeEach
  void project() throws IOException {
    first = Files.createDirectories(dir.resolve("first"));
    second = Files.createDirectories(dir.resolve("second"));
    cache = new ParseCache(dir.resolve("cache"), "code 1");
    write(
        second.resolve("master.yaml"),
        """
        databaseChangeLog:
          - property: {file: db.properties}
          - changeSet:
              id: one
              author: a
              changes:
                - sql: {sql: "create table ${table} (id int)"}
          - include: {file: part.yaml}
          - includeAll: {path: more/}
          - changeSet:
              id: file
              author: a
              changes:
                - sqlFile: {path: extra.sql, relativeToChangelogFile: true}
          - changeSet:
              id: env
              author: a
              changes:
                - sql: {sql: "comment on table t is '${OWNER}'"}
        """);
    write(second.resolve("db.properties"), "table=t\n");
    write(second.resolve("part.yaml"), changeset("part"));
    write(second.resolve("more/001.yaml"), changeset("more-1"));
    write(second.resolve("extra.sql"), "select 1;\n");
  }

  @Test
  void anUnchangedProjectIsAnsweredFromTheEntryWithWhatAParseGives() {
    ParseOptions options = options(Map.of(), Map.of("OWNER", "ops"), null);
    assertFalse(cache.holds("master.yaml", options));
    Changelog parsed = cache.parse("master.yaml", options);

    assertTrue(cache.holds("master.yaml", options));
    Changelog kept = cache.parse("master.yaml", options);
    assertEquals(ChangelogParser.parse("master.yaml", options), kept);
    assertEquals(parsed, kept);
    assertEquals(
        List.of("one", "part", "more-1", "file", "env"),
        kept.changesets().stream().map(Changeset::id).toList());
  }

  @Test
  void anEditedIncludedFileIsReadAgain() throws IOException {
    assertSeen(() -> write(second.resolve("part.yaml"), changeset("part-edited")), "part-edited");
  }

  @Test
  void aFileAddedToAnIncludeAllFolderIsRead() throws IOException {
    assertSeen(() -> write(second.resolve("more/002.yaml"), changeset("more-2")), "more-2");
  }

  @Test
  void aFileThatNowShadowsTheOneFoundLaterInTheSearchPathIsRead() throws IOException {
    assertSeen(() -> write(first.resolve("part.yaml"), changeset("part-first")), "part-first");
  }

  @Test
  void anEditedSqlFileIsReadAgain() throws IOException {
    assertChanged(() -> write(second.resolve("extra.sql"), "select 2;\n"), Map.of(), Map.of());
  }

  @Test
  void anEditedPropertiesFileIsReadAgain() throws IOException {
    assertChanged(() -> write(second.resolve("db.properties"), "table=u\n"), Map.of(), Map.of());
  }

  @Test
  void aPropertyFromTheCommandLineOrTheEnvironmentThatTheChangelogUsesIsLookedAtAgain()
      throws IOException {
    assertChanged(() -> {}, Map.of("table", "v"), Map.of());
    assertChanged(() -> {}, Map.of(), Map.of("OWNER", "someone else"));
  }

  @Test
  void anotherVariableOfTheEnvironmentChangesNothing() {
    cache.parse("master.yaml", options(Map.of(), Map.of("OWNER", "ops"), null));
    assertTrue(
        cache.holds("master.yaml", options(Map.of(), Map.of("OWNER", "ops", "PWD", "/x"), null)));
  }

  @Test
  void otherContextsOtherCodeOrATruncatedEntryAreAParse() throws IOException {
    ParseOptions options = options(Map.of(), Map.of(), null);
    cache.parse("master.yaml", options);
    assertFalse(cache.holds("master.yaml", options(Map.of(), Map.of(), "test")));
    assertFalse(new ParseCache(dir.resolve("cache"), "code 2").holds("master.yaml", options));

    try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
      for (Path entry : entries.toList()) {
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 100));
      }
    }
    assertFalse(cache.holds("master.yaml", options));
    assertEquals(
        ChangelogParser.parse("master.yaml", options), cache.parse("master.yaml", options));
    assertTrue(cache.holds("master.yaml", options));
  }

  @Test
  void theFolderAndItsEntriesAreTheUsersAlone() throws IOException {
    cache.parse("master.yaml", options(Map.of(), Map.of(), null));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cache"))));
    try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
      for (Path entry : entries.toList()) {
        assertEquals(
            "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
      }
    }
  }

  @Test
  void theNextRunHereHasTheEntryItWillAskForReadBeforeItAsks() throws IOException {
    ParseOptions options = options(Map.of(), Map.of("OWNER", "ops"), null);
    Changelog parsed = cache.parse("master.yaml", options);
    ParseCache next = nextRun();
    // Read already: the entry's file is no longer needed.
    deleteEntries();
    assertTrue(next.holds("master.yaml", options));
    assertEquals(parsed, next.parse("master.yaml", options));
  }

  @Test
  void anEntryReadAheadIsOnlyUsedForTheSameArguments() throws IOException {
    ParseOptions test = options(Map.of(), Map.of(), "test");
    write(
        second.resolve("part.yaml"),
        changeset("part").replace("      author: a\n", "      author: a\n      context: prod\n"));
    cache.parse("master.yaml", options(Map.of(), Map.of(), null));
    ParseCache next = nextRun();
    assertFalse(next.holds("master.yaml", test));
    assertEquals(ChangelogParser.parse("master.yaml", test), next.parse("master.yaml", test));
  }

  @Test
  void aNameOfTheLastEntryThatIsNoneIsPassedOver() throws IOException {
    ParseOptions options = options(Map.of(), Map.of(), null);
    for (String named : List.of("", "no-such.bin", "../first/part.yaml", "\0", "x".repeat(300))) {
      cache.parse("master.yaml", options);
      try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
        for (Path last :
            files.filter(f -> f.getFileName().toString().startsWith("last-")).toList()) {
          Files.writeString(last, named);
        }
      }
      assertEquals(
          ChangelogParser.parse("master.yaml", options), nextRun().parse("master.yaml", options));
    }
  }

  @Test
  void theEnvironmentNamesTheFolderOrTurnsItOff() {
    assertEquals(null, ParseCache.of(Map.of("MIGRATE_CACHE_DIR", "off", "HOME", "/home/x")));
    // Tests run from target/classes, not a jar: the code's identity is unknown, so nothing is kept.
    assertEquals(null, ParseCache.of(Map.of("HOME", "/home/x")));
  }

  private interface Edit {
    void run() throws IOException;
  }

  // A next run's cache, with the entry the last run used read ahead.
  private ParseCache nextRun() {
    ParseCache next = new ParseCache(dir.resolve("cache"), "code 1");
    next.readAhead().join();
    return next;
  }

  private void deleteEntries() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      for (Path entry : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
        Files.delete(entry);
      }
    }
  }

  // Parses, edits, and checks that the entry no longer holds, whether read ahead by the next run or
  // when asked for, and that the next parse shows the change.
  private void assertSeen(Edit edit, String id) throws IOException {
    ParseOptions options = options(Map.of(), Map.of(), null);
    cache.parse("master.yaml", options);
    edit.run();
    assertFalse(nextRun().holds("master.yaml", options));
    assertFalse(cache.holds("master.yaml", options));
    Changelog now = cache.parse("master.yaml", options);
    assertTrue(now.changesets().stream().anyMatch(c -> c.id().equals(id)), now.toString());
    assertEquals(ChangelogParser.parse("master.yaml", options), now);
  }

  private void assertChanged(Edit edit, Map<String, String> properties, Map<String, String> env)
      throws IOException {
    ParseOptions before = options(Map.of(), Map.of("OWNER", "ops"), null);
    Changelog old = cache.parse("master.yaml", before);
    edit.run();
    Map<String, String> environment = env.isEmpty() ? Map.of("OWNER", "ops") : env;
    ParseOptions after = options(properties, environment, null);
    assertFalse(nextRun().holds("master.yaml", after));
    assertFalse(cache.holds("master.yaml", after));
    Changelog now = cache.parse("master.yaml", after);
    assertEquals(ChangelogParser.parse("master.yaml", after), now);
    assertFalse(old.equals(now), "the change is seen");
    assertTrue(cache.holds("master.yaml", after));
  }

  private ParseOptions options(
      Map<String, String> properties, Map<String, String> environment, String contexts) {
    return new ParseOptions(
        List.of(first, second), false, properties, environment, "public", contexts, null);
  }

  private static String changeset(String id) {
    return "databaseChangeLog:\n  - changeSet:\n      id: "
        + id
        + "\n      author: a\n      changes:\n        - sql: {sql: select 1}\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
