package dev.migrate.engine;

import dev.migrate.model.MigrateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to connect: a JDBC URL with the user and password kept apart from it, so the URL can be
 * printed and the password never is.
 *
 * @param shownAs how messages name the database, when not by its URL (an embedded server's folder)
 */
public record ConnectionSettings(String jdbcUrl, String username, String password, String shownAs) {

  public ConnectionSettings(String jdbcUrl, String username, String password) {
    this(jdbcUrl, username, password, null);
  }

  /**
   * Accepts {@code jdbc:postgresql://…} and libpq's {@code postgresql://user:pass@host:port/db?…}
   * (or {@code postgres://}); a user or password in the URL counts unless given separately.
   */
  public static ConnectionSettings of(String url, String username, String password) {
    if (url == null || url.isBlank()) {
      throw MigrateException.invalid(
          "no database given: pass --url, or set MIGRATE_URL (e.g. postgresql://user@localhost:5432/app), or PGHOST, PGPORT, PGDATABASE as for psql");
    }
    String text = url.trim();
    if (text.startsWith("jdbc:postgresql:")) {
      return new ConnectionSettings(text, username, password);
    }
    if (!(text.startsWith("postgresql://") || text.startsWith("postgres://"))) {
      throw MigrateException.invalid(
          "--url must start with jdbc:postgresql://, postgresql:// or postgres://");
    }
    try {
      URI uri = new URI(text);
      String user = username;
      String pass = password;
      String info = uri.getRawUserInfo();
      String host = uri.getHost();
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      if (host == null && uri.getRawAuthority() != null) {
        // java.net.URI gives up on a host such as my_db (an underscore, as Docker service names
        // have): read user info and host:port from the authority rather than fall back to
        // localhost.
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        info = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("([A-Za-z0-9._%-]*)(?::(\\d{1,5}))?").matcher(hostPort);
        if (!m.matches()) {
          throw MigrateException.invalid(
              "--url has no valid host:port after its user name and password;"
                  + " write a password's @, :, / or # as %40, %3A, %2F or %23");
        }
        // A socket directory is written percent-encoded in the host: %2Fvar%2Frun%2Fpostgresql.
        host = m.group(1).isEmpty() ? null : decode(m.group(1));
        port = m.group(2) == null ? "" : ":" + m.group(2);
      }
      if (info != null) {
        int colon = info.indexOf(':');
        String urlUser = decode(colon < 0 ? info : info.substring(0, colon));
        String urlPass = colon < 0 ? null : decode(info.substring(colon + 1));
        user = user != null ? user : urlUser;
        pass = pass != null ? pass : urlPass;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      UrlQuery query = new UrlQuery(uri.getRawQuery());
      // libpq's ?host= and ?port= win over the authority, as in psql.
      host = query.take("host", host);
      String queryPort = query.take("port", null);
      port = queryPort == null ? port : ":" + queryPort;
      if (!port.isEmpty() && !port.substring(1).matches("\\d{1,5}")) {
        throw MigrateException.invalid("--url has port '" + port.substring(1) + "', not a number");
      }
      SocketPath socket =
          SocketPath.of(host, port.isEmpty() ? 5432 : Integer.parseInt(port.substring(1)));
      if (socket != null) {
        return socket.settings(path, query, user, pass);
      }
      host = host == null || host.isEmpty() ? "localhost" : host;
      return new ConnectionSettings(
          "jdbc:postgresql://" + host + port + path + query.text(), user, pass);
    } catch (URISyntaxException e) {
      throw MigrateException.invalid("--url is not a valid URL: " + e.getReason());
    }
  }

  private static final java.util.List<String> SSL_MODES =
      java.util.List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * These settings with what they leave out taken from elsewhere (libpq's environment): each query
   * parameter the URL does not set, the user and the password when none is given.
   */
  public ConnectionSettings withDefaults(
      java.util.Map<String, String> parameters, String user, String pass) {
    StringBuilder url = new StringBuilder(jdbcUrl);
    for (var parameter : parameters.entrySet()) {
      if (!java.util.regex.Pattern.compile(
              "[?&]" + parameter.getKey() + "=", java.util.regex.Pattern.CASE_INSENSITIVE)
          .matcher(jdbcUrl)
          .find()) {
        url.append(url.indexOf("?") < 0 ? '?' : '&')
            .append(parameter.getKey())
            .append('=')
            .append(java.net.URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      }
    }
    ConnectionSettings settings =
        new ConnectionSettings(
            url.toString(),
            username != null ? username : user,
            password != null ? password : pass,
            shownAs);
    settings.checkSslMode();
    return settings;
  }

  // libpq's modes; anything else is a mistake to say before connecting, not a connection failure.
  private void checkSslMode() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[?&]sslmode=([^&]*)").matcher(jdbcUrl);
    if (m.find() && !SSL_MODES.contains(decode(m.group(1)))) {
      throw MigrateException.invalid(
          "sslmode '" + decode(m.group(1)) + "' is not one of " + String.join(", ", SSL_MODES));
    }
  }

  /** The URL without user info and query string (either may hold a password), for messages. */
  public String display() {
    if (shownAs != null) {
      return shownAs;
    }
    String shown = jdbcUrl.replaceFirst("^jdbc:", "").replaceFirst("^([a-z]+://)[^/@]*@", "$1");
    int query = shown.indexOf('?');
    return query < 0 ? shown : shown.substring(0, query);
  }

  @Override
  public String toString() {
    return display() + (username == null ? "" : " as " + username);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
