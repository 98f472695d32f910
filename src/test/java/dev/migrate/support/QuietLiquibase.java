package dev.migrate.support;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Liquibase, run in-process as the reference of the differential tests, logs through
 * java.util.logging: every change it applies, and every input its XML schema refuses (which the
 * leniency test makes by the thousand, on purpose). What it refuses reaches the tests as
 * exceptions; its log is turned off so a passing build prints none of it.
 */
public final class QuietLiquibase implements BeforeAllCallback {
  // java.util.logging keeps loggers weakly: held here, the level stays set.
  private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

  @Override
  public void beforeAll(ExtensionContext context) {
    LIQUIBASE.setLevel(Level.OFF);
  }
}
