package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.support.ChangeSamples;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change type added to the model cannot be forgotten by the guards or the reference. */
class EveryChangeTypeTest {
  private static List<Class<?>> changeTypes() {
    return List.of(Change.class.getPermittedSubclasses());
  }

  @Test
  void everyChangeTypeHasAGuard() throws Exception {
    TestDb db = new TestDb("every_type");
    try (Connection c = db.server.connect(db.name)) {
      Guards guards = new Guards(PgCatalog.live(new Jdbc(c)), new PgDdl("public"));
      for (Class<?> type : changeTypes()) {
        Change change = sample(type);
        // A type the guards do not know is refused ("no guard for …"): that must never happen.
        assertDoesNotThrow(() -> guards.decide(change, List.of()), type.getSimpleName());
      }
    }
  }

  @Test
  void everyChangeTypeIsInTheReference() throws Exception {
    String reference = Files.readString(Path.of("docs/change-types.md"));
    for (Class<?> type : changeTypes()) {
      String key = sample(type).changeType();
      assertTrue(
          reference.contains("## " + key), "docs/change-types.md has no section '## " + key + "'");
    }
  }

  private static Change sample(Class<?> type) throws Exception {
    return ChangeSamples.sample(type);
  }
}
