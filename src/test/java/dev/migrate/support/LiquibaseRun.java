package dev.migrate.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Liquibase 4.33.0 itself, applying a changelog to a test database. */
public final class LiquibaseRun {
  private LiquibaseRun() {}

  /** Runs {@code update} for {@code changelog}, read from {@code dir}. */
  public static void update(TestDb db, Path dir, String changelog) throws Exception {
    update(db, dir, changelog, "", "");
  }

  /**
   * The same, with a context and a label filter. What Liquibase would print ("Running Changeset",
   * its update summary) goes to its log, which {@link QuietLiquibase} turns off.
   */
  public static void update(TestDb db, Path dir, String changelog, String contexts, String labels)
      throws Exception {
    run(db, dir, changelog, l -> l.update(new Contexts(contexts), new LabelExpression(labels)));
  }

  /** {@code update-to-tag}: the changesets up to the one whose tagDatabase gives {@code tag}. */
  @SuppressWarnings("deprecation")
  public static void updateToTag(TestDb db, Path dir, String changelog, String tag)
      throws Exception {
    run(db, dir, changelog, l -> l.update(tag, new Contexts()));
  }

  /** {@code rollback TAG}: undoes the changesets applied after the row holding {@code tag}. */
  @SuppressWarnings("deprecation")
  public static void rollbackToTag(TestDb db, Path dir, String changelog, String tag)
      throws Exception {
    run(db, dir, changelog, l -> l.rollback(tag, new Contexts()));
  }

  private interface Work {
    void on(Liquibase liquibase) throws Exception;
  }

  private static void run(TestDb db, Path dir, String changelog, Work work) throws Exception {
    try (Connection connection = db.server.connect(db.name)) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      @SuppressWarnings("deprecation")
      Liquibase liquibase = new Liquibase(changelog, new DirectoryResourceAccessor(dir), database);
      liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
      Scope.child(
          Map.of(Scope.Attr.ui.name(), new LoggerUIService(), "liquibase.showSummaryOutput", "LOG"),
          () -> work.on(liquibase));
    }
  }
}
