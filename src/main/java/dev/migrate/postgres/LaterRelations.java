package dev.migrate.postgres;

import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.EnumSet;
import java.util.Set;

/**
 * What later changes do to a relation's name: rename it (followed through every rename) or drop it.
 * Only the changes that name the relation are read ({@link LaterNames}), so a guard's question
 * costs what those changes cost, not what the whole rest of the changelog does.
 */
final class LaterRelations {
  private LaterRelations() {}

  private static final Set<Kind> RELATIONS = EnumSet.of(Kind.TABLE, Kind.VIEW, Kind.SEQUENCE);

  /**
   * The name later renames give this relation (table, view or sequence: they share one namespace),
   * followed in order through renameTable, renameView, renameSequence and raw ALTER … RENAME TO;
   * null when none renames it.
   */
  static String renamedTo(LaterChanges later, String schema, String relation) {
    String name = relation;
    int from = 0;
    boolean renamed = true;
    while (renamed) {
      // A rename gives a new name, which changes after it may rename again: read those next.
      renamed = false;
      for (int i : LaterNames.naming(later.changes(), name)) {
        if (i < from) {
          continue;
        }
        String to = renamedAt(later, i, schema, name);
        if (!to.equals(name)) {
          name = to;
          from = i + 1;
          renamed = true;
          break;
        }
      }
    }
    return name.equals(relation) ? null : name;
  }

  // The name change i leaves the relation: a structured rename of it, or raw SQL that renames it.
  private static String renamedAt(LaterChanges later, int i, String schema, String name) {
    Fact rename =
        later.facts(i).stream()
            .filter(f -> f.verb() == Verb.RENAMES && RELATIONS.contains(f.kind()))
            .findFirst()
            .orElse(null);
    if (rename == null) {
      String renamed = RenamedLater.inSql(LaterSql.text(later.changes().get(i)), name);
      return renamed == null ? name : renamed;
    }
    return later.named(rename, schema, name) ? rename.to() : name;
  }

  /** Whether a later change drops this table, raw SQL included (or renames it, in raw SQL). */
  static boolean dropsTable(LaterChanges later, String schema, String table) {
    for (int i : LaterNames.naming(later.changes(), table)) {
      for (Fact f : later.facts(i)) {
        if (f.is(Verb.DROPS, Kind.TABLE) && later.named(f, schema, table)) {
          return true;
        }
      }
      String sql = LaterSql.text(later.changes().get(i));
      if (!sql.isEmpty() && LaterSql.dropsOrRenames(sql, "TABLE", table)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a later change drops or renames this sequence, raw SQL included, or drops a table whose
   * serial column owns it (PostgreSQL names such a sequence table_column_seq).
   */
  static boolean sequenceGone(LaterChanges later, String schema, String sequence) {
    return (sequence.endsWith("_seq") && dropsTableOwning(later, schema, sequence))
        || later.any(
            sequence,
            f ->
                (f.is(Verb.DROPS, Kind.SEQUENCE) || f.is(Verb.RENAMES, Kind.SEQUENCE))
                    && later.named(f, schema, sequence))
        || later.sql(sequence, t -> LaterSql.dropsOrRenames(t, "SEQUENCE", sequence));
  }

  // A dropTable of a table whose name, with "_", begins the sequence's: each such name is the
  // sequence's up to one of its underscores.
  private static boolean dropsTableOwning(LaterChanges later, String schema, String sequence) {
    for (int cut = sequence.indexOf('_'); cut > 0; cut = sequence.indexOf('_', cut + 1)) {
      String table = sequence.substring(0, cut);
      if (later.any(table, f -> f.is(Verb.DROPS, Kind.TABLE) && later.named(f, schema, table))) {
        return true;
      }
    }
    return false;
  }
}
