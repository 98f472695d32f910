package dev.migrate.engine;

/**
 * What an {@code upgrade}, a {@code downgrade} or a {@code repair} tells as it goes: the plan, each
 * changeset as it is recorded, undone or passed over, and the end. The command line prints it as
 * text, line by line, or as one JSON document.
 */
public interface RunProgress {
  /** Which way a run goes: applying pending changesets, or undoing applied ones. */
  enum Direction {
    UPGRADE,
    DOWNGRADE,
    /** Making again what applied changesets made and the database lost. */
    REPAIR
  }

  /**
   * Before the first changeset: where, to what target, how many changesets the run will apply (or
   * undo) and how many the changelog has.
   */
  void started(
      Direction direction, String database, String schema, String target, int count, int total);

  /** One changeset done: applied, marked ran, skipped by its preconditions, or reverted. */
  void finished(ChangesetResult result);

  /**
   * After the last: how many changesets were recorded (or undone), and the current revision as
   * text.
   */
  void done(int count, String current);
}
