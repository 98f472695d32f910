package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.migrate.model.Change;
import dev.migrate.support.ChangeSamples;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one dispatch over change types: each type belongs to exactly one object family, which gives
 * it a guard and a script. A type added to the model and to no family fails here.
 */
class FamiliesTest {
  @Test
  void everyChangeTypeBelongsToAFamily() {
    Families families = new Families(null, new PgDdl("public"));
    assertEquals(Set.of(Change.class.getPermittedSubclasses()), families.types());
  }

  @Test
  void everyChangeTypeRendersItsScriptWithoutADatabase() throws Exception {
    Families families = new Families(null, new PgDdl("public"));
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      Change change = ChangeSamples.sample(type);
      List<String> lines =
          assertDoesNotThrow(
              () -> families.script(change, new LaterChanges(List.of(), new PgDdl("public"))),
              type.getSimpleName());
      assertNotNull(lines, type.getSimpleName());
    }
  }

  @Test
  void everyChangeTypeThatCheckLooksAtSaysWhenALaterChangeReworksIt() throws Exception {
    Guards guards = new Guards(null, new PgDdl("public"));
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      Change change = ChangeSamples.sample(type);
      assertDoesNotThrow(
          () -> guards.checks().reworkedLater(change, List.of()), type.getSimpleName());
    }
  }
}
