package dev.migrate.support;

import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/** Liquibase 4.33.0 itself, applying a changelog to a test database. */
public final class LiquibaseRun {
  private LiquibaseRun() {}

  /** Runs {@code update} for {@code changelog}, read from {@code dir}. */
  public static void update(TestDb db, Path dir, String changelog) throws Exception {
    try (Connection connection = db.server.connect(db.name)) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      @SuppressWarnings("deprecation")
      Liquibase liquibase = new Liquibase(changelog, new DirectoryResourceAccessor(dir), database);
      liquibase.update("");
    }
  }
}
