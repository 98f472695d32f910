package dev.migrate.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.changelog.ChangelogParser;
import dev.migrate.changelog.ParseCache;
import dev.migrate.changelog.ParseOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus project, kept and read back, is the changelog a parse gives: each record its formats
 * make survives the entry whole (a field lost or a list reordered would fail here).
 */
class ParseCacheCorpusTest {
  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.migrate.corpus.CorpusCompatibilityTest#entries")
  void aKeptProjectReadsBackAsItParses(CorpusEntry e) {
    ParseOptions options = ChecksumPinTest.options(e);
    ParseCache cache = new ParseCache(folder, "test");
    cache.parse(e.master(), options);

    assertTrue(cache.holds(e.master(), options), "an unchanged project is answered from its entry");
    assertEquals(ChangelogParser.parse(e.master(), options), cache.parse(e.master(), options));
  }
}
