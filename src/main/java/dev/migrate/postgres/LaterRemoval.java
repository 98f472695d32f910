package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.ChangesAfter;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that failed because a column, relation or key it needs is missing is excused when a
 * later change removes, renames or makes anew that object and the database already shows that
 * change's effect: this is a rerun over a database that went further, not a first run with a typo
 * (which must fail).
 */
final class LaterRemoval {
  // PostgreSQL names the missing object quoted ("x") or, for a qualified column, as alias.x.
  private static final Pattern NAMED =
      Pattern.compile("(?:column|relation|table) \"?(?:[\\w$]+\\.)?([^\"\\s.]+)\"?");
  private static final Pattern OF_RELATION = Pattern.compile("of relation \"([^\"]+)\"");

  private final PgCatalog catalog;
  private final PgDdl ddl;

  LaterRemoval(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  private static final Object LAST_EXPLAINING = new Object();

  /**
   * Whether any later change could excuse a failure: one that drops or renames something, makes a
   * view, or runs raw SQL ({@link #explaining}, and the dropped-constraint and redefined-view
   * excuses, ask nothing else of later changes). Where none can, a structured statement runs
   * without the savepoint an excuse needs. Known once per run, as the last such change's index.
   */
  static boolean anyCanExplain(List<Change> after) {
    if (after instanceof ChangesAfter view) {
      int last = view.shared(LAST_EXPLAINING, LaterRemoval::lastExplaining);
      return last >= view.from();
    }
    return lastExplaining(after) >= 0;
  }

  private static int lastExplaining(List<Change> changes) {
    for (int i = changes.size() - 1; i >= 0; i--) {
      Change c = changes.get(i);
      if (!LaterSql.text(c).isEmpty()
          || Facts.of(c).stream()
              .anyMatch(
                  f ->
                      f.verb() == Verb.DROPS
                          || f.verb() == Verb.RENAMES
                          || f.is(Verb.MAKES, Kind.VIEW))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The later change that explains a statement failing this way and whose effect is in the database
   * already, or null.
   */
  Change explaining(LaterChanges after, String sqlState, String message) {
    Matcher named = NAMED.matcher(message == null ? "" : message);
    String name = named.find() ? named.group(1) : null;
    if (name == null || sqlState == null) {
      return null;
    }
    // "column "c" of relation "t" does not exist": a later change that drops or renames t (the
    // table in place is then another, made later) explains it too.
    Matcher relation = OF_RELATION.matcher(message);
    String table = relation.find() ? relation.group(1) : null;
    for (Change c : after.changes()) {
      if (explains(c, sqlState, name, table)) {
        return done(c, after) ? c : null;
      }
    }
    return null;
  }

  // Whether the change removes, renames or makes anew what a statement failing so misses.
  private static boolean explains(Change c, String sqlState, String name, String table) {
    String sql = LaterSql.text(c);
    List<Fact> facts = Facts.of(c);
    return switch (sqlState) {
      case "42703" ->
          facts.stream().anyMatch(f -> gone(f, Kind.COLUMN) && f.name().equals(name))
              || LaterSqlColumns.renamesOrDropsColumn(sql, name)
              || (table != null
                  && (facts.stream().anyMatch(f -> gone(f, Kind.TABLE) && f.name().equals(table))
                      || LaterSql.dropsOrRenames(sql, "TABLE", table)));
      case "42P01" ->
          facts.stream()
                  .anyMatch(
                      f ->
                          (gone(f, Kind.TABLE)
                                  || gone(f, Kind.VIEW)
                                  || gone(f, Kind.SEQUENCE)
                                  || f.is(Verb.MAKES, Kind.VIEW))
                              && f.name().equals(name))
              || LaterSql.dropsRelation(sql, name)
              || RenamedLater.inSql(sql, name) != null
              || LaterSql.renamesConstraint(sql, name);
      case "42704", "42830" ->
          facts.stream()
              .anyMatch(f -> f.is(Verb.DROPS, Kind.PRIMARY_KEY) && f.table().equals(name));
      default -> false;
    };
  }

  private static boolean gone(Fact f, Kind kind) {
    return f.kind() == kind && (f.verb() == Verb.DROPS || f.verb() == Verb.RENAMES);
  }

  // Whether the database shows the later change's effect already; each object is looked for
  // under the name the changes after it give it in the end.
  private boolean done(Change later, LaterChanges after) {
    List<Fact> facts = Facts.of(later);
    if (facts.isEmpty()) {
      // Raw SQL explains a failure only when it drops or renames the missing column or relation:
      // the statement failed because it is absent, which is what that SQL leaves. A procedure's
      // body runs later, if ever.
      return later instanceof Change.Sql;
    }
    Fact f = facts.get(0);
    if (f.is(Verb.MAKES, Kind.VIEW)) {
      return true; // a view made anew later: nothing here can show it earlier
    }
    if (f.kind() == Kind.PRIMARY_KEY) {
      List<PgCatalog.ConstraintInfo> have = catalog.constraints(ddl.schema(f.schema()), f.table());
      return have != null && have.stream().noneMatch(k -> k.type().equals("p"));
    }
    CatalogQuestion done = doneQuestion(facts, after);
    return done != null && catalog.holds(done);
  }

  /**
   * The catalog question whose yes says a structured change's effect on a column, table, view or
   * sequence is in place; null for other changes.
   */
  private CatalogQuestion doneQuestion(List<Fact> facts, LaterChanges after) {
    Fact f = facts.get(0);
    String schema = ddl.schema(f.schema());
    if (f.kind() == Kind.COLUMN) {
      SqlName table = new SqlName(schema, now(after, schema, f.table()));
      CatalogQuestion absent = null;
      for (Fact c : facts) {
        if (c.kind() == Kind.COLUMN) {
          CatalogQuestion gone = CatalogQuestion.column(table, c.name()).negated();
          absent = absent == null ? gone : absent.or(gone);
        }
      }
      return CatalogQuestion.relation(table).and(absent);
    }
    return switch (f.kind()) {
      case TABLE ->
          f.verb() == Verb.DROPS
              ? CatalogQuestion.relation(new SqlName(schema, f.name())).negated()
              : CatalogQuestion.relation(new SqlName(schema, now(after, schema, f.name())));
      case VIEW, SEQUENCE ->
          f.verb() == Verb.DROPS
              ? CatalogQuestion.relation(new SqlName(schema, f.name())).negated()
              : f.to() == null ? null : CatalogQuestion.relation(new SqlName(schema, f.to()));
      default -> null;
    };
  }

  /**
   * The same rule written for the {@code --sql} script, where a block catches the error: a
   * condition over its SQLSTATE and SQLERRM that is true where a later structured change removes,
   * renames or makes anew the relation or column the error names and its effect is in place, or
   * where later raw SQL drops or renames one of the relations {@code read} (the names the failing
   * statement reads, known before it runs), as upgrade's rule says of raw SQL. Null where no later
   * change could explain one.
   */
  String script(LaterChanges after, Set<String> read) {
    List<String> any = new java.util.ArrayList<>();
    for (Change c : after.changes()) {
      List<Fact> facts = Facts.of(c);
      if (facts.isEmpty() && c instanceof Change.Sql) {
        // Raw SQL's effect is what the error shows (done above): only the name is asked.
        read.stream()
            .filter(name -> explains(c, "42P01", name, null))
            .forEach(name -> any.add(clause("42P01", name, null)));
      }
      CatalogQuestion done = facts.isEmpty() ? null : doneQuestion(facts, after);
      for (Fact f : done == null ? List.<Fact>of() : facts) {
        String state =
            f.kind() == Kind.COLUMN ? "42703" : f.kind() == Kind.PRIMARY_KEY ? null : "42P01";
        if (state != null && f.name() != null && explains(c, state, f.name(), null)) {
          any.add(clause(state, f.name(), done));
        }
      }
    }
    return any.isEmpty() ? null : String.join(" OR ", any);
  }

  // The caught error is this state, names this object, and (where asked) the change is in place.
  private static String clause(String state, String name, CatalogQuestion done) {
    return "(SQLSTATE = '"
        + state
        + "' AND substring(SQLERRM from "
        + PgNames.literal(NAMED.pattern())
        + ") = "
        + PgNames.literal(name)
        + (done == null ? "" : " AND " + done.literal())
        + ")";
  }

  private static String now(LaterChanges after, String schema, String table) {
    String renamed = after.relationRenamedTo(schema, table);
    return renamed == null ? table : renamed;
  }
}
