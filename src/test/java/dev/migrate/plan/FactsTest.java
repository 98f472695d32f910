package dev.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every change type has its fact: a type added to the model and not here fails. */
class FactsTest {
  @Test
  void everyChangeTypeHasAnEffect() {
    assertEquals(
        Set.of(dev.migrate.model.Change.class.getPermittedSubclasses()), Set.copyOf(Facts.types()));
  }
}
