package dev.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts.Effect;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Verb;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every change type has its facts: a type added to the model and not to {@link Facts} fails here,
 * and so does a type whose fine facts disagree with its coarse effect.
 */
class FactsTest {
  @Test
  void everyChangeTypeHasAnEffect() {
    assertEquals(Set.of(Change.class.getPermittedSubclasses()), Set.copyOf(Facts.types()));
  }

  @Test
  void everyChangeTypeHasFactsThatAgreeWithItsEffect() throws Exception {
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      Change change = (Change) example(type);
      List<Fact> facts = Facts.of(change);
      Effect effect = Facts.effect(change);
      String told = change.changeType() + " (" + effect + "): " + facts;
      switch (effect) {
        case RAW, TAG, COMMENTS, SAYS -> assertTrue(facts.isEmpty(), told);
        case ROWS -> {
          assertFalse(facts.isEmpty(), told);
          assertTrue(facts.stream().allMatch(f -> f.verb() == Verb.WRITES), told);
        }
        case MAKES -> assertEquals(Verb.MAKES, facts.get(0).verb(), told);
        case DROPS -> assertEquals(Verb.DROPS, facts.get(0).verb(), told);
        case RENAMES -> {
          assertEquals(Verb.RENAMES, facts.get(0).verb(), told);
          assertEquals("b", facts.get(0).to(), told);
        }
        case SETS, ALTERS ->
            assertTrue(Set.of(Verb.SETS, Verb.MAKES).contains(facts.get(0).verb()), told);
      }
      for (Fact f : facts) {
        assertTrue(f.change() == change, told);
        // dropAllForeignKeyConstraints names the table only: the keys are the catalog's.
        // addLookupTable's primary key has no name, as an addPrimaryKey given none: PostgreSQL
        // names it.
        boolean unnamed =
            change instanceof Change.DropAllForeignKeyConstraints
                || (change instanceof Change.AddLookupTable && f.kind() == Facts.Kind.PRIMARY_KEY);
        assertTrue((f.name() == null) == unnamed, told);
      }
    }
  }

  @Test
  void aPrimaryKeyComesBeforeTheColumnsItMakesNotNull() {
    Change change = new Change.AddPrimaryKey(null, "t", List.of("a", "b"), "t_pkey");
    List<Fact> facts = Facts.of(change);
    assertEquals(Facts.Kind.PRIMARY_KEY, facts.get(0).kind());
    assertEquals(List.of("a", "b"), facts.get(0).columns());
    assertEquals(
        List.of("a", "b"),
        facts.subList(1, 3).stream()
            .filter(f -> f.aspects().equals(Set.of(Facts.Aspect.NULLABILITY)))
            .map(Fact::name)
            .toList());
  }

  // An instance of a record of the model with every string "a" (a rename's new name "b"), every
  // list of one element, every flag false and every enum its first constant.
  static Object example(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          components[i].getName().startsWith("new")
              ? "b"
              : value(components[i].getType(), components[i].getGenericType());
    }
    return type.getDeclaredConstructor(types).newInstance(values);
  }

  private static Object value(Class<?> type, Type generic) throws Exception {
    if (type == String.class) {
      return "a";
    } else if (type == boolean.class || type == Boolean.class) {
      return false;
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    } else if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Class<?> raw =
          element instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) element;
      return List.of(value(raw, element));
    } else if (type.isRecord()) {
      return example(type);
    }
    throw new IllegalStateException("no example value for " + type);
  }
}
