package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.SqlSplitter;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Aspect;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the changes after the step being guarded do to the columns of a table: add, drop, rename or
 * set them (structured changes by their {@link Facts}, raw SQL by its ALTER TABLE actions). A
 * column a later change works on is that change's to check.
 */
final class LaterColumns {
  private final LaterChanges later;

  LaterColumns(LaterChanges later) {
    this.later = later;
  }

  /**
   * Whether a later change alters, adds, drops or renames this column: its state now is then that
   * change's to check, not this step's.
   */
  boolean touchColumn(String schema, String table, String column) {
    return !touchedAspects(schema, table, column).isEmpty();
  }

  /**
   * The columns of this table that later changes add, alter, drop or rename (raw SQL by its ALTER
   * TABLE actions, both names of a rename).
   */
  List<String> touchedColumns(String schema, String table) {
    List<String> columns = new ArrayList<>();
    for (int i : later.naming(table).toArray()) {
      Change change = later.changes().get(i);
      for (Fact f : later.facts(i)) {
        if (touches(f, schema, table)) {
          columns.add(f.name());
          if (f.to() != null) {
            columns.add(f.to());
          }
        }
      }
      columns.addAll(LaterSqlColumns.columnsNamedOn(LaterSql.text(change), table));
    }
    return columns;
  }

  private static final Set<Aspect> ALL = EnumSet.allOf(Aspect.class);

  /** Whether later changes set every aspect of a column: it is theirs to check, whole. */
  static boolean whole(Set<Aspect> aspects) {
    return aspects.containsAll(ALL);
  }

  // Whether the fact adds, drops, renames or sets a column of this table.
  private boolean touches(Fact f, String schema, String table) {
    return f.kind() == Kind.COLUMN && f.verb() != Verb.WRITES && later.on(f, schema, table);
  }

  /**
   * What later changes set of this column; every aspect when one adds, drops or renames it, or raw
   * SQL renames, drops, adds or alters it.
   */
  Set<Aspect> touchedAspects(String schema, String table, String column) {
    Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
    for (int i : later.naming(table).toArray()) {
      Change change = later.changes().get(i);
      for (Fact f : later.facts(i)) {
        if (touches(f, schema, table) && (f.name().equals(column) || column.equals(f.to()))) {
          aspects.addAll(f.verb() == Verb.SETS ? f.aspects() : ALL);
        }
      }
      String sql = LaterSql.text(change);
      if (sql.isEmpty()) {
        continue; // a structured change: its facts said it all
      }
      if (LaterSqlColumns.renamesOrDropsColumn(sql, table, column)
          || LaterSqlColumns.addsColumn(sql, table, column)) {
        return ALL;
      }
      for (String[] action : LaterSqlColumns.columnActions(sql, table)) {
        if (action[1].equals(column) || column.equals(action[2])) {
          if (!action[0].equals("alter")) {
            return ALL;
          }
          aspects.addAll(rawlySet(sql, schema, table, column));
        }
      }
      if (LaterSqlColumns.keysColumn(sql, table, column)) {
        aspects.add(Aspect.NULLABILITY);
      }
    }
    return aspects;
  }

  /**
   * What raw ALTER COLUMN statements set of this column: read as the structured change each amounts
   * to (ALTER COLUMN … TYPE sets the type alone, SET DEFAULT the default alone), every aspect for
   * one that is not such a change (several actions, identity).
   */
  private Set<Aspect> rawlySet(String sql, String schema, String table, String column) {
    Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
    for (String statement : SqlSplitter.serverStatements(sql)) {
      if (!LaterSqlColumns.altersColumn(statement, table, column)) {
        continue;
      }
      Change change = later.asChange(statement);
      List<Fact> sets =
          change == null
              ? List.of()
              : Facts.of(change).stream()
                  .filter(
                      f ->
                          f.is(Verb.SETS, Kind.COLUMN)
                              && later.on(f, schema, table)
                              && f.name().equals(column))
                  .toList();
      if (sets.isEmpty()) {
        return ALL;
      }
      sets.forEach(f -> aspects.addAll(f.aspects()));
    }
    return aspects;
  }

  /**
   * The name later renames give this column in the end, or null: renameColumn and raw-SQL RENAME
   * COLUMN, followed in order, through renames of its table too.
   */
  String columnRenamedTo(String schema, String table, String column) {
    String[] at = {table, column};
    for (int i = next(at[0], 0); i >= 0; i = next(at[0], i + 1)) {
      at = followed(later.changes().get(i), schema, at);
    }
    return at[1].equals(column) ? null : at[1];
  }

  /**
   * Whether a later change that sets this column's default alone (addDefaultValue or
   * dropDefaultValue, or raw ALTER COLUMN … SET or DROP DEFAULT) sets it again, under the names
   * later renames give the table and the column.
   */
  boolean setsDefault(String schema, String table, String column) {
    String[] at = {table, column};
    for (int i = next(at[0], 0); i >= 0; i = next(at[0], i + 1)) {
      Change change = later.changes().get(i);
      String[] now = at;
      if (later.factsOf(change).stream()
          .anyMatch(
              f ->
                  f.is(Verb.SETS, Kind.COLUMN)
                      && f.aspects().equals(Set.of(Aspect.DEFAULT))
                      && later.on(f, schema, now[0])
                      && f.name().equals(now[1]))) {
        return true;
      }
      at = followed(change, schema, at);
    }
    return false;
  }

