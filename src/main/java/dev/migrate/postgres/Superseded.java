package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.List;

/**
 * What a rerun over a database ahead of its revision rows (see {@link Replay}) must leave alone
 * because a later change superseded it: a table, column, index, sequence, type or constraint whose
 * name a later change gives to a new object is taken for that later one, and what a later change
 * dropped stays dropped. An index or constraint made without a name is not made a second time.
 */
public final class Superseded {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  private final SupersededSql sql;
  private final DroppedSince dropped;

  Superseded(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.sql = new SupersededSql(catalog, ddl, this);
    this.dropped = new DroppedSince(catalog, ddl);
  }

  /**
   * For raw SQL asked when this run has found the database ahead of its revision rows: why the
   * statement must not run (see {@link SupersededSql}), or null.
   */
  public String keptForLater(String statement, List<Change> later) {
    String kept = sql.keptForLater(statement, later);
    if (kept == null) {
      // A statement that amounts to a structured change is kept as that change is.
      Change structured = new SqlChanges(ddl).asChange(SqlName.withoutLeadingComments(statement));
      kept = structured == null ? null : keptForLater(structured, later);
    }
    return kept;
  }

  /**
   * For a statement that sets a sequence: why it must not set it back (see {@link SequenceMoves}).
   */
  public String sequencePast(String statement) {
    LostHistory.Skip skip = SequenceMoves.of(SqlName.withoutLeadingComments(statement), ddl);
    return skip != null && catalog.holds(skip.when()) ? skip.reason() : null;
  }

  /** For an unnamed index or constraint: why it must not be made a second time, or null. */
  public String sameUnnamed(String statement) {
    return sql.sameUnnamed(statement);
  }

  /**
   * The same rule for the structured drops: dropTable, dropColumn, dropIndex, dropSequence,
   * dropEnumType and the constraint drops, of an object that is there and whose name a later change
   * gives to an object of its kind again; and for a createTable of a table that is there and that a
   * later change drops. The object in place is that later one. Null otherwise.
   */
  public String keptForLater(Change change, List<Change> later) {
    List<Fact> facts = Facts.of(change);
    if (facts.isEmpty()) {
      return null;
    }
    LaterChanges after = new LaterChanges(later, ddl);
    Fact f = facts.get(0);
    String schema = ddl.schema(f.schema());
    if (f.is(Verb.MAKES, Kind.TABLE)) {
      // The table in place is the one a later change makes after dropping this one, unless it has
      // this one's columns.
      if (!after.dropTable(schema, f.name())) {
        return null; // asked first: the catalog then only when a later change drops the table
      }
      PgCatalog.TableInfo info = catalog.table(schema, f.name());
      return info != null && !sameNames(info, Facts.definitions(f))
          ? "table "
              + PgNames.qualified(schema, f.name())
              + " is there with other columns, and a later change drops it: the one in place is"
              + " taken for a later change's"
          : null;
    } else if (change instanceof Change.ModifyDataType c) {
      // The column has the type a later change sets it to: it is that change's. Run again, this
      // one would convert the later type's values as if they were of the type it expects. The
      // later changes are read first: most often none sets the type again.
      List<String> laterTypes = LaterTypes.typesSetLater(after, schema, f.table(), c.columnName());
      PgCatalog.TableInfo info = laterTypes.isEmpty() ? null : catalog.table(schema, f.table());
      PgCatalog.ColumnInfo have = info == null ? null : info.column(c.columnName());
      return have != null
              && !PgType.of(c.newDataType()).matches(have.type())
              && laterTypes.stream().anyMatch(t -> PgType.of(t).matches(have.type()))
          ? "column "
              + c.columnName()
              + " of "
              + PgNames.qualified(schema, f.table())
              + " is "
              + have.type()
              + ", the type a later change sets: it is taken for that change's"
          : null;
    } else if (change instanceof Change.AddDefaultValue) {
      // The default a later change sets or drops again is that change's to check: setting this
      // one first would only make the later step run, and print the value as the column's type
      // is now rather than as it was.
      return after.columns().setsDefault(schema, f.table(), f.name())
          ? "a later change sets the default of "
              + f.name()
              + " of "
              + PgNames.qualified(schema, f.table())
              + " again: it is that change's to check"
          : null;
    }
    if (change instanceof Change.DropAllForeignKeyConstraints) {
      // Which keys it drops, the catalog says: kept when later changes make every one of them.
      String table = PgNames.qualified(schema, f.table());
      List<String> keys = ForeignKeyGuards.foreignKeys(catalog, schema, f.table());
      return keys != null && !keys.isEmpty() && keys.stream().allMatch(after::makesConstraint)
          ? "foreign keys "
              + String.join(", ", keys)
              + " of "
              + table
              + " are there, and later changes make them again: they are taken for those"
              + " changes', and kept"
          : null;
    }
    LostHistory.Skip byName = keptByName(change, after, ddl);
    if (byName != null) {
      return catalog.holds(byName.when()) ? byName.reason() : null;
    }
    String object = f.verb() == Verb.DROPS ? remadeLater(f, facts.size(), schema, after) : null;
    return object == null
        ? null
        : object
            + " is there, and a later change makes it again: it is taken for that change's, and"
            + " kept";
  }

