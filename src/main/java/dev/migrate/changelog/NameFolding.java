package dev.migrate.changelog;

import dev.migrate.model.Column;
import dev.migrate.model.Identifier;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Rollback;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Step;
import dev.migrate.model.Value;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns every name a changeset writes into the name PostgreSQL stores (see {@link Identifier}),
 * once, right after reading: so the DDL, every guard and every catalog lookup speak of the same
 * object, whatever the case or length of the name as written. Also refuses, with file:line, a
 * column type or an index expression that is more than that.
 *
 * <p>A name is a record component called {@code name} or ending in {@code Name}; a list of names
 * one ending in {@code Names}, or an index's {@code columns} and {@code descending}. Nested records
 * (columns, constraints, conditions) are walked too, so a change type added later is covered
 * without a line here.
 */
final class NameFolding {
  private final Identifier.Quoting quoting;
  private final Warnings warnings;
  private Location at;

  NameFolding(Identifier.Quoting quoting, Warnings warnings) {
    this.quoting = quoting;
    this.warnings = warnings;
  }

  List<Step> steps(List<Step> steps) {
    List<Step> folded = new ArrayList<>(steps.size());
    for (Step step : steps) {
      at = step.location();
      folded.add(new Step((dev.migrate.model.Change) record(step.change()), step.location()));
    }
    return List.copyOf(folded);
  }

  Rollback rollback(Rollback rollback) {
    return new Rollback(steps(rollback.steps()), rollback.given(), rollback.problem());
  }

  Preconditions preconditions(Preconditions p) {
    if (p == null) {
      return null;
    }
    at = p.location();
    return new Preconditions(
        p.onFail(),
        p.onError(),
        p.onFailMessage(),
        (Precondition) record(p.condition()),
        p.location());
  }

  private Object record(Object record) {
    if (record == null || !record.getClass().isRecord()) {
      return record;
    }
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean changed = false;
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      Object value = read(component, record);
      Object folded = component(record.getClass(), component, value);
      changed |= folded != value;
      values[i] = folded;
    }
    if (!changed) {
      return record;
    }
    try {
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
    }
  }

  private Object component(Class<?> owner, RecordComponent component, Object value) {
    String name = component.getName();
    if (value instanceof String text) {
      if (isName(name)) {
        return name(text);
      }
      if (isType(owner, name)) {
        checkType(text);
      }
      return text;
    }
    if (value instanceof Value v) {
      return v.kind() == Value.Kind.SEQUENCE_NEXT ? new Value(v.kind(), dotted(v.text())) : v;
    }
    if (value instanceof List<?> list) {
      boolean ofStrings =
          component.getGenericType() instanceof ParameterizedType p
              && p.getActualTypeArguments()[0] == String.class;
      if (ofStrings) {
        return isNameList(name) ? names(list) : list;
      }
      List<Object> folded = new ArrayList<>(list.size());
      boolean changed = false;
      for (Object item : list) {
        Object f = record(item);
        changed |= f != item;
        folded.add(f);
      }
      return changed ? List.copyOf(folded) : list;
    }
    return record(value);
  }

  private static boolean isName(String component) {
    return component.equals("name") || component.endsWith("Name");
  }

  private static boolean isNameList(String component) {
    return component.endsWith("Names")
        || component.equals("columns")
        || component.equals("descending");
  }

  // A column's type, and the types that modifyDataType, addNotNullConstraint and createSequence
  // name.
  private static boolean isType(Class<?> owner, String component) {
    return (owner == Column.class && component.equals("type"))
        || component.endsWith("DataType")
        || component.equals("dataType");
  }

  private List<String> names(List<?> list) {
    List<String> folded = new ArrayList<>(list.size());
    for (Object item : list) {
      String text = (String) item;
      if (text.contains("(")) {
        // An index over an expression, such as lower(email): SQL by design, so it must be one
        // expression and cannot end the statement it goes into.
        if (!SqlSplitter.isOneExpression(text)) {
          throw MigrateException.invalid(
              at, "index column '" + text + "' is neither a name nor one SQL expression");
        }
        folded.add(text);
      } else {
        folded.add(name(text));
      }
    }
    return List.copyOf(folded);
  }

  private String name(String written) {
    if (written == null) {
      return null;
    }
    String folded = Identifier.folded(written, quoting);
    String stored = Identifier.truncated(folded);
    if (!stored.equals(folded)) {
      warnings.truncatedName(at, written, stored);
    }
    return stored;
  }

  // sequence or schema.sequence, each part a name.
  private String dotted(String written) {
    int dot = written.indexOf('.');
    return dot < 0
        ? name(written)
        : name(written.substring(0, dot)) + "." + name(written.substring(dot + 1));
  }

  private void checkType(String type) {
    if (type != null && !SqlSplitter.isTypeName(type)) {
      throw MigrateException.invalid(
          at, "'" + type + "' is not a column type (a type name with optional (arguments) and [])");
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }
}
