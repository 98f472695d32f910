package dev.migrate.changelog;

import dev.migrate.model.Dbms;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code preConditions} on a whole changelog. Most real ones only say which database the file is
 * for ({@code <dbms type="postgresql"/>}), which is known before any connection opens, so they are
 * decided while the changelog is read; one that needs the database is left to the command, which
 * decides it once it holds the lock, before anything runs.
 */
final class ChangelogPreconditions {
  private final String file;
  private final Warnings warnings;

  ChangelogPreconditions(String file, Warnings warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  /**
   * Decides the conditions when they only name the database: passing, or failing with onFail WARN,
   * the run goes on; failing with any other onFail it stops before anything runs, as Liquibase's
   * validation stops its whole update (CONTINUE and MARK_RAN too: they mean something only for a
   * changeset). Returns the block when it needs the database, else null.
   */
  Preconditions check(Node node) {
    Preconditions preconditions = new PreconditionReader(file, warnings).read(node);
    Boolean holds = holds(preconditions.condition());
    if (holds == null) {
      return preconditions;
    }
    if (!holds) {
      String why =
          preconditions.onFailMessage() != null
              ? preconditions.onFailMessage()
              : "the changelog is for another database";
      if (preconditions.onFail() != Preconditions.OnFail.WARN) {
        throw MigrateException.invalid(
            preconditions.location(), "changelog preConditions failed: " + why);
      }
      warnings.warn(
          preconditions.location(), "changelog preConditions failed (onFail: WARN): " + why);
    }
    return null;
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
