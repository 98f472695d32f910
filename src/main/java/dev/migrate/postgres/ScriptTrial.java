package dev.migrate.postgres;

/**
 * A trial in the {@code --sql} script: PL/pgSQL that runs a statement to see what it does, then
 * rolls all of it back, as {@code upgrade} tries a statement in a savepoint.
 */
final class ScriptTrial {
  private ScriptTrial() {}

  /** The SQLSTATE with which a trial in the script rolls itself back. */
  static final String TRIED = "MG002";

  /**
   * A PL/pgSQL block that runs {@code body} (lines that end with a newline, indented as they come)
   * and rolls back all it did, its variables kept; where it fails, {@code failed} runs.
   */
  static String tried(String indent, String body, String failed) {
    return indent
        + "BEGIN\n"
        + body
        + indent
        + "  RAISE EXCEPTION USING ERRCODE = '"
        + TRIED
        + "';\n"
        + indent
        + "EXCEPTION WHEN SQLSTATE '"
        + TRIED
        + "' THEN NULL;\n"
        + indent
        + "  WHEN OTHERS THEN "
        + failed
        + "\n"
        + indent
        + "END;\n";
  }
}
