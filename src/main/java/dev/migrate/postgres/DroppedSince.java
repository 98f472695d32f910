package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rerun over a database ahead of its revision rows (see {@link Replay}) finds absent because
 * a later change dropped it: a table, column, key or index made and dropped since, which is not
 * made again. Part of {@link Superseded}. Each rule is a catalog question, asked by {@code upgrade}
 * and written into the {@code --sql} script, which asks it once it has found the database ahead.
 */
final class DroppedSince {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  DroppedSince(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /**
   * For a createTable (or addColumn, or a key's add) asked in the same state: why it must not run,
   * when the table (every column, the key) is absent and a later change drops it. It was made and
   * dropped since; making it again would bring back a table that later steps then fill as if it
   * were new. Null otherwise.
   */
  String droppedSince(Change change, List<Change> later) {
    return answer(skips(change, new LaterChanges(later, ddl), true));
  }

  /** The same for a table a raw CREATE TABLE makes. */
  String droppedSince(String schema, String table, LaterChanges after) {
    return answer(tableSkips(schema, table, after));
  }

  private String answer(List<LostHistory.Skip> skips) {
    for (LostHistory.Skip skip : skips) {
      if (catalog.holds(skip.when())) {
        return skip.reason();
      }
    }
    return null;
  }

  /**
   * The questions whose yes says the step was made and dropped since, each with its reason; empty
   * where no later change drops what it makes. The later changes are read first: most often none
   * drops anything, and then there is nothing to ask. Without {@code tables}, a table or column
   * made and dropped since is left out: the script makes it again, for the statements after it that
   * need it (a view over it, an INSERT … SELECT of the column, which upgrade excuses when they
   * fail), and the later change drops it again; unless it cannot be made, its foreign key
   * referencing a table gone the same way.
   */
  List<LostHistory.Skip> skips(Change change, LaterChanges after, boolean tables) {
    if (change instanceof Change.AddColumn c) {
      return tables ? columnSkips(c, after) : unmakeable(columnSkips(c, after), c.columns(), after);
    }
    if (change instanceof Change.AddLookupTable c) {
      // Its table made and dropped since; or there, and its foreign key dropped since.
      String schema = ddl.schema(c.newTableSchemaName());
      List<LostHistory.Skip> skips =
          new ArrayList<>(tables ? tableSkips(schema, c.newTableName(), after) : List.of());
      CatalogQuestion there = CatalogQuestion.relation(new SqlName(schema, c.newTableName()));
      for (LostHistory.Skip key : keySkips(Facts.of(c.foreignKey()).get(0), after)) {
        skips.add(new LostHistory.Skip(there.and(key.when()), key.reason()));
      }
      return skips;
    }
    if (change instanceof Change.CreateIndex c && c.indexName() != null && !c.unique()) {
      return indexSkips(c, after);
    }
    List<Fact> facts = Facts.of(change);
    if (!facts.isEmpty() && facts.get(0).verb() == Verb.MAKES && isKey(facts.get(0).kind())) {
      return keySkips(facts.get(0), after);
    }
    if (change instanceof Change.CreateTable c) {
      List<LostHistory.Skip> made = tableSkips(ddl.schema(c.schemaName()), c.tableName(), after);
      return tables ? made : unmakeable(made, c.columns(), after);
    }
    return List.of();
  }

  // Where the script makes a table or column made and dropped since again, it cannot make one
  // whose foreign key references a table made and dropped since as well, gone by the time the
  // script reaches it: that one is passed over, as upgrade passes over all of them.
  private List<LostHistory.Skip> unmakeable(
      List<LostHistory.Skip> made, List<dev.migrate.model.Column> columns, LaterChanges after) {
    List<LostHistory.Skip> skips = new ArrayList<>();
    for (LostHistory.Skip skip : made) {
      for (dev.migrate.model.Column column : columns) {
        var key = column.constraints().foreignKey();
        SqlName referenced =
            key == null || key.referencedTableName() == null
                ? null
                : new SqlName(ddl.schema(key.referencedSchemaName()), key.referencedTableName());
        if (referenced != null && after.dropTable(referenced.schema(), referenced.name())) {
          skips.add(
              new LostHistory.Skip(
                  skip.when().and(CatalogQuestion.relation(referenced).negated()),
                  skip.reason()
                      + "; the table its foreign key references, "
                      + referenced
                      + ", is gone too"));
        }
      }
    }
    return skips;
  }

  // Every column it adds is absent, and a later change drops it: added and dropped since.
  private List<LostHistory.Skip> columnSkips(Change.AddColumn c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = c.tableName();
    LaterColumns columns = after.columns();
    if (!c.columns().stream()
        .allMatch(
            col ->
                columns.dropsColumn(schema, table, col.name())
                    || columns.dropsColumn(schema, table, lastName(after, schema, c, col)))) {
      return List.of();
    }
    SqlName name = new SqlName(schema, table);
    CatalogQuestion gone = CatalogQuestion.relation(name);
    for (dev.migrate.model.Column col : c.columns()) {
      gone = gone.and(CatalogQuestion.column(name, col.name()).negated());
      String last = lastName(after, schema, c, col);
      if (!last.equals(col.name())) {
        gone = gone.and(CatalogQuestion.column(name, last).negated());
      }
    }
    return List.of(
        new LostHistory.Skip(
            gone,
            "column"
                + (c.columns().size() == 1 ? " " : "s ")
                + String.join(
                    ", ", c.columns().stream().map(dev.migrate.model.Column::name).toList())
                + " of "
                + name
                + " absent, and a later change drops "
                + (c.columns().size() == 1 ? "it" : "them")
                + ": added and dropped since"));
  }

  // A key (primary, unique or foreign) absent from its table, which a later change drops by its
  // name, or with all the table's foreign keys, or as the table's primary key; or a foreign key
  // whose table a later change drops (no other object needs a foreign key): added and dropped
  // since. Made again, it would hold rows written after the drop to a rule that no longer applies
  // to them.
  private List<LostHistory.Skip> keySkips(Fact key, LaterChanges after) {
    String schema = ddl.schema(key.schema());
    String table = key.table();
    boolean withTable = key.kind() == Kind.FOREIGN_KEY && after.dropTable(schema, table);
    if (key.name() == null
        || !(withTable
            || after.dropsConstraint(schema, table, key.name())
            || (key.kind() == Kind.FOREIGN_KEY && after.dropsAllForeignKeys(schema, table))
            || (key.kind() == Kind.PRIMARY_KEY && after.dropsPrimaryKey(schema, table)))) {
      return List.of();
    }
    SqlName name = new SqlName(schema, table);
    return List.of(
        new LostHistory.Skip(
            CatalogQuestion.relation(name)
                .and(CatalogQuestion.constraint(name, key.name()).negated()),
            "constraint "
                + key.name()
                + " of "
                + name
                + " is absent, and a later change drops "
                + (withTable ? "its table" : "it")
                + ": added and dropped since"));
  }

  // A named index absent from its table, which a later change drops, or drops with the table:
  // made and dropped since. Made again on the table in place (the one a later change makes after
  // the drop), it would be an index no fresh run leaves. A unique index is left to its guard, as
  // a key is: a foreign key made before the drop may need it.
  private List<LostHistory.Skip> indexSkips(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    boolean withTable = after.dropTable(schema, c.tableName());
    if (!withTable && !after.dropIndex(schema, c.indexName())) {
      return List.of();
    }
    SqlName table = new SqlName(schema, c.tableName());
    SqlName index = new SqlName(schema, c.indexName());
    return List.of(
        new LostHistory.Skip(
            CatalogQuestion.relation(table).and(CatalogQuestion.relation(index).negated()),
            "index "
                + index
                + " is absent, and a later change drops "
                + (withTable ? "its table " + table : "it")
                + ": made and dropped since"));
  }

  private List<LostHistory.Skip> tableSkips(String schema, String table, LaterChanges after) {
    SqlName name = new SqlName(schema, table);
    return after.dropTable(schema, table)
        ? List.of(
            new LostHistory.Skip(
                CatalogQuestion.relation(name).negated(),
                "table "
                    + name
                    + " is absent, and a later change drops it: it was made and"
                    + " dropped since"))
        : List.of();
  }

  private static boolean isKey(Kind kind) {
    return kind == Kind.PRIMARY_KEY || kind == Kind.UNIQUE || kind == Kind.FOREIGN_KEY;
  }

  // The name later renames give a column it adds, or its own.
  private static String lastName(
      LaterChanges after, String schema, Change.AddColumn c, dev.migrate.model.Column col) {
    String renamed = after.columns().columnRenamedTo(schema, c.tableName(), col.name());
    return renamed == null ? col.name() : renamed;
  }
}
