package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import dev.migrate.plan.FinalNames;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * What a run must not do again once it has found the database ahead of its revision rows: a step of
 * a pending changeset found its object in place already (the rows were lost after a full run, a
 * dump was restored without them, another tool made the objects). The executor asks these only
 * then. A statement that writes rows may have run before (see {@link Superseded} for the objects
 * later changes made).
 */
public final class Replay {
  // The prefix of a made key that names a table, view or sequence.
  private static final String RELATION = "relation:";

  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final StatementExcuses excuses;
  private final SqlChanges changes;
  private final StatementMakes statements;

  Replay(PgCatalog catalog, PgDdl ddl, StatementExcuses excuses) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.excuses = excuses;
    this.changes = new SqlChanges(ddl);
    this.statements = new StatementMakes(catalog, ddl, this);
  }

  /** What raw statements make, asked as {@link #madeKey} and {@link #inPlace} ask of a step. */
  public StatementMakes statements() {
    return statements;
  }

  /** The qualified table (view, sequence) a {@link #madeKey} names; null for another object. */
  public static String madeRelation(String key) {
    return key.startsWith(RELATION) ? key.substring(RELATION.length()) : null;
  }

  /**
   * A key for the object a step makes (createTable, createIndex, addColumn, a raw CREATE …), the
   * same for a structured step and a raw statement that make the same object, or renames (a rename
   * found done is as telling); null for a step that makes none. A run that finds such an object in
   * place, when no earlier step of the run made it, knows the database is ahead of its revision
   * rows.
   */
  public String madeKey(Change change) {
    Fact f = chief(change);
    if (f == null) {
      return null;
    }
    String schema = ddl.schema(f.schema());
    if (f.verb() == Verb.RENAMES) {
      return f.kind() == Kind.TABLE
          ? "renamed:" + PgNames.qualified(schema, f.name())
          : f.kind() == Kind.COLUMN
              ? "renamed:" + PgNames.qualified(schema, f.table()) + "." + f.name()
              : null;
    } else if (f.verb() != Verb.MAKES) {
      return null;
    }
    return switch (f.kind()) {
      case TABLE, VIEW, SEQUENCE -> RELATION + PgNames.qualified(schema, f.name());
      case INDEX ->
          f.name() != null
              ? RELATION + PgNames.qualified(schema, f.name())
              : "index:" + PgNames.qualified(schema, f.table()) + "." + f.columns();
      case TYPE -> "type:" + PgNames.qualified(schema, f.name());
      case COLUMN -> "column:" + PgNames.qualified(schema, f.table()) + "." + f.name();
      case UNIQUE -> "constraint:" + f.table() + "." + (f.name() != null ? f.name() : f.columns());
      case PRIMARY_KEY ->
          "constraint:" + f.table() + "." + (f.name() != null ? f.name() : "primary key");
      case FOREIGN_KEY -> "constraint:" + f.table() + "." + f.name();
      case SCHEMA -> "schema:" + f.name();
      case EXTENSION -> "extension:" + f.name() + ddl.schema(null);
      case LABEL, ROUTINE -> null; // routines are made by raw SQL, which no step follows
    };
  }

  /**
   * Whether the object a step makes (or the name a rename gives) is in the catalog, under its name
   * or the one {@code later} changes give it: what makes a skipped step evidence that the database
   * went further. A step can be skipped with its object absent (a later change drops it); null
   * where no name tells (a key or index made without one).
   */
  public Boolean inPlace(Change change, List<Change> later) {
    CatalogQuestion placed = placed(change, later);
    return placed == null ? null : catalog.holds(placed);
  }

  /**
   * The question {@link #inPlace} asks, one text for {@code upgrade} and the script; null where no
   * name tells, or where the name later renames give it tells nothing.
   */
  CatalogQuestion placed(Change change, List<Change> later) {
    CatalogQuestion here = named(change);
    if (here == null || !renamedLater(change, later)) {
      return here;
    }
    Change renamed = FinalNames.named(change, later, ddl::schema);
    if (renamed.equals(change)) {
      return here;
    }
    // Found under the name later renames give it, the object is in place all the same; but an
    // object of that name that a later change drops or renames away may be an earlier one, still
    // to go (a column dropped before another is renamed onto its name): it proves nothing.
    CatalogQuestion there = named(renamed);
    return there == null ? null : awayLater(renamed, later) ? here : here.or(there);
  }

  private boolean awayLater(Change renamed, List<Change> later) {
    Fact f = chief(renamed);
    String schema = ddl.schema(f.schema());
    String name = f.verb() == Verb.RENAMES ? f.to() : f.name();
    LaterChanges after = new LaterChanges(later, ddl);
    return switch (f.kind()) {
      case COLUMN -> after.columns().renamesOrDropsColumn(schema, f.table(), name);
      case TABLE -> after.goneLater(schema, name);
      default -> false;
    };
  }

  // Whether a later change renames what names the change's object (its name, its table): only
  // then are its final names worth working out, which follows every later change.
  private boolean renamedLater(Change change, List<Change> later) {
    Fact f = chief(change);
    LaterChanges after = new LaterChanges(later, ddl);
    java.util.function.Predicate<Fact> renames = x -> x.verb() == Verb.RENAMES;
    return f.name() != null && after.any(f.name(), renames)
        || f.table() != null && after.any(f.table(), renames);
  }

  // The same, by the names the change itself gives.
  private CatalogQuestion named(Change change) {
    Fact f = chief(change);
    if (f == null) {
      return null;
    }
    String schema = ddl.schema(f.schema());
    if (f.verb() == Verb.RENAMES) {
      return switch (f.kind()) {
        case TABLE, VIEW, SEQUENCE -> CatalogQuestion.relation(new SqlName(schema, f.to()));
        case COLUMN -> CatalogQuestion.column(new SqlName(schema, f.table()), f.to());
        default -> null;
      };
    }
    if (f.verb() != Verb.MAKES || f.name() == null) {
      return null;
    }
    return switch (f.kind()) {
      case TABLE, VIEW, SEQUENCE, INDEX -> CatalogQuestion.relation(new SqlName(schema, f.name()));
      case TYPE -> CatalogQuestion.type(new SqlName(schema, f.name()));
      case COLUMN -> CatalogQuestion.column(new SqlName(schema, f.table()), f.name());
      case PRIMARY_KEY, UNIQUE, FOREIGN_KEY ->
          CatalogQuestion.constraint(new SqlName(schema, f.table()), f.name());
      case SCHEMA -> CatalogQuestion.schema(f.name());
      case EXTENSION -> CatalogQuestion.extension(f.name());
      case LABEL, ROUTINE -> null; // routines are made by raw SQL, which no step follows
    };
  }

  // The fact of the object the change is chiefly about, which comes first: the table, the first
  // column added, the key rather than its columns. Null for a change with none.
  private static Fact chief(Change change) {
    List<Fact> facts = Facts.of(change);
    return facts.isEmpty() ? null : facts.get(0);
  }

  /**
   * A table whose rows are all this run's ({@code written}) keeps that under the new name a rename
   * that ran gives it.
   */
  public void renamedWritten(Change change, Set<String> written) {
    for (Fact f : Facts.of(change)) {
      String schema = ddl.schema(f.schema());
      if (f.is(Verb.RENAMES, Kind.TABLE) && written.contains(PgNames.qualified(schema, f.name()))) {
        written.add(PgNames.qualified(schema, f.to()));
      }
    }
  }

  /** The same for a raw statement that ran: ALTER TABLE … RENAME TO, read as a renameTable. */
  public void renamedWritten(String statement, Set<String> written) {
    Change change = changes.asChange(SqlName.withoutLeadingComments(statement));
    if (change != null) {
      renamedWritten(change, written);
    }
  }

  /** See {@link RowWrites#nothingToChange}. */
  public String nothingToChange(String sql) {
    return RowWrites.nothingToChange(sql, catalog, ddl);
  }

  /**
   * For a statement that writes rows (INSERT, UPDATE, DELETE, MERGE, TRUNCATE), asked when this run
   * has found the database ahead of its revision rows: whether it may run. It runs when its table
   * is empty (nothing can be written twice) and is skipped when it inserts rows that are all there,
   * value for value; otherwise it may have run before, and the answer is a {@link Decision.Drift}
   * that stops the changeset. Null for any other statement, a table that is absent, an INSERT that
   * checks for its own rows (ON CONFLICT DO NOTHING, WHERE NOT EXISTS), or a table this run began
   * writing while it was empty ({@code written}, which this adds to).
   */
  public Decision rowsAgain(String sql, Set<String> written, List<Change> later) {
    String code = SqlName.withoutLeadingComments(sql);
    SqlName table = RowWrites.table(code, ddl);
    if (table == null) {
      return null;
    }
    if (written.contains(table.toString())
        || !catalog.relationExists(table.schema(), table.name())
        || excuses.insertsMissingColumn(code)) {
      return null; // this run began writing it when it was empty, or the statement cannot write
    }
    if (!catalog.test("EXISTS (SELECT 1 FROM " + table + ")")) {
      written.add(table.toString()); // empty: what is written from here on is this run's
      return null;
    }
    LaterChanges after = new LaterChanges(later, ddl);
    String present = excuses.rowsPresent(sql, after);
    if (present == null) {
      present = excuses.setAgainLater(sql, after);
    }
    if (present != null) {
      return new Decision.Skip(present);
    }
    return new Decision.Drift(RowWrites.mayHaveRun(table, sql));
  }

  /** See {@link RowWrites#laterDeletes}. */
  public List<String> laterDeletes(String sql, List<Change> later) {
    return RowWrites.laterDeletes(sql, later, ddl);
  }

  /**
   * A query for a fingerprint of the rows of the table a write names (their count and the sum of a
   * hash of each row, which does not depend on their order), to tell whether the write changed
   * anything; null for another statement. An UPDATE's columns that a later change sets again are
   * left out: what they hold now is that change's (see {@link SetAgainLater#why}), so the UPDATE
   * ran before when the rest of what it sets is in place. Not when it sets nothing else, as the
   * later change may set other rows.
   */
  public String contentQuery(String sql, List<Change> later) {
    String code = SqlName.withoutLeadingComments(sql);
    Matcher m = RowWrites.WRITES.matcher(code);
    if (!m.matches()) {
      return null;
    }
    SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
    String row = "r::text";
    PgCatalog.TableInfo info =
        code.regionMatches(true, 0, "UPDATE", 0, 6)
            ? catalog.table(table.schema(), table.name())
            : null;
    if (info != null) {
      LaterColumns columns = new LaterChanges(later, ddl).columns();
      List<String> all = info.columns().stream().map(PgCatalog.ColumnInfo::name).toList();
      List<String> sets =
          all.stream().filter(c -> LaterSqlColumns.updatesColumn(code, table.name(), c)).toList();
      List<String> again =
          sets.stream()
              .filter(c -> columns.updatesColumn(table.schema(), table.name(), c))
              .toList();
      // Only while a column it sets is left to tell: the later change may set other rows.
      if (!again.isEmpty() && again.size() < sets.size()) {
        List<String> kept = all.stream().filter(c -> !again.contains(c)).toList();
        row = "ROW(" + String.join(", ", kept.stream().map(c -> "r." + PgNames.quote(c)).toList());
        row += ")::text";
      }
    }
    return RowWrites.fingerprint(table, row);
  }
}
