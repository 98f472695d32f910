package dev.migrate.changelog;

import dev.migrate.model.Dbms;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code preConditions} on a whole changelog. Most real ones only say which database the file is
 * for ({@code <dbms type="postgresql"/>}), which is known before any connection opens, so they are
 * decided while the changelog is read; a condition that needs the database is refused.
 */
final class ChangelogPreconditions {
  private final String file;
  private final Warnings warnings;

  ChangelogPreconditions(String file, Warnings warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  /**
   * Checks the conditions: passing, or failing with onFail WARN, the run goes on; failing with HALT
   * stops it before anything runs, as Liquibase stops its whole update.
   */
  void check(Node node) {
    Preconditions preconditions = new PreconditionReader(file, warnings).read(node);
    Boolean holds = holds(preconditions.condition());
    if (holds == null) {
      throw MigrateException.invalid(
          preconditions.location(),
          "changelog-level preConditions are supported when they"
              + " test only dbms (with and, or, not); this one needs the database: move it onto the changesets");
    }
    if (holds) {
      return;
    }
    String why =
        preconditions.onFailMessage() != null
            ? preconditions.onFailMessage()
            : "the changelog is for another database";
    switch (preconditions.onFail()) {
      case HALT ->
          throw MigrateException.invalid(
              preconditions.location(), "changelog preConditions failed: " + why);
      case WARN ->
          warnings.warn(
              preconditions.location(), "changelog preConditions failed (onFail: WARN): " + why);
      default ->
          throw MigrateException.invalid(
              preconditions.location(),
              "changelog preConditions failed, and onFail "
                  + preconditions.onFail()
                  + " is supported on changesets only: "
                  + why);
    }
  }

  // True or false for dbms conditions and their combinations; null for anything else.
  private static Boolean holds(Precondition condition) {
    if (condition instanceof Precondition.Dbms dbms) {
      return Dbms.matchesPostgres(dbms.type());
    }
    if (condition instanceof Precondition.And and) {
      boolean all = true;
      for (Precondition inner : and.conditions()) {
        Boolean verdict = holds(inner);
        if (verdict == null) {
          return null;
        }
        all &= verdict;
      }
      return all;
    }
    if (condition instanceof Precondition.Or or) {
      boolean any = false;
      for (Precondition inner : or.conditions()) {
        Boolean verdict = holds(inner);
        if (verdict == null) {
          return null;
        }
        any |= verdict;
      }
      return any;
    }
    if (condition instanceof Precondition.Not not) {
      Boolean any = holds(new Precondition.Or(not.conditions()));
      return any == null ? null : !any;
    }
    return null;
  }
}
