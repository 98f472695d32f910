package dev.migrate.model;

import java.util.List;

/**
 * How a changeset is undone, as its {@code rollback} block says.
 *
 * @param steps the changes to run, in order; empty for an explicit no-op rollback
 * @param given whether the changeset has a rollback block at all (else its changes' automatic
 *     inverses are used, where every change has one)
 * @param problem why the block could not be read, reported only when a downgrade needs it, so that
 *     upgrade runs changelogs whose rollbacks use types migrate does not know; null if none
 */
public record Rollback(List<Step> steps, boolean given, String problem) {
  public static final Rollback NONE = new Rollback(List.of(), false, null);
}
