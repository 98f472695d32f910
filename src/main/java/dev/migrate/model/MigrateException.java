package dev.migrate.model;

/**
 * The one error type of migrate: a sentence saying what happened and what to do, and the exit code
 * the command line returns for it.
 */
public class MigrateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for a failure while running (a SQL error, drift, a lock that was not granted). */
  public static final int FAILED = 1;

  /** Exit code for bad usage or an invalid changelog: nothing was touched. */
  public static final int INVALID = 2;

  private final int exitCode;

  public MigrateException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public MigrateException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** An error in the changelog or on the command line, found before any connection is opened. */
  public static MigrateException invalid(String message) {
    return new MigrateException(INVALID, message);
  }

  /** An error at the given changelog location. */
  public static MigrateException invalid(Location at, String message) {
    return new MigrateException(INVALID, at + ": " + message);
  }

  public static MigrateException failed(String message) {
    return new MigrateException(FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
