package dev.migrate.engine;

import dev.migrate.postgres.UnixSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A server reached through its Unix-domain socket, as libpq reaches it: a host that is a directory
 * ({@code /var/run/postgresql}), or no host at all, which means the default socket directory when a
 * server's socket is there.
 */
record SocketPath(Path directory, int port) {
  /** Where libpq builds look by default: Debian's and Red Hat's packages, then upstream's. */
  static final List<Path> DEFAULT_DIRECTORIES =
      List.of(Path.of("/var/run/postgresql"), Path.of("/tmp"));

  /**
   * The socket a host names, or null for a TCP host. With no host, the first default directory that
   * has this port's socket; when none has, null, and the connection goes to localhost over TCP as
   * before.
   */
  static SocketPath of(String host, int port) {
    if (host != null && host.startsWith("/")) {
      return new SocketPath(Path.of(host), port);
    }
    if (host == null || host.isEmpty()) {
      for (Path directory : DEFAULT_DIRECTORIES) {
        if (Files.exists(UnixSocketFactory.socketFile(directory, port))) {
          return new SocketPath(directory, port);
        }
      }
    }
    return null;
  }

  /**
   * Settings that reach this socket: the driver connects through {@link UnixSocketFactory}, and
   * messages name it as psql's URL would ({@code postgresql:///app?host=/var/run/postgresql}).
   */
  ConnectionSettings settings(String path, UrlQuery query, String user, String password) {
    String shown = "postgresql://" + (port == 5432 ? "" : ":" + port) + path + "?host=" + directory;
    query.add("socketFactory", UnixSocketFactory.class.getName());
    query.add(UnixSocketFactory.DIRECTORY, directory.toString());
    // The driver wants a host; it only hands the port to the factory, never resolves the name.
    String jdbc = "jdbc:postgresql://localhost:" + port + path + query.text();
    return new ConnectionSettings(jdbc, user, password, shown);
  }
}
