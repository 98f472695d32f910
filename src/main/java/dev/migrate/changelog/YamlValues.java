package dev.migrate.changelog;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The text Liquibase reads from a YAML or JSON value where a change wants a single value. Its
 * parser first makes Java objects of the whole file by YAML 1.1's rules, then takes the text of
 * each object: an unquoted {@code 1.10} is the number 1.1, {@code 010} the octal number 8, {@code
 * yes} the boolean true, {@code 2020-01-02} a date printed as Java prints one. A mapping is no
 * value at all; a list is the text of its items that are not mappings: none is no value, one is
 * that item, more are Java's text of the list ({@code [a, b]}). Revision rows, checksums and the
 * SQL all follow from that text, so a changeset id written {@code 1.10} is the changeset Liquibase
 * recorded as {@code 1.1}.
 */
final class YamlValues {
  private YamlValues() {}

  /** The text, or null where Liquibase reads no value. */
  static String text(Node node, boolean timestampAsWritten) {
    Object value = value(node, timestampAsWritten);
    return value == null ? null : value.toString();
  }

  /** Why the text differs from what is written, for a warning; null where it does not. */
  static String why(Node node, String text) {
    if (node instanceof MappingNode) {
      return "is a mapping, which Liquibase reads as no value: it is left out";
    }
    if (node instanceof SequenceNode) {
      return text == null
          ? "is a list without a single value, which Liquibase reads as no value: it is left out"
          : "is a list, which Liquibase reads as the text '" + text + "'";
    }
    if (node instanceof ScalarNode scalar && text != null && !text.equals(scalar.getValue())) {
      return "is read as '"
          + text
          + "', as Liquibase reads an unquoted "
          + kind(scalar.getTag())
          + " in YAML; quote it to keep '"
          + scalar.getValue()
          + "'";
    }
    return null;
  }

  private static String kind(Tag tag) {
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "number";
    }
    return tag.equals(Tag.BOOL) ? "boolean" : "date";
  }

  // The value as Liquibase's parser holds it: a scalar's object, a list's, or null.
  private static Object value(Node node, boolean timestampAsWritten) {
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar, timestampAsWritten);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (!(item instanceof MappingNode)) {
          items.add(nested(item));
        }
      }
      return items.isEmpty() ? null : items.size() == 1 ? items.get(0) : items;
    }
    return null;
  }

  // An item inside a list, kept whole: Java's text of a list or a mapping within it.
  private static Object nested(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar, false);
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue().stream().map(YamlValues::nested).toList();
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      map.put(nested(tuple.getKeyNode()), nested(tuple.getValueNode()));
    }
    return map;
  }

  private static final Pattern PLAIN_INTEGER = Pattern.compile("0|-?[1-9][0-9]*");

  private static Object scalar(ScalarNode scalar, boolean timestampAsWritten) {
    Tag tag = scalar.getTag();
    String written = scalar.getValue();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.TIMESTAMP)) {
      return timestampAsWritten ? written : timestamp(written);
    }
    if (tag.equals(Tag.INT) && PLAIN_INTEGER.matcher(written).matches()) {
      return written; // the common case, its text unchanged
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)) {
      return new Constructor().of(scalar);
    }
    return written;
  }

  /** YAML's own reading of numbers and booleans, as the library Liquibase uses makes them. */
  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
    }

    Object of(Node node) {
      return constructObject(node);
    }
  }

  private static final Pattern DAY = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})");
  private static final Pattern TIME =
      Pattern.compile(
          "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
              + "(?:\\.([0-9]*))?(?:[ \t]*(?:Z|([-+][0-9]{1,2})(?::([0-9]{2})?)?))?");

  /**
   * A date as Liquibase's YAML reader makes one: a day is midnight UTC, printed as Java prints a
   * date (in the machine's time zone, as Liquibase prints it there); a time without a zone is the
   * text {@code yyyy-MM-dd HH:mm:ss} (its fraction dropped); a time with one is printed as a day
   * is.
   */
  private static String timestamp(String written) {
    Matcher day = DAY.matcher(written);
    if (day.matches()) {
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      utc.clear();
      utc.set(number(day, 1), number(day, 2) - 1, number(day, 3));
      return utc.getTime().toString();
    }
    Matcher time = TIME.matcher(written);
    if (!time.matches()) {
      return written;
    }
    // Z, like no zone, is the machine's time zone there.
    boolean zoned = time.group(8) != null;
    Calendar calendar =
        Calendar.getInstance(
            zoned
                ? TimeZone.getTimeZone(
                    "GMT" + time.group(8) + (time.group(9) == null ? "00" : ":" + time.group(9)))
                : TimeZone.getDefault());
    calendar.set(number(time, 1), number(time, 2) - 1, number(time, 3));
    calendar.set(Calendar.HOUR_OF_DAY, number(time, 4));
    calendar.set(Calendar.MINUTE, number(time, 5));
    calendar.set(Calendar.SECOND, number(time, 6));
    calendar.set(Calendar.MILLISECOND, 0);
    return zoned
        ? calendar.getTime().toString()
        : new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(calendar.getTime());
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
