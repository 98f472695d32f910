package dev.migrate.model;

import java.io.Serializable;
import java.util.List;

/**
 * A fully parsed and validated changelog: every changeset in order, includes expanded in place, and
 * the warnings the parser gave.
 */
public record Changelog(String rootFile, List<Changeset> changesets, List<String> warnings)
    implements Serializable {

  public int size() {
    return changesets.size();
  }
}
