package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which family handles each change type: every family registers its types once, and a change is
 * dispatched by its class. {@code FamiliesTest} walks every permitted subclass of {@link Change}
 * and fails on one that no family registers.
 */
final class Families {
  private record Entry<T extends Change>(Family.Guard<T> guard, Family.Script<T> script) {}

  private final Map<Class<?>, Entry<?>> entries = new HashMap<>();
  private final Clusters clusters;
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final DroppedSince dropped;

  /** The families over one catalog; {@code catalog} is null for the {@code --sql} script. */
  Families(PgCatalog catalog, PgDdl ddl) {
    List<Family> all =
        List.of(
            new EnumGuards(catalog, ddl),
            new TableGuards(catalog, ddl),
            new ColumnGuards(catalog, ddl),
            new ColumnPropertyGuards(catalog, ddl),
            new MergeGuards(catalog, ddl),
            new RemarksGuards(catalog, ddl),
            new MessageGuards(catalog, ddl),
            new IndexGuards(catalog, ddl),
            new ConstraintGuards(catalog, ddl),
            new ForeignKeyGuards(catalog, ddl),
            new LookupGuards(catalog, ddl),
            new ViewGuards(catalog, ddl),
            new SequenceGuards(catalog, ddl),
            new NamespaceGuards(catalog, ddl),
            new RowGuards(catalog, ddl),
            new RawSqlGuards(catalog, ddl));
    all.forEach(f -> f.register(this));
    clusters = new Clusters(catalog, ddl);
    this.catalog = catalog;
    this.ddl = ddl;
    this.dropped = new DroppedSince(catalog, ddl);
  }

  <T extends Change> void on(Class<T> type, Family.Guard<T> guard, Family.Script<T> script) {
    if (entries.put(type, new Entry<>(guard, script)) != null) {
      throw new IllegalStateException(type.getSimpleName() + " is registered twice");
    }
  }

  Decision decide(Change change, LaterChanges after, Decision.Excuse excuse) {
    // The catalog first: it is in memory, and most often the table is there.
    SqlName table = TableInPlace.of(change, ddl);
    if (table != null
        && !catalog.holds(CatalogQuestion.relation(table))
        && TableInPlace.gone(change, after, ddl) != null) {
      return new Decision.Skip(TableInPlace.reason(change, ddl));
    }
    return clusters.decide(change, entry(change).guard().decide(change, after, excuse));
  }

  /**
   * PL/pgSQL lines that do the change in the script where its guard says it is not done; not where
   * its table is gone ({@link TableInPlace}), nor, once the script has found the database ahead of
   * its revision rows, where a later change dropped what it makes ({@link DroppedSince}) or makes
   * again what it drops ({@link Superseded#keptByName}).
   */
  List<String> script(Change change, LaterChanges after) {
    List<String> lines = clusters.script(change, entry(change).script().render(change, after));
    CatalogQuestion gone = TableInPlace.gone(change, after, ddl);
    if (gone != null) {
      lines = unless(gone.literal(), lines);
    }
    LostHistory.Skip kept = Superseded.keptByName(change, after, ddl);
    if (kept != null) {
      lines = unless(ScriptReplay.PAST + " AND " + kept.when().literal(), lines);
    }
    CatalogQuestion since = LostHistory.any(dropped.skips(change, after, false));
    if (since != null) {
      lines = unless(ScriptReplay.PAST + " AND (" + since.literal() + ")", lines);
    }
    return lines;
  }

  // The lines, run unless the condition holds; not indented again: they may be inside literals.
  static List<String> unless(String condition, List<String> lines) {
    if (lines.isEmpty()) {
      return lines;
    }
    List<String> unless = new java.util.ArrayList<>();
    unless.add("IF NOT (" + condition + ") THEN");
    unless.addAll(lines);
    unless.add("END IF;");
    return unless;
  }

  /** The change types some family handles. */
  Set<Class<?>> types() {
    return Set.copyOf(entries.keySet());
  }

  @SuppressWarnings("unchecked")
  private <T extends Change> Entry<T> entry(T change) {
    Entry<T> entry = (Entry<T>) entries.get(change.getClass());
    if (entry == null) {
      throw MigrateException.invalid(change.changeType() + " has no guard");
    }
    return entry;
  }
}
