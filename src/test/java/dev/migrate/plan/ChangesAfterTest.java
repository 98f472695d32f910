package dev.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.migrate.model.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The changes after a step: the list itself, and the facts of each, made once for all views. */
class ChangesAfterTest {
  private static final List<Change> ALL =
      List.of(
          new Change.CreateEnumType(null, "mood", List.of("ok")),
          new Change.RenameTable(null, "a", "b"),
          new Change.DropTable(null, "b", false));

  @Test
  void aViewIsTheChangesAfterItsStepWithTheirFacts() {
    ChangesAfter first = ChangesAfter.of(ALL, null, -1);
    for (int step = -1; step < ALL.size(); step++) {
      ChangesAfter after = ChangesAfter.of(ALL, first, step);
      assertEquals(ALL.subList(step + 1, ALL.size()), after);
      for (int i = 0; i < after.size(); i++) {
        assertEquals(Facts.of(after.get(i)), ChangesAfter.facts(after, i));
      }
    }
    // Made once: every view of the list reads the same facts.
    assertSame(ChangesAfter.facts(first, 2), ChangesAfter.facts(ChangesAfter.of(ALL, first, 1), 0));
    // Any other list is asked directly.
    assertEquals(Facts.of(ALL.get(1)), ChangesAfter.facts(ALL, 1));
  }
}
