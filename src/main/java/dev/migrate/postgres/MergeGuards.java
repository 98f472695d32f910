package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * mergeColumns: the new column is added, every row's two values joined into it, and the two columns
 * dropped, as Liquibase does it. Each part is done only where it is still to do, so a run cut short
 * outside a transaction is finished by the next; all of it in place (the new column there, the two
 * gone) is skipped.
 */
final class MergeGuards extends Family {
  MergeGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(Change.MergeColumns.class, (c, after, excuse) -> merge(c, after), this::script);
  }

  private Decision merge(Change.MergeColumns c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    TableInfo info = catalog.table(schema, c.tableName());
    if (info == null) {
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
          "table " + table + " does not exist, so its columns cannot be merged");
    }
    PgCatalog.ColumnInfo have = info.column(c.finalColumnName());
    boolean merged = have != null;
    boolean first = info.column(c.column1Name()) != null;
    boolean second = info.column(c.column2Name()) != null;
    // The merged column is compared as addColumn compares its column, but for what later changes
    // set of it.
    String difference =
        merged
            ? ColumnShape.difference(
                column(c),
                have,
                false,
                ddl,
                after.columns().touchedAspects(schema, c.tableName(), c.finalColumnName()),
                catalog)
            : null;
    if (difference != null) {
      return Guards.drift("table " + table, List.of(difference));
    }
    if (merged && !first && !second) {
      return new Decision.Skip(
          "columns "
              + c.column1Name()
              + " and "
              + c.column2Name()
              + " of "
              + table
              + " are merged into "
              + c.finalColumnName()
              + " already");
    }
    if (!merged && !(first && second)) {
      Decision gone =
          Guards.columnsGoneLater(
              catalog,
              schema,
              c.tableName(),
              List.of(c.finalColumnName()),
              after,
              "merged column " + c.finalColumnName());
      return gone != null ? gone : Guards.drift("table " + table, List.of(missing(c)));
    }
    List<String> sql = new ArrayList<>();
    if (!merged) {
      sql.add(addColumn(c));
    }
    if (first && second) {
      sql.add(update(c));
    }
    if (first) {
      sql.add(dropColumn(c.schemaName(), c.tableName(), c.column1Name()));
    }
    if (second) {
      sql.add(dropColumn(c.schemaName(), c.tableName(), c.column2Name()));
    }
    return merged
        ? new Decision.Act(
            sql,
            "finished merging into " + c.finalColumnName() + " of " + table,
            null,
            Decision.Effect.ADJUST)
        : new Decision.Act(
            sql,
            "merged columns "
                + c.column1Name()
                + " and "
                + c.column2Name()
                + " of "
                + table
                + " into "
                + c.finalColumnName());
  }

  // The script does what upgrade does, asking the same three questions when psql runs it.
  private List<String> script(Change.MergeColumns c, LaterChanges after) {
    String merged = columnExists(c.schemaName(), c.tableName(), c.finalColumnName());
    String first = columnExists(c.schemaName(), c.tableName(), c.column1Name());
    String second = columnExists(c.schemaName(), c.tableName(), c.column2Name());
    List<String> lines = new ArrayList<>();
    lines.add(
        "IF NOT "
            + merged
            + " AND NOT ("
            + first
            + " AND "
            + second
            + ") THEN\n  RAISE EXCEPTION '%', "
            + literal(
                "table "
                    + qualified(ddl.schema(c.schemaName()), c.tableName())
                    + " differs from the changelog: "
                    + missing(c))
            + ";\nEND IF;");
    lines.addAll(when("NOT " + merged, List.of(addColumn(c))));
    lines.addAll(when(first + " AND " + second, List.of(update(c))));
    lines.addAll(when(first, List.of(dropColumn(c.schemaName(), c.tableName(), c.column1Name()))));
    lines.addAll(when(second, List.of(dropColumn(c.schemaName(), c.tableName(), c.column2Name()))));
    return lines;
  }

  private static String missing(Change.MergeColumns c) {
    return "column "
        + c.finalColumnName()
        + " is absent, and "
        + c.column1Name()
        + " and "
        + c.column2Name()
        + " are not both there to merge into it";
  }

  private String addColumn(Change.MergeColumns c) {
    return ddl.addColumn(c.schemaName(), c.tableName(), column(c));
  }

  // The merged column as an addColumn would make it: its type, nullable, no default.
  private static Column column(Change.MergeColumns c) {
    return new Column(
        c.finalColumnName(), c.finalColumnType(), null, false, null, ColumnConstraints.NONE);
  }

  // As Liquibase joins them on PostgreSQL: a NULL in either leaves the merged value NULL.
  private String update(Change.MergeColumns c) {
    return "UPDATE "
        + name(c.schemaName(), c.tableName())
        + " SET "
        + quote(c.finalColumnName())
        + " = "
        + quote(c.column1Name())
        + " || "
        + literal(c.joinString())
        + " || "
        + quote(c.column2Name());
  }
}
