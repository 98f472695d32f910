import org.flywaydb.core.Flyway;

/**
 * Runs Flyway's migrate as an application embedding it does: URL, user, and the folder of
 * versioned migrations. bench/run.sh compiles it once, then times each run.
 */
public final class FlywayMigrate {
  public static void main(String[] args) {
    Flyway.configure()
        .dataSource(args[0], args[1], System.getenv().getOrDefault("PGPASSWORD", ""))
        .locations("filesystem:" + args[2])
        .load()
        .migrate();
  }
}
