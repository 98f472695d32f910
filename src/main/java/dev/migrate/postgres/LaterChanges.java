package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.ChangesAfter;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The changes that come after the step being guarded. A difference they explain is not drift: when
 * the revision rows were lost after a full run, a table already has the column that a later
 * addColumn adds, and that addColumn's own guard checks it when its turn comes.
 */
final class LaterChanges {
  private final List<Change> changes;
  private final PgDdl ddl;

  /** What the later changes do to the labels of ENUM types. */
  LaterLabels labels() {
    return new LaterLabels(this);
  }

  /** What the later changes do to columns. */
  LaterColumns columns() {
    return new LaterColumns(this);
  }

  /** The structured change a raw statement amounts to, or null ({@link SqlChanges#asChange}). */
  Change asChange(String statement) {
    return new SqlChanges(ddl).asChange(statement);
  }

  // The facts of raw SQL, by its change and the schema its names are read in: the same texts are
  // read again for each statement of a step (the blocks of RestOfStep), each time in a new view.
  private record Raw(Change change, String schema, String defaultSchema) {}

  private static final java.util.Map<Raw, List<Fact>> RAW_FACTS =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Raw, List<Fact>> eldest) {
              return size() > 4096;
            }
          });

  /**
   * The facts of a later change; for raw SQL, those of each statement that amounts to a structured
   * change (ALTER COLUMN … SET DEFAULT as addDefaultValue, …), so that it counts as that change.
   */
  List<Fact> factsOf(Change change) {
    String sql = LaterSql.text(change);
    if (sql.isEmpty()) {
      return Facts.of(change);
    }
    return RAW_FACTS.computeIfAbsent(
        new Raw(change, ddl.sqlSchema(), ddl.schema(null)),
        c -> {
          List<Fact> facts = new java.util.ArrayList<>();
          for (String statement : dev.migrate.model.SqlSplitter.serverStatements(sql)) {
            Change structured = asChange(statement);
            if (structured != null) {
              facts.addAll(Facts.of(structured));
            }
          }
          return facts;
        });
  }

  /** The changes after the step, in changelog order. */
  List<Change> changes() {
    return changes;
  }

  LaterChanges(List<Change> changes, PgDdl ddl) {
    this.changes = changes;
    this.ddl = ddl;
  }

  /**
   * Whether a later change names this object (an index or constraint): structured changes by any of
   * their names, raw SQL by a word of its text. Its state now is then that change's to check.
   */
  boolean mention(String name) {
    return naming(name)
        .mapToObj(changes::get)
        .anyMatch(
            c ->
                LaterSql.names(LaterSql.text(c), name)
                    || (!(c instanceof Change.Sql) && LaterSql.names(c.toString(), name)));
  }

  /**
   * Whether a later change may drop, rename or make again this object: a structured drop, rename or
   * create naming it, or raw SQL naming it at all. Its state now is then that change's to check.
   */
  boolean reworksObject(String name) {
    return naming(name)
        .mapToObj(changes::get)
        .anyMatch(
            c ->
                LaterSql.names(LaterSql.text(c), name)
                    || (c.changeType().matches("(drop|rename|create).*")
                        && !(c instanceof Change.CreateProcedure)
                        && LaterSql.names(c.toString(), name)));
  }

  /**
   * The name later renames give this relation (table, view, sequence or index: they share one
   * namespace), followed in order through renameTable, renameView, renameSequence and raw ALTER …
   * RENAME TO; null when none renames it.
   */
  String relationRenamedTo(String schema, String relation) {
    return LaterRelations.renamedTo(this, schema, relation);
  }

  /** Whether a later change drops this index (and so may make it again another way). */
  boolean dropIndex(String schema, String index) {
    return any(index, f -> f.is(Verb.DROPS, Kind.INDEX) && named(f, schema, index));
  }

  /**
   * Whether later changes rework this table's constraints: they drop one of them, or raw SQL alters
   * the table. Its constraints as they are now are then those changes' to check.
   */
  boolean reworkConstraints(String schema, String table) {
    return any(table, f -> f.verb() == Verb.DROPS && isKey(f) && on(f, schema, table))
        || sql(table, t -> LaterSql.altersTable(t, table));
  }

  /** Whether a later change (raw SQL included) drops this constraint of this table. */
  boolean dropsConstraint(String schema, String table, String constraint) {
    return any(
            constraint,
            f ->
                f.verb() == Verb.DROPS
                    && isKey(f)
                    && on(f, schema, table)
                    && constraint.equals(f.name()))
        || sql(constraint, t -> LaterSql.dropsConstraint(t, table, constraint));
  }

  /** Whether a later dropAllForeignKeyConstraints drops the foreign keys of this table. */
  boolean dropsAllForeignKeys(String schema, String table) {
    return any(
        table, f -> f.is(Verb.DROPS, Kind.FOREIGN_KEY) && f.name() == null && on(f, schema, table));
  }

  /** Whether a later dropPrimaryKey drops the primary key of this table, by any name or none. */
  boolean dropsPrimaryKey(String schema, String table) {
    return any(table, f -> f.is(Verb.DROPS, Kind.PRIMARY_KEY) && on(f, schema, table));
  }

  /** Whether a later change redefines, drops or renames this view (raw SQL included). */
  boolean redefineView(String schema, String view) {
    return any(view, f -> f.kind() == Kind.VIEW && f.verb() != Verb.SETS && named(f, schema, view))
        || sql(view, t -> LaterSql.redefinesView(t, view));
  }

  /** Whether a later change drops or renames this table, or moves it to another schema. */
  boolean goneLater(String schema, String table) {
    return dropTable(schema, table)
        || relationRenamedTo(schema, table) != null
        || sql(table, t -> RenamedLater.moves(t, table));
  }

  /** Whether a later change drops this table, raw SQL included. */
  boolean dropTable(String schema, String table) {
    return LaterRelations.dropsTable(this, schema, table);
  }

  /**
   * Whether later raw SQL drops, alters or makes again (OR REPLACE, or CREATE after a DROP) a
   * function, procedure, trigger or policy of this name.
   */
  boolean redefinedBySql(String kind, String name) {
    return sql(name, t -> LaterSql.redefines(t, kind, name));
  }

  /**
   * Whether a later change gives this name to a table: createTable, renameTable onto it, or raw SQL
   * that creates a table of that name or renames a relation onto it.
   */
  boolean makesTable(String schema, String table) {
    return createdLater(schema, table) != null
        || any(
            table,
            f ->
                f.is(Verb.RENAMES, Kind.TABLE)
                    && ddl.schema(f.schema()).equals(schema)
                    && table.equals(f.to()))
        || sql(table, t -> LaterSql.createsTable(t, table) || LaterSql.renamesOnto(t, table));
  }

  /** Whether a later change makes an index of this name (createIndex, or raw SQL). */
  boolean makesIndex(String schema, String index) {
    return makes(Kind.INDEX, schema, index) || sql(index, t -> LaterSql.creates(t, "index", index));
  }

  /** Whether a later change makes a sequence of this name (createSequence, or raw SQL). */
  boolean makesSequence(String schema, String sequence) {
    return makes(Kind.SEQUENCE, schema, sequence)
        || sql(sequence, t -> LaterSql.creates(t, "sequence", sequence));
  }

  /** Whether a later change adds a constraint of this name (add… changes, or raw SQL). */
  boolean makesConstraint(String constraint) {
    return any(constraint, f -> f.verb() == Verb.MAKES && isKey(f) && constraint.equals(f.name()))
        || sql(constraint, t -> LaterSql.addsConstraint(t, constraint));
  }

  /** Whether a later change makes a type of this name (createEnumType, or raw SQL). */
  boolean makesType(String schema, String type) {
    return makes(Kind.TYPE, schema, type) || sql(type, t -> LaterSql.createsType(t, type));
  }

  /** The later createTable that makes a table of this name again, or null. */
  Change.CreateTable createdLater(String schema, String table) {
    Fact f = first(table, f2 -> f2.is(Verb.MAKES, Kind.TABLE) && named(f2, schema, table));
    return f != null && f.change() instanceof Change.CreateTable create ? create : null;
  }

  /** Whether a later change drops or renames this type (an enum, a domain…), raw SQL included. */
  boolean typeGoneLater(String schema, String type) {
    return any(type, f -> f.is(Verb.DROPS, Kind.TYPE) && named(f, schema, type))
        || sql(type, t -> LaterSql.dropsOrRenames(t, "(?:type|domain)", type));
  }

  /** Whether later raw SQL drops or renames this schema or extension ({@code kind}). */
  boolean droppedBySql(String kind, String name) {
    return sql(name, t -> LaterSql.dropsOrRenames(t, kind, name));
  }

  // Whether a later change makes an object of this kind and name.
  private boolean makes(Kind kind, String schema, String name) {
    return any(name, f -> f.is(Verb.MAKES, kind) && named(f, schema, name));
  }

  private static boolean isKey(Fact f) {
    return f.kind() == Kind.PRIMARY_KEY || f.kind() == Kind.UNIQUE || f.kind() == Kind.FOREIGN_KEY;
  }

  // Whether the fact's object is this one (a relation, index or type by schema and name).
  boolean named(Fact f, String schema, String name) {
    return f.name() != null && sameTable(f.schema(), f.name(), schema, name);
  }

  // Whether the fact concerns a column, key or index of this table (or a label of this type).
  boolean on(Fact f, String schema, String table) {
    return f.table() != null && sameTable(f.schema(), f.table(), schema, table);
  }

  boolean onColumn(Fact f, String schema, String table, String column) {
    return on(f, schema, table) && column.equals(f.name());
  }

  // The questions below each concern one object, and read only the later changes that may name
  // it ({@link LaterNames}): a fact or statement about an object names it.

  /** The indexes of the later changes that may name this object, ascending. */
  IntStream naming(String name) {
    return IntStream.of(LaterNames.naming(changes, name));
  }

  // Whether the SQL of a later change naming this object passes the test; structured ones, with
  // none, are not asked.
  boolean sql(String name, Predicate<String> test) {
    return naming(name)
        .mapToObj(i -> LaterSql.text(changes.get(i)))
        .anyMatch(text -> !text.isEmpty() && test.test(text));
  }

  boolean any(String name, Predicate<Fact> test) {
    return first(name, test) != null;
  }

  // The first fact of a later change naming this object that passes the test.
  Fact first(String name, Predicate<Fact> test) {
    for (int i : LaterNames.naming(changes, name)) {
      for (Fact f : facts(i)) {
        if (test.test(f)) {
          return f;
        }
      }
    }
    return null;
  }

  /** The facts of the later change at {@code index}, made once per run ({@link ChangesAfter}). */
  List<Fact> facts(int index) {
    return ChangesAfter.facts(changes, index);
  }

  boolean sameTable(String otherSchema, String otherTable, String schema, String table) {
    return ddl.schema(otherSchema).equals(schema) && otherTable.equals(table);
  }
}
