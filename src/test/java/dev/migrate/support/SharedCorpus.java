package dev.migrate.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The corpus of real Liquibase changelogs in ../shared/corpus, read where it lies. A user's clone
 * without it skips the tests that need it; CI (MIGRATE_REQUIRE_SHARED) fails instead.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  public static Path directory() {
    Path corpus = Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
    if (!Files.isDirectory(corpus)) {
      if (System.getenv("MIGRATE_REQUIRE_SHARED") != null) {
        fail("../shared/corpus is missing, and MIGRATE_REQUIRE_SHARED says it must be there");
      }
      Assumptions.abort("../shared/corpus is not beside this clone");
    }
    return corpus;
  }
}
