package dev.migrate.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests talk to, started once per test JVM: the one MIGRATE_TEST_JDBC_URL
 * names, else a Testcontainers container when Docker runs, else embedded binaries. Each test gets a
 * database of its own from {@link #createDatabase}.
 */
public final class PostgresServer {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static PostgresServer instance;

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String adminUrl;

  private PostgresServer(String host, int port, String user, String password, String adminUrl) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.adminUrl = adminUrl;
  }

  public static synchronized PostgresServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** The shared server if a test started it, else null: nothing is started to find out. */
  static synchronized PostgresServer ifStarted() {
    return instance;
  }

  private static PostgresServer start() {
    String url = System.getenv("MIGRATE_TEST_JDBC_URL");
    if (url != null && !url.isBlank()) {
      java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
      String user = System.getenv().getOrDefault("MIGRATE_TEST_USERNAME", "postgres");
      String password = System.getenv().getOrDefault("MIGRATE_TEST_PASSWORD", "");
      return new PostgresServer(
          uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, url);
    }
    if (dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15");
      container.start();
      return new PostgresServer(
          container.getHost(),
          container.getMappedPort(5432),
          container.getUsername(),
          container.getPassword(),
          container.getJdbcUrl());
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException e) {
                      // the JVM is exiting anyway
                    }
                  }));
      return new PostgresServer(
          "localhost", pg.getPort(), "postgres", "", pg.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  /**
   * Another server than the shared one, at host:port with a superuser: one a test starts, stops and
   * restarts itself.
   */
  public static PostgresServer at(String host, int port, String user, String password) {
    return new PostgresServer(
        host, port, user, password, "jdbc:postgresql://" + host + ":" + port + "/postgres");
  }

  /** A new empty database; its name is returned. */
  public String createDatabase(String prefix) {
    return createDatabase(prefix, null);
  }

  /** A new database, a copy of {@code template} (no one connected to it) where not null. */
  public String createDatabase(String prefix, String template) {
    String name =
        (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
            .toLowerCase();
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return name;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /** A connection with the driver's {@code options} in the URL ({@code name=value&...}). */
  public Connection connect(String database, String options) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database) + "?" + options, user, password);
  }
}
