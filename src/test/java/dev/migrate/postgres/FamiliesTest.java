package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.lang.reflect.RecordComponent;
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
      Change change = sample(type);
      List<String> lines =
          assertDoesNotThrow(
              () -> families.script(change, new LaterChanges(List.of(), new PgDdl("public"))),
              type.getSimpleName());
      assertNotNull(lines, type.getSimpleName());
    }
  }

  // An instance with placeholder values: names "x", numbers "1", empty lists, flags false, values
  // 'x'.
  static Change sample(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      String name = components[i].getName();
      boolean number =
          List.of("startValue", "startWith", "incrementBy", "minValue", "maxValue", "cacheSize")
              .contains(name);
      values[i] =
          types[i] == String.class
              ? (number ? "1" : "x")
              : types[i] == List.class
                  ? List.of()
                  : types[i] == boolean.class
                      ? false
                      : types[i] == Value.class ? new Value(Value.Kind.STRING, "x") : null;
    }
    return (Change) type.getDeclaredConstructor(types).newInstance(values);
  }
}
