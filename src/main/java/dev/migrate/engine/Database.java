package dev.migrate.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.migrate.model.MigrateException;
import dev.migrate.postgres.UnixSocketFactory;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections of one run: the work connection, and for commands that write, a second one that
 * holds the migrate lock and otherwise stays idle.
 */
final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final ConnectionSettings settings;

  private Database(HikariDataSource pool, ConnectionSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  static Database open(ConnectionSettings settings, String schema) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("migrate");
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(30_000);
    config.addDataSourceProperty("ApplicationName", "migrate");
    // The driver would prepare its statements again after each CREATE, ALTER or DROP, a run's
    // every changeset: the catalog questions and the revision rows, whose columns no DDL changes,
    // were parsed and planned anew each time (about 1.2 s of server time per 1,000 changesets).
    // The one query whose columns a changelog may change, a sqlCheck's, is sent unprepared
    // (Jdbc.queryFirstUnprepared).
    config.addDataSourceProperty("flushCacheOnDdl", "false");
    if (schema != null) {
      config.addDataSourceProperty("currentSchema", schema);
    }
    try {
      return new Database(new HikariDataSource(config), settings);
    } catch (HikariPool.PoolInitializationException e) {
      throw cannotConnect(settings, e.getCause() != null ? e.getCause() : e);
    } catch (RuntimeException e) {
      throw cannotConnect(settings, e);
    }
  }

  Connection connect() {
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw cannotConnect(settings, e);
    }
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
  public void close() {
    pool.close();
  }
}
