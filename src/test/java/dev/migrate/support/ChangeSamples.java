package dev.migrate.support;

import dev.migrate.model.Change;
import dev.migrate.model.Value;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** One instance of any change type, for tests that walk every type of the model. */
public final class ChangeSamples {
  private ChangeSamples() {}

  /** Placeholder values: names "x", sequence numbers "1", empty lists, flags false, values 'x'. */
  public static Change sample(Class<?> type) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      boolean number =
          List.of("startValue", "startWith", "incrementBy", "minValue", "maxValue", "cacheSize")
              .contains(components[i].getName());
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