  // The first later change from index {@code from} on that may name this table, or -1: what renames
  // the table or its columns names the table, so a chain of renames is followed through these.
  int next(String table, int from) {
    return later.naming(table).filter(i -> i >= from).findFirst().orElse(-1);
  }

  // A column's table and name ({table, column}) after one later change, which may rename either.
  String[] followed(Change change, String schema, String[] at) {
    for (Fact f : Facts.of(change)) {
      if (f.is(Verb.RENAMES, Kind.TABLE) && later.named(f, schema, at[0])) {
        return new String[] {f.to(), at[1]};
      } else if (f.is(Verb.RENAMES, Kind.COLUMN)
          && later.on(f, schema, at[0])
          && f.name().equals(at[1])) {
        return new String[] {at[0], f.to()};
      }
    }
    String renamed = LaterSqlColumns.columnRenamedTo(LaterSql.text(change), at[0], at[1]);
    return renamed == null ? at : new String[] {at[0], renamed};
  }

  /**
   * Whether a later change gives this name to a column of this table: addColumn, renameColumn onto
   * it, a createTable that makes the table again with it, or raw SQL that adds it or renames a
   * column onto it.
   */
  boolean namesColumn(String schema, String table, String column) {
    Change.CreateTable remade = later.createdLater(schema, table);
    return addedLater(schema, table, column) != null
        || renamedOnto(schema, table, column) != null
        || (remade != null && remade.columns().stream().anyMatch(c -> c.name().equals(column)))
        || later.sql(
            table,
            t ->
                LaterSqlColumns.addsColumn(t, table, column)
                    || LaterSqlColumns.renamesColumnOnto(t, table, column));
  }

  /** Whether a later update (raw SQL included) sets this column. */
  boolean updatesColumn(String schema, String table, String column) {
    return later.any(
            table, f -> f.is(Verb.WRITES, Kind.COLUMN) && later.onColumn(f, schema, table, column))
        || later.sql(table, t -> LaterSqlColumns.updatesColumn(t, table, column));
  }

  /** Whether a later change drops this column (dropColumn, or raw ALTER TABLE … DROP COLUMN). */
  boolean dropsColumn(String schema, String table, String column) {
    return later.any(
            table, f -> f.is(Verb.DROPS, Kind.COLUMN) && later.onColumn(f, schema, table, column))
        || later.sql(table, t -> LaterSqlColumns.dropsColumn(t, table, column));
  }

  /**
   * Whether a later change may drop a column of this table, and with it the indexes on that column
   * (a dropColumn of it, or raw SQL that drops one of its columns), or with {@code cascadeOnly} the
   * views on it (raw SQL that alters it with CASCADE: a dropColumn does not cascade).
   */
  boolean dropsAnyColumn(String schema, String table, boolean cascadeOnly) {
    return (!cascadeOnly
            && later.any(table, f -> f.is(Verb.DROPS, Kind.COLUMN) && later.on(f, schema, table)))
        || later.sql(
            table,
            t ->
                LaterSqlColumns.dropsSomeColumn(t, table)
                    && (!cascadeOnly || LaterSql.names(t, "cascade")));
  }

  /** Whether a later change (raw SQL included) drops this column or renames it away. */
  boolean renamesOrDropsColumn(String schema, String table, String column) {
    return later.any(
            table,
            f ->
                (f.is(Verb.DROPS, Kind.COLUMN) || f.is(Verb.RENAMES, Kind.COLUMN))
                    && later.onColumn(f, schema, table, column))
        || later.sql(table, t -> LaterSqlColumns.renamesOrDropsColumn(t, table, column));
  }

  /** The column a later renameColumn renames onto this name, or null. */
  String renamedOnto(String schema, String table, String column) {
    Fact f =
        later.first(
            table,
            f2 ->
                f2.is(Verb.RENAMES, Kind.COLUMN)
                    && later.on(f2, schema, table)
                    && column.equals(f2.to()));
    return f == null ? null : f.name();
  }

  /** The column a later addColumn adds to this table under this name, or null. */
  Column addedLater(String schema, String table, String column) {
    Fact f =
        later.first(
            table,
            f2 -> f2.is(Verb.MAKES, Kind.COLUMN) && later.onColumn(f2, schema, table, column));
    return f == null ? null : Facts.definitions(f).get(0);
  }

  /** Whether a later addPrimaryKey (raw SQL included) makes this column part of the key. */
  boolean addPrimaryKeyOver(String schema, String table, String column) {
    return later.any(
            table,
            f ->
                f.is(Verb.MAKES, Kind.PRIMARY_KEY)
                    && later.on(f, schema, table)
                    && f.columns().contains(column))
        || later.sql(table, t -> LaterSqlColumns.keysColumn(t, table, column));
  }

  /** Whether a later change drops this column, under the name later renames give it. */
  boolean droppedInTheEnd(String schema, String table, String column) {
    String renamed = columnRenamedTo(schema, table, column);
    return dropsColumn(schema, table, column)
        || (renamed != null && dropsColumn(schema, table, renamed));
  }
}
