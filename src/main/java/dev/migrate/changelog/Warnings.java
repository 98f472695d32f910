package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the parser reports keys Liquibase would silently ignore: a warning by default, an error
 * under {@code --strict}.
 */
final class Warnings {
  private final boolean strict;
  private final List<String> messages = new ArrayList<>();
  private final Map<String, String> truncated = new HashMap<>();

  Warnings(boolean strict) {
    this.strict = strict;
  }

  /**
   * Reports the keys of a mapping its reader did not read (Liquibase ignores them, and so do we,
   * with a warning), and the values it read in a way their writer may not expect.
   */
  void unknownKeys(YamlMap map, String owner) {
    for (YamlMap.Misread m : map.misread()) {
      warn(m.at(), m.message());
    }
    map.misread().clear();
    for (String key : map.unread()) {
      warn(map.location(key), "unknown attribute '" + key + "' on " + owner + " is ignored");
    }
  }

  void warn(Location at, String message) {
    if (strict) {
      throw MigrateException.invalid(at, message + " (an error under --strict)");
    }
    messages.add(at + ": " + message);
  }

  /**
   * A name longer than PostgreSQL keeps, said once per name; two names that differ but are cut to
   * the same stored name would be one object to PostgreSQL, so that is an error.
   */
  void truncatedName(Location at, String written, String stored) {
    String earlier = truncated.putIfAbsent(stored, written);
    if (earlier == null) {
      messages.add(
          at
              + ": name '"
              + written
              + "' is longer than PostgreSQL's 63 bytes; it is stored as '"
              + stored
              + "'");
    } else if (!earlier.equals(written)) {
      throw MigrateException.invalid(
          at,
          "names '"
              + earlier
              + "' and '"
              + written
              + "' are both cut to '"
              + stored
              + "' (PostgreSQL keeps 63 bytes of a name); shorten one of them");
    }
  }

  List<String> messages() {
    return List.copyOf(messages);
  }
}
