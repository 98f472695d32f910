package dev.migrate.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The query string of a libpq URL, from which parameters the driver does not know are taken. */
final class UrlQuery {
  private final List<String> pairs = new ArrayList<>();

  UrlQuery(String raw) {
    if (raw != null && !raw.isEmpty()) {
      pairs.addAll(List.of(raw.split("&")));
    }
  }

  /** Removes the parameter and returns its decoded value, or {@code absent} when not given. */
  String take(String name, String absent) {
    String value = absent;
    for (var it = pairs.iterator(); it.hasNext(); ) {
      String pair = it.next();
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equalsIgnoreCase(name)) {
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        it.remove();
      }
    }
    return value;
  }

  /** Adds a parameter, encoded. */
  void add(String name, String value) {
    pairs.add(name + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /** What is left, as {@code ?a=b&c=d}, or empty. */
  String text() {
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }
}
