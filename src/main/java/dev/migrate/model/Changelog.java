package dev.migrate.model;

import java.util.List;

/**
 * A fully parsed and validated changelog: every changeset in order, includes expanded in place, and
 * the warnings the parser gave.
 *
 * @param preconditions the changelog-level {@code preConditions} blocks that need the database, in
 *     the order their files were read; a command that writes decides them before anything runs
 *     (those that only name the database were decided while reading)
 */
public record Changelog(
    String rootFile,
    List<Changeset> changesets,
    List<String> warnings,
    List<Preconditions> preconditions) {

  public int size() {
    return changesets.size();
  }
}