  // The object a drop would drop that is there and that a later change makes again under its
  // name, or null. The later changes are read before the catalog is asked, each time: they are
  // read from the changelog, where a question about what this run touched goes to the server.
  private String remadeLater(Fact f, int dropped, String schema, LaterChanges after) {
    String name = f.name();
    return switch (f.kind()) {
      case TABLE -> {
        // Where the later createTable is known, the table in place must have its columns.
        if (!after.makesTable(schema, name)) {
          yield null;
        }
        PgCatalog.TableInfo info = catalog.table(schema, name);
        Change.CreateTable remade = after.createdLater(schema, name);
        yield info != null && (remade == null || sameNames(info, remade.columns()))
            ? "table " + PgNames.qualified(schema, name)
            : null;
      }
      case COLUMN -> {
        // Where the later addColumn is known, the column in place must be as it makes it.
        if (dropped != 1 || !after.columns().namesColumn(schema, f.table(), name)) {
          yield null;
        }
        PgCatalog.TableInfo info = catalog.table(schema, f.table());
        PgCatalog.ColumnInfo have = info == null ? null : info.column(name);
        dev.migrate.model.Column added = after.columns().addedLater(schema, f.table(), name);
        yield have != null
                && (added == null
                    || ColumnShape.difference(added, have, false, ddl, catalog) == null)
            ? "column " + name + " of " + PgNames.qualified(schema, f.table())
            : null;
      }
      default -> null;
    };
  }

  /**
   * The drop of an index, sequence, type or key that a later change makes again under its name: the
   * question whose yes (the object is there) keeps it, the object in place being taken for that
   * later one, with the reason; null for another change, or where no later change makes it again.
   * One question for {@code upgrade} and the script, which asks it once it has found the database
   * ahead.
   */
  static LostHistory.Skip keptByName(Change change, LaterChanges after, PgDdl ddl) {
    List<Fact> facts = Facts.of(change);
    Fact f = facts.isEmpty() ? null : facts.get(0);
    if (f == null || f.verb() != Verb.DROPS || f.name() == null) {
      return null;
    }
    String schema = ddl.schema(f.schema());
    String name = f.name();
    SqlName object = new SqlName(schema, name);
    CatalogQuestion there;
    String what;
    switch (f.kind()) {
      case INDEX, SEQUENCE -> {
        boolean made =
            f.kind() == Kind.INDEX
                ? after.makesIndex(schema, name)
                : after.makesSequence(schema, name);
        there = made ? CatalogQuestion.relation(object) : null;
        what = (f.kind() == Kind.INDEX ? "index " : "sequence ") + object;
      }
      case TYPE -> {
        there = after.makesType(schema, name) ? CatalogQuestion.type(object) : null;
        what = "type " + object;
      }
      case PRIMARY_KEY, UNIQUE, FOREIGN_KEY -> {
        SqlName table = new SqlName(schema, f.table());
        boolean made =
            after.makesConstraint(name)
                || f.kind() == Kind.PRIMARY_KEY && keyMadeUnnamed(after, schema, f.table(), name);
        there = made ? CatalogQuestion.constraint(table, name) : null;
        what = "constraint " + name + " on " + table;
      }
      default -> {
        return null;
      }
    }
    return there == null
        ? null
        : new LostHistory.Skip(
            there,
            what
                + " is there, and a later change makes it again: it is taken for that change's,"
                + " and kept");
  }

  /**
   * Whether a later addPrimaryKey without a name makes the key of this name: PostgreSQL names it
   * {@code <table>_pkey}, the table's name cut so the whole fits in 63 bytes.
   */
  private static boolean keyMadeUnnamed(
      LaterChanges after, String schema, String table, String name) {
    String named =
        dev.migrate.model.Identifier.truncated(
                table, dev.migrate.model.Identifier.MAX_BYTES - "_pkey".length())
            + "_pkey";
    return name.equals(named)
        && after.any(
            table,
            f ->
                f.is(Verb.MAKES, Kind.PRIMARY_KEY)
                    && f.name() == null
                    && after.on(f, schema, table));
  }

  // Whether the table has exactly the columns of these names.
  private static boolean sameNames(
      PgCatalog.TableInfo info, List<dev.migrate.model.Column> columns) {
    return info.columns().size() == columns.size()
        && columns.stream().allMatch(c -> info.column(c.name()) != null);
  }

  /**
   * For a createTable (or addColumn, a key's add, an index) asked in the same state: why it must
   * not run, as {@link DroppedSince} says. Null otherwise.
   */
  public String droppedSince(Change change, List<Change> later) {
    return dropped.droppedSince(change, later);
  }

  String droppedSince(String schema, String table, LaterChanges after) {
    return dropped.droppedSince(schema, table, after);
  }

  /**
   * For a precondition that is false on a rerun over a database ahead of its revision rows: why it
   * held when its changeset ran, as {@link ConditionsSince} says; null otherwise.
   */
  public String conditionGoneSince(dev.migrate.model.Precondition condition, List<Change> later) {
    return new ConditionsSince(catalog, ddl).why(condition, new LaterChanges(later, ddl));
  }
}
