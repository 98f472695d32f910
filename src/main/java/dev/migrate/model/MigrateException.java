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
  private final Detail detail;

  /**
   * What an error is about, for a reader that is not a person (JSON output, a retry decision), so
   * nothing needs to be read back out of the sentence. Any part may be null.
   *
   * @param changeset the changeset's key (path::id::author)
   * @param location where in the changelog: the step, or the changeset
   * @param sql the statement that failed, passwords hidden
   * @param sqlState the server's SQLSTATE
   */
  public record Detail(String changeset, Location location, String sql, String sqlState) {
    static final Detail NONE = new Detail(null, null, null, null);
  }

  public MigrateException(int exitCode, String message) {
    this(exitCode, message, null, Detail.NONE);
  }

  public MigrateException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, cause, cause instanceof MigrateException m ? m.detail : Detail.NONE);
  }

  public MigrateException(int exitCode, String message, Throwable cause, Detail detail) {
    super(message, cause);
    this.exitCode = exitCode;
    this.detail = detail;
  }

  /** An error in the changelog or on the command line, found before any connection is opened. */
  public static MigrateException invalid(String message) {
    return new MigrateException(INVALID, message);
  }

  /** An error at the given changelog location. */
  public static MigrateException invalid(Location at, String message) {
    return new MigrateException(
        INVALID, at + ": " + message, null, new Detail(null, at, null, null));
  }

  public static MigrateException failed(String message) {
    return new MigrateException(FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }

  public Detail detail() {
    return detail;
  }
}
