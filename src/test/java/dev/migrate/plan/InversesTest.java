package dev.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.support.ChangeSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every change type is either undone automatically or listed as having no inverse: none is
 * forgotten.
 */
class InversesTest {
  @Test
  void everyChangeTypeHasAnInverseOrIsListedWithoutOne() throws Exception {
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      List<Change> inverse = Inverses.inverse(ChangeSamples.sample(type));
      assertTrue(inverse != null || Inverses.WITHOUT_INVERSE.contains(type), type.getSimpleName());
    }
  }
}
