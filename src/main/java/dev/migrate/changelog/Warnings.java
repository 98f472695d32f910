package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the parser reports keys Liquibase would silently ignore: a warning by default, an error
 * under {@code --strict}.
 */
final class Warnings {
  private final boolean strict;
  private final List<String> messages = new ArrayList<>();

  Warnings(boolean strict) {
    this.strict = strict;
  }

  void unknownKeys(YamlMap map, String owner) {
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

  List<String> messages() {
    return List.copyOf(messages);
  }
}
