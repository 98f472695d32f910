package dev.migrate.engine;

/**
 * What an {@code upgrade} tells as it goes: the plan, each changeset as it is recorded (or not),
 * and the end. The command line prints it as text, line by line, or as one JSON document.
 */
public interface UpgradeProgress {
  /** Before the first changeset: where, to what target, and how many are pending of all. */
  void started(String database, String schema, String target, int pending, int total);

  /** One changeset done: applied, marked ran, or skipped by its preconditions. */
  void finished(ChangesetResult result);

  /** After the last: how many changesets were recorded, and the current revision as text. */
  void done(int recorded, String current);
}
