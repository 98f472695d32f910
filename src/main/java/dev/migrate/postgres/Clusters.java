package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clustered: true} on createIndex and addPrimaryKey: Liquibase follows the index it makes
 * with {@code CLUSTER table USING index} on PostgreSQL, which orders the table's rows by the index
 * and marks it as the table's clustering index ({@code pg_index.indisclustered}). The mark is what
 * a rerun and {@code check} compare: a step whose index is there is done only when the index
 * carries it, and otherwise it clusters the table, as a step that completes its object.
 */
final class Clusters {
  private final PgCatalog catalog;
  private final PgDdl ddl;

  Clusters(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /** The index a change clusters its table on, and that table; null when it clusters none. */
  private record Target(SqlName table, SqlName index) {
    String cluster() {
      return "CLUSTER " + table + " USING " + quote(index.name());
    }

    // The index of that name is the table's and does not carry the mark: one text for both modes.
    CatalogQuestion unmarked() {
      return new CatalogQuestion(
          "EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass(?)"
              + " AND indrelid = to_regclass(?) AND NOT indisclustered)",
          List.of(index.toString(), table.toString()));
    }
  }

  private Target target(Change change) {
    String schema;
    String table;
    String index;
    if (change instanceof Change.CreateIndex c && c.clustered()) {
      schema = c.schemaName();
      table = c.tableName();
      index = c.indexName();
    } else if (change instanceof Change.AddPrimaryKey c && c.clustered()) {
      schema = c.schemaName();
      table = c.tableName();
      index = c.constraintName(); // the key's index has the key's name
    } else {
      return null;
    }
    String in = ddl.schema(schema);
    return new Target(new SqlName(in, table), new SqlName(in, index));
  }

  /** The change's decision, followed by the clustering it asks for. */
  Decision decide(Change change, Decision decision) {
    Target target = target(change);
    if (target == null || decision instanceof Decision.Drift) {
      return decision;
    }
    if (decision instanceof Decision.Act act) {
      List<String> sql = new ArrayList<>(act.sql());
      sql.add(target.cluster());
      return new Decision.Act(
          sql,
          act.summary() + ", and clustered " + target.table() + " on it",
          act.excuse(),
          act.effect());
    }
    // The index is there (or the step has nothing to make): cluster where the mark is missing.
    return catalog.holds(target.unmarked())
        ? Decision.adjust(
            List.of(target.cluster()),
            "clustered " + target.table() + " on index " + quote(target.index().name()))
        : decision;
  }

  /** The script's lines of the change, followed by the same clustering, asked as it runs. */
  List<String> script(Change change, List<String> lines) {
    Target target = target(change);
    if (target == null) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines);
    out.addAll(Family.when(target.unmarked().literal(), List.of(target.cluster())));
    return out;
  }
}
