package dev.migrate.plan;

import dev.migrate.model.Changeset;
import dev.migrate.model.Revision;
import java.util.List;

/**
 * What an upgrade would do: the pending changesets up to the target, in changelog order, and what
 * stands in its way.
 *
 * @param pending changesets with no revision row, up to the target
 * @param changed applied changesets whose checksum no longer matches the changelog
 * @param unknown revision rows whose changeset the changelog no longer has
 */
public record Plan(List<Changeset> pending, List<Changed> changed, List<Revision> unknown) {

  /** An applied changeset edited since: the stored checksum and the one computed now. */
  public record Changed(Changeset changeset, Revision revision) {}
}
