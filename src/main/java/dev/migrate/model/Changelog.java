package dev.migrate.model;

import java.util.List;

/**
 * A fully parsed and validated changelog: every changeset in order, includes expanded in place, and
 * the warnings the parser gave.
 */
public record Changelog(String rootFile, List<Changeset> changesets, List<String> warnings) {

  public int size() {
    return changesets.size();
  }
}
