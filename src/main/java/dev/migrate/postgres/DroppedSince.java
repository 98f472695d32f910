package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.List;

/**
 * What a rerun over a database ahead of its revision rows (see {@link Replay}) finds absent because
 * a later change dropped it: a table, column, key or index made and dropped since, which is not
 * made again. Part of {@link Superseded}.
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
    LaterChanges after = new LaterChanges(later, ddl);
    if (change instanceof Change.AddColumn c) {
      // Every column it adds is absent, and a later change drops it: added and dropped since.
      // The later changes are read first: most often none drops a column, and then the catalog
      // is not asked (about a table this changeset made, only the server could answer).
      String schema = ddl.schema(c.schemaName());
      String table = c.tableName();
      LaterColumns columns = after.columns();
      if (!c.columns().stream()
          .allMatch(
              col ->
                  columns.dropsColumn(schema, table, col.name())
                      || columns.dropsColumn(schema, table, lastName(after, schema, c, col)))) {
        return null;
      }
      PgCatalog.TableInfo info = catalog.table(schema, c.tableName());
      boolean gone =
          info != null
              && c.columns().stream()
                  .allMatch(
                      col ->
                          info.column(col.name()) == null
                              && info.column(lastName(after, schema, c, col)) == null);
      return gone
          ? "column"
              + (c.columns().size() == 1 ? " " : "s ")
              + String.join(", ", c.columns().stream().map(dev.migrate.model.Column::name).toList())
              + " of "
              + PgNames.qualified(schema, c.tableName())
              + " absent, and a later change drops "
              + (c.columns().size() == 1 ? "it" : "them")
              + ": added and dropped since"
          : null;
    }
    if (change instanceof Change.AddLookupTable c) {
      // Its table made and dropped since; or there, and its foreign key dropped since.
      String schema = ddl.schema(c.newTableSchemaName());
      return catalog.table(schema, c.newTableName()) == null
          ? droppedSince(schema, c.newTableName(), after)
          : keyDroppedSince(Facts.of(c.foreignKey()).get(0), after);
    }
    if (change instanceof Change.CreateIndex c && c.indexName() != null && !c.unique()) {
      return indexDroppedSince(c, after);
    }
    List<Fact> facts = Facts.of(change);
    if (!facts.isEmpty() && facts.get(0).verb() == Verb.MAKES && isKey(facts.get(0).kind())) {
      return keyDroppedSince(facts.get(0), after);
    }
    return change instanceof Change.CreateTable c
        ? droppedSince(ddl.schema(c.schemaName()), c.tableName(), after)
        : null;
  }

  // A key (primary, unique or foreign) absent from its table, which a later change drops by its
  // name, or with all the table's foreign keys, or as the table's primary key; or a foreign key
  // whose table a later change drops (no other object needs a foreign key): added and dropped
  // since. Made again, it would hold rows written after the drop to a rule that no longer applies
  // to them.
  private String keyDroppedSince(Fact key, LaterChanges after) {
    String schema = ddl.schema(key.schema());
    String table = key.table();
    boolean withTable = key.kind() == Kind.FOREIGN_KEY && after.dropTable(schema, table);
    if (key.name() == null
        || !(withTable
            || after.dropsConstraint(schema, table, key.name())
            || (key.kind() == Kind.FOREIGN_KEY && after.dropsAllForeignKeys(schema, table))
            || (key.kind() == Kind.PRIMARY_KEY && after.dropsPrimaryKey(schema, table)))) {
      return null;
    }
    String qualified = PgNames.qualified(schema, table);
    return catalog.table(schema, table) != null && !catalog.constraintExists(qualified, key.name())
        ? "constraint "
            + key.name()
            + " of "
            + qualified
            + " is absent, and a later change drops "
            + (withTable ? "its table" : "it")
            + ": added and dropped since"
        : null;
  }

  // A named index absent from its table, which a later change drops, or drops with the table:
  // made and dropped since. Made again on the table in place (the one a later change makes after
  // the drop), it would be an index no fresh run leaves. A unique index is left to its guard, as
  // a key is: a foreign key made before the drop may need it.
  private String indexDroppedSince(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    boolean withTable = after.dropTable(schema, c.tableName());
    if (!withTable && !after.dropIndex(schema, c.indexName())) {
      return null;
    }
    return catalog.table(schema, c.tableName()) != null
            && !catalog.relationExists(schema, c.indexName())
        ? "index "
            + PgNames.qualified(schema, c.indexName())
            + " is absent, and a later change drops "
            + (withTable ? "its table " + PgNames.qualified(schema, c.tableName()) : "it")
            + ": made and dropped since"
        : null;
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

  String droppedSince(String schema, String table, LaterChanges after) {
    return after.dropTable(schema, table) && catalog.table(schema, table) == null
        ? "table "
            + PgNames.qualified(schema, table)
            + " is absent, and a later change drops it: it was made and dropped since"
        : null;
  }
}
