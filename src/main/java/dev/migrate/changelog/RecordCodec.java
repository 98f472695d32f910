package dev.migrate.changelog;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph of records (the parsed changelog, the inputs it was read from) as a compact stream
 * and reads it back equal: each class and each string is written once and named by number after,
 * and a record met again is a reference to the first, so what was shared stays shared. Java's
 * object streams did the same job at three times the cost, most of it spent building, for every
 * record class, the method handles that call its constructor.
 *
 * <p>What it knows: records, enums, strings, booleans, ints, longs and lists. Anything else cannot
 * be written (the caller keeps nothing), and only records and enums of the packages {@link
 * #READABLE} names are read back.
 */
final class RecordCodec {
  // The packages whose records and enums a stream may name.
  private static final List<String> READABLE =
      List.of("dev.migrate.model.", "dev.migrate.changelog.");

  private static final int NULL = 0;
  private static final int STRING = 1; // a string met before, by number
  private static final int NEW_STRING = 2;
  private static final int TRUE = 3;
  private static final int FALSE = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int ENUM = 7; // class, then the constant's name
  private static final int LIST = 8;
  private static final int MUTABLE_LIST = 9;
  private static final int RECORD = 10; // class, then its components in order
  private static final int SHARED = 11; // a record met before, by number

  private RecordCodec() {}

  static void write(DataOutputStream out, Object graph) throws IOException {
    new Writer(out).value(graph);
  }

  static Object read(DataInputStream in) throws IOException {
    return new Reader(in).value();
  }

  private static final class Writer {
    private final DataOutputStream out;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Class<?>, Integer> classes = new HashMap<>();
    private final Map<Object, Integer> records = new IdentityHashMap<>();
    private final Map<Class<?>, java.lang.reflect.Method[]> accessors = new HashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void value(Object v) throws IOException {
      if (v == null) {
        out.writeByte(NULL);
      } else if (v instanceof String s) {
        string(s);
      } else if (v instanceof Boolean b) {
        out.writeByte(b ? TRUE : FALSE);
      } else if (v instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (v instanceof Long l) {
        out.writeByte(LONG);
        out.writeLong(l);
      } else if (v instanceof Enum<?> e) {
        out.writeByte(ENUM);
        type(e.getDeclaringClass());
        string(e.name());
      } else if (v instanceof List<?> list) {
        elements(list instanceof ArrayList ? MUTABLE_LIST : LIST, list);
      } else if (v instanceof Record r) {
        record(r);
      } else {
        throw new IllegalArgumentException("cannot keep a " + v.getClass().getName());
      }
    }

    private void string(String s) throws IOException {
      Integer known = strings.get(s);
      if (known != null) {
        out.writeByte(STRING);
        out.writeInt(known);
        return;
      }
      strings.put(s, strings.size());
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeByte(NEW_STRING);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private void type(Class<?> type) throws IOException {
      Integer known = classes.get(type);
      out.writeInt(known == null ? -1 : known);
      if (known == null) {
        classes.put(type, classes.size());
        string(type.getName());
      }
    }

    private void elements(int tag, Collection<?> elements) throws IOException {
      out.writeByte(tag);
      out.writeInt(elements.size());
      for (Object e : elements) {
        value(e);
      }
    }

    private void record(Record r) throws IOException {
      Integer known = records.get(r);
      if (known != null) {
        out.writeByte(SHARED);
        out.writeInt(known);
        return;
      }
      out.writeByte(RECORD);
      type(r.getClass());
      for (java.lang.reflect.Method accessor :
          accessors.computeIfAbsent(r.getClass(), Writer::accessors)) {
        try {
          value(accessor.invoke(r));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalArgumentException("cannot read " + accessor, e);
        }
      }
      // Numbered once written whole, as the reader numbers it once built.
      records.put(r, records.size());
    }

    private static java.lang.reflect.Method[] accessors(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      java.lang.reflect.Method[] read = new java.lang.reflect.Method[components.length];
      for (int i = 0; i < read.length; i++) {
        read[i] = components[i].getAccessor();
        read[i].setAccessible(true);
      }
      return read;
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private final List<String> strings = new ArrayList<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final List<Object> records = new ArrayList<>();
    private final Map<Class<?>, Constructor<?>> constructors = new HashMap<>();

    Reader(DataInputStream in) {
      this.in = in;
    }

    Object value() throws IOException {
      int tag = in.readByte();
      return switch (tag) {
        case NULL -> null;
        case STRING, NEW_STRING -> string(tag);
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case INT -> in.readInt();
        case LONG -> in.readLong();
        case ENUM -> constant(type());
        case LIST -> Collections.unmodifiableList(Arrays.asList(elements()));
        case MUTABLE_LIST -> new ArrayList<>(Arrays.asList(elements()));
        case RECORD -> record(type());
        case SHARED -> records.get(in.readInt());
        default -> throw new IOException("not a kept changelog: tag " + tag);
      };
    }

    private String string(int tag) throws IOException {
      if (tag == STRING) {
        return strings.get(in.readInt());
      }
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      String s = new String(bytes, StandardCharsets.UTF_8);
      strings.add(s);
      return s;
    }

    private Class<?> type() throws IOException {
      int known = in.readInt();
      if (known >= 0) {
        return classes.get(known);
      }
      String name = string(in.readByte());
      if (READABLE.stream().noneMatch(name::startsWith)) {
        throw new IOException("not a kept changelog: class " + name);
      }
      try {
        Class<?> type = Class.forName(name, false, RecordCodec.class.getClassLoader());
        if (!type.isRecord() && !type.isEnum()) {
          throw new IOException("not a kept changelog: class " + name);
        }
        classes.add(type);
        return type;
      } catch (ClassNotFoundException e) {
        throw new IOException("not a kept changelog: class " + name, e);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object constant(Class<?> type) throws IOException {
      String name = string(in.readByte());
      if (!type.isEnum()) {
        throw new IOException("not a kept changelog: " + type.getName() + " is no enum");
      }
      return Enum.valueOf((Class) type, name);
    }

    private Object[] elements() throws IOException {
      Object[] elements = new Object[in.readInt()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = value();
      }
      return elements;
    }

    private Object record(Class<?> type) throws IOException {
      Constructor<?> constructor = constructors.get(type);
      if (constructor == null) {
        if (!type.isRecord()) {
          throw new IOException("not a kept changelog: " + type.getName() + " is no record");
        }
        try {
          constructor =
              type.getDeclaredConstructor(
                  Arrays.stream(type.getRecordComponents())
                      .map(RecordComponent::getType)
                      .toArray(Class<?>[]::new));
          constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
          throw new IOException("not a kept changelog: " + type.getName(), e);
        }
        constructors.put(type, constructor);
      }
      Object[] args = new Object[constructor.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = value();
      }
      try {
        Object built = constructor.newInstance(args);
        records.add(built);
        return built;
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new IOException("not a kept changelog: " + type.getName(), e);
      }
    }
  }
}
