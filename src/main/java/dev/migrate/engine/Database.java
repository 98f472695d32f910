package dev.migrate.engine;

import dev.migrate.model.MigrateException;
import dev.migrate.postgres.UnixSocketFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connections of one run: the work connection, and for commands that write, a second one that
 * holds the migrate lock and otherwise stays idle. They come from the driver itself: a pool would
 * open a third connection to check the server at start, and ask each connection its isolation
 * level, for two connections that live as long as the command.
 */
final class Database implements AutoCloseable {
  private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

  private final ConnectionSettings settings;
  private final Properties properties = new Properties();
  private final java.util.List<Connection> opened = new java.util.ArrayList<>();
  private boolean closed;

  private Database(ConnectionSettings settings, String schema) {
    this.settings = settings;
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    properties.setProperty("ApplicationName", "migrate");
    // Sent with the connection's first message, not set by a statement after it (PostgreSQL 9.0
    // and later read it there; every supported server does).
    properties.setProperty("assumeMinServerVersion", "9.0");
    // How long connecting, authentication included, may take before it fails.
    properties.setProperty("loginTimeout", "30");
    // The driver would prepare its statements again after each CREATE, ALTER or DROP, a run's
    // every changeset: the catalog questions and the revision rows, whose columns no DDL changes,
    // were parsed and planned anew each time (about 1.2 s of server time per 1,000 changesets).
    // The one query whose columns a changelog may change, a sqlCheck's, is sent unprepared
    // (Probe.firstUnprepared).
    properties.setProperty("flushCacheOnDdl", "false");
    if (schema != null) {
      properties.setProperty("currentSchema", schema);
    }
  }

  static Database open(ConnectionSettings settings, String schema) {
    return new Database(settings, schema);
  }

  /** A new connection; two threads may connect at once. */
  Connection connect() {
    // The driver's own refusal of a URL it cannot read quotes the URL, password and all.
    if (org.postgresql.Driver.parseURL(settings.jdbcUrl(), properties) == null) {
      throw new MigrateException(
          MigrateException.FAILED, "cannot connect to " + settings + ": the URL cannot be read");
    }
    Connection connection;
    try {
      connection = DRIVER.connect(settings.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw cannotConnect(settings, e);
    }
    synchronized (this) {
      if (!closed) {
        opened.add(connection);
        return connection;
      }
    }
    // The command ended while this connected: nobody is left to use or close it.
    close(connection);
    throw new MigrateException(
        MigrateException.FAILED, "cannot connect to " + settings + ": the command has ended");
  }

  private static MigrateException cannotConnect(ConnectionSettings settings, Throwable cause) {
    // The driver's messages name host, database and user, never the password. Its "The
    // connection attempt failed." says why only in its cause, which is not shown in general: a
    // malformed URL puts user:password@ into a host name there. A missing socket file is named.
    String why = cause.getMessage();
    for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof UnixSocketFactory.NoServer) {
        why = why + " (" + c.getMessage() + ")";
        break;
      }
    }
    return new MigrateException(
        MigrateException.FAILED, "cannot connect to " + settings + ": " + why, cause);
  }

  @Override
  public synchronized void close() {
    closed = true;
    opened.forEach(Database::close);
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a connection whose server is gone: nothing is left to release.
    }
  }
}
