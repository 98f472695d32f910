package dev.migrate.cli;

import dev.migrate.model.MigrateException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libpq's environment variables, as psql reads them: PGHOST, PGPORT, PGDATABASE and PGSERVICE make
 * the URL when no --url or MIGRATE_URL is given; PGUSER and PGPASSWORD fill in a user and password
 * the URL and the flags leave out; PGSSLMODE, PGSSLROOTCERT, PGAPPNAME and PGCONNECT_TIMEOUT are
 * defaults for any URL that does not set them. PGPASSFILE (~/.pgpass) and PGSERVICEFILE are read by
 * the driver itself.
 */
final class PgEnvironment {
  private final Map<String, String> env;

  PgEnvironment(Map<String, String> env) {
    this.env = env;
  }

  private String get(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A URL from PGHOST, PGPORT, PGDATABASE and PGSERVICE, or null when none is set. */
  String url() {
    String host = get("PGHOST");
    String port = get("PGPORT");
    String database = get("PGDATABASE");
    String service = get("PGSERVICE");
    if (host == null && port == null && database == null && service == null) {
      return null;
    }
    if (port != null && !port.matches("\\d{1,5}")) {
      throw MigrateException.invalid("PGPORT=" + port + " is not a port number");
    }
    if (database == null && service == null) {
      database = get("PGUSER") != null ? get("PGUSER") : System.getProperty("user.name");
    }
    // A directory (a Unix-domain socket's, as psql reads PGHOST) goes in ?host=; no PGHOST
    // means psql's default: the local socket when there is one, else localhost.
    boolean socket = host != null && host.startsWith("/");
    String url =
        "postgresql://"
            + (host == null || socket ? "" : host)
            + (port == null ? "" : ":" + port)
            + "/"
            + (database == null ? "" : encode(database));
    List<String> query = new ArrayList<>();
    if (socket) {
      query.add("host=" + encode(host));
    }
    if (service != null) {
      query.add("service=" + encode(service));
    }
    return query.isEmpty() ? url : url + "?" + String.join("&", query);
  }

  String user() {
    return get("PGUSER");
  }

  String password() {
    return get("PGPASSWORD");
  }

  /** Connection parameters the URL lacks, taken from the environment, as JDBC query parameters. */
  Map<String, String> defaults() {
    Map<String, String> parameters = new LinkedHashMap<>();
    put(parameters, "sslmode", get("PGSSLMODE"));
    put(parameters, "sslrootcert", get("PGSSLROOTCERT"));
    put(parameters, "ApplicationName", get("PGAPPNAME"));
    String timeout = get("PGCONNECT_TIMEOUT");
    if (timeout != null && !timeout.matches("\\d+")) {
      throw MigrateException.invalid(
          "PGCONNECT_TIMEOUT=" + timeout + " is not a number of seconds");
    }
    put(parameters, "connectTimeout", timeout);
    return parameters;
  }

  private static void put(Map<String, String> parameters, String name, String value) {
    if (value != null) {
      parameters.put(name, value);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
