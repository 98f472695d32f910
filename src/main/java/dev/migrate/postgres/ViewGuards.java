package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.plan.Facts;
import dev.migrate.plan.FinalNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Views: createView (compared by the definition PostgreSQL stores, after the changelog's query is
 * made into a view in a savepoint and read back), dropView, renameView.
 */
final class ViewGuards extends Family {
  ViewGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateView.class,
        this::createView,
        (c, after) ->
            when(
                c.replaceIfExists() ? "true" : absent(c.schemaName(), c.viewName(), after),
                createView(c),
                c.replaceIfExists() ? "" : viewDiffersScript(c, after)));
    families.on(
        Change.DropView.class,
        (c, after, excuse) ->
            relationKind(c.schemaName(), c.viewName()) == null
                ? skip("view %s does not exist", name(c.schemaName(), c.viewName()))
                : act(dropView(c), "dropped view " + name(c.schemaName(), c.viewName())),
        (c, after) -> when(relationExists(c.schemaName(), c.viewName()), List.of(dropView(c))));
    families.on(
        Change.RenameView.class,
        (c, after, excuse) ->
            rename("view", c.schemaName(), c.oldViewName(), c.newViewName(), renameView(c), after),
        (c, after) ->
            renameScript(
                "view", c.schemaName(), c.oldViewName(), c.newViewName(), renameView(c), after));
  }

  private Decision createView(Change.CreateView c, LaterChanges after, Decision.Excuse excuse) {
    String view = name(c.schemaName(), c.viewName());
    String have = catalog.viewDefinition(ddl.schema(c.schemaName()), c.viewName());
    if (have == null) {
      if (relationKind(c.schemaName(), c.viewName()) != null) {
        return new Decision.Drift(view + " exists but is not a view; the changelog creates a view");
      }
      Decision renamed = renamedLater("view", c.schemaName(), c.viewName(), after);
      return renamed != null
          ? renamed
          : new Decision.Act(createView(c), "created view " + view, excuse);
    }
    if (after.redefineView(ddl.schema(c.schemaName()), c.viewName())) {
      return skip(
          "view %s exists; a later change redefines it, and its definition is that change's to check",
          view);
    }
    if (c.fullDefinition()) {
      return c.replaceIfExists()
          ? new Decision.Act(createView(c), "replaced view " + view, excuse)
          : skip("view %s exists (a fullDefinition view is compared by name only)", view);
    }
    // On a rerun ahead of its revision rows, later changes may have renamed what the query reads:
    // PostgreSQL's definition follows a rename, so the query is compared in the names they give
    // too, where it plans in them.
    String wanted;
    String moved = null;
    try {
      wanted = stored(c.selectQuery());
    } catch (MigrateException e) {
      if (!doesNotPlan(e)) {
        throw e;
      }
      moved = movedLater(c, after);
      if (moved == null) {
        String gone = readGoneLater(c, after);
        if (gone != null) {
          return skip(
              "view %s exists; its query reads %s, which a later change renames or drops: it is"
                  + " taken for the view as made",
              view, gone);
        }
        throw e;
      }
      wanted = moved;
    }
    if (!wanted.equals(have) && moved == null) {
      moved = movedLater(c, after);
      wanted = have.equals(moved) ? moved : wanted;
    }
    if (wanted.equals(have)) {
      return skip("view %s exists with the same definition", view);
    }
    if (c.replaceIfExists()) {
      return new Decision.Act(createView(c), "replaced view " + view, excuse);
    }
    return new Decision.Drift(
        "view "
            + view
            + ": the changelog wants"
            + indent(wanted)
            + "\n  the database has"
            + indent(have));
  }

  // How PostgreSQL would store a view over the query: a temporary view made and rolled back, so
  // the comparison is PostgreSQL's own, not a text match.
  private String stored(String query) {
    return catalog.probe(
        List.of("CREATE TEMPORARY VIEW migrate_view_probe AS " + query),
        "SELECT pg_get_viewdef('migrate_view_probe'::regclass)");
  }

  // The definition of the query in the names the later changes give what it reads, where they
  // rename any of it and it plans so; else null.
  private String movedLater(Change.CreateView c, LaterChanges after) {
    String moved =
        ((Change.CreateView) FinalNames.named(c, after.changes(), ddl::schema)).selectQuery();
    if (moved.equals(c.selectQuery())) {
      return null;
    }
    try {
      return stored(moved);
    } catch (MigrateException e) {
      if (!doesNotPlan(e)) {
        throw e;
      }
      return null;
    }
  }

  // The query names what is not there, or does not parse (SQLSTATE class 42); a lost connection
  // or a timeout is no answer about the view.
  private static boolean doesNotPlan(MigrateException e) {
    String state = e.detail().sqlState();
    return state != null && state.startsWith("42");
  }

  // A name the query reads (a column, table or view) that a later change renames or drops, or
  // null. Asked only when the query no longer plans: a renamed column is not followed into it, as
  // PostgreSQL's definition then reads it under an alias.
  private static String readGoneLater(Change.CreateView c, LaterChanges after) {
    java.util.Set<String> read = LaterNames.words(c.selectQuery());
    for (Change later : after.changes()) {
      for (Facts.Fact f : after.factsOf(later)) {
        if ((f.verb() == Facts.Verb.RENAMES || f.verb() == Facts.Verb.DROPS)
            && f.name() != null
            && read.contains(f.name().toLowerCase(java.util.Locale.ROOT))) {
          return f.name();
        }
      }
    }
    return null;
  }

  // As createView decides: a relation of the name that is not a view, or (unless a later change
  // redefines it) a view whose stored definition is not the one PostgreSQL stores for the query,
  // made as a temporary view to compare and dropped, stops the script with upgrade's sentence.
  private String viewDiffersScript(Change.CreateView c, LaterChanges after) {
    String view = name(c.schemaName(), c.viewName());
    String regclass = regclass(c.schemaName(), c.viewName());
    String branches =
        "\nELSIF (SELECT relkind FROM pg_catalog.pg_class WHERE oid = "
            + regclass
            + ") NOT IN ('v', 'm') THEN\n  RAISE EXCEPTION '%', "
            + literal(view + " exists but is not a view; the changelog creates a view")
            + ";";
    if (c.fullDefinition() || after.redefineView(ddl.schema(c.schemaName()), c.viewName())) {
      return branches;
    }
    String wanted = "pg_get_viewdef('migrate_view_probe'::regclass)";
    String have = "pg_get_viewdef(" + regclass + ")";
    return branches
        + "\nELSIF "
        + regclass
        + " IS NOT NULL THEN\n  "
        + execute("CREATE TEMPORARY VIEW migrate_view_probe AS " + c.selectQuery())
        + "\n  IF "
        + wanted
        + " IS DISTINCT FROM "
        + have
        + " THEN\n    RAISE EXCEPTION '%', "
        + literal("view " + view + ": the changelog wants")
        + " || "
        + indentSql(wanted)
        + " || "
        + literal("\n  the database has")
        + " || "
        + indentSql(have)
        + ";\n  END IF;\n  "
        + execute("DROP VIEW migrate_view_probe");
  }

  // indent() in SQL, for the script's sentence.
  private static String indentSql(String definition) {
    return "E'\\n    ' || replace(btrim(" + definition + ", E' \\n\\t\\r'), E'\\n', E'\\n    ')";
  }

  private static String indent(String definition) {
    return "\n    " + definition.strip().replace("\n", "\n    ");
  }

  // ---- the DDL

  String renameView(Change.RenameView c) {
    return "ALTER VIEW "
        + name(c.schemaName(), c.oldViewName())
        + " RENAME TO "
        + quote(c.newViewName());
  }

  String dropView(Change.DropView c) {
    return "DROP VIEW " + name(c.schemaName(), c.viewName());
  }

  /**
   * CREATE [OR REPLACE] VIEW, or the statement as written with fullDefinition; then its remarks.
   */
  List<String> createView(Change.CreateView c) {
    List<String> sql = new ArrayList<>();
    String view = name(c.schemaName(), c.viewName());
    if (c.fullDefinition()) {
      sql.add(c.selectQuery().strip());
    } else {
      sql.add(
          "CREATE "
              + (c.replaceIfExists() ? "OR REPLACE " : "")
              + "VIEW "
              + view
              + " AS "
              + c.selectQuery().strip());
    }
    if (c.remarks() != null) {
      sql.add("COMMENT ON VIEW " + view + " IS " + literal(RemarksGuards.written(c.remarks())));
    }
    return sql;
  }
}
