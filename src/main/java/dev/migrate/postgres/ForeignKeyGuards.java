package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.columnList;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import java.util.List;

/**
 * Foreign keys: addForeignKeyConstraint, dropForeignKeyConstraint and dropAllForeignKeyConstraints.
 * A key is compared by its columns, what it references, its actions and when it is checked.
 */
final class ForeignKeyGuards extends Family {
  ForeignKeyGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.AddForeignKeyConstraint.class,
        (c, after, excuse) -> addForeignKey(c, after),
        (c, after) ->
            when(
                "NOT "
                    + constraintExists(c.baseSchemaName(), c.baseTableName(), c.constraintName()),
                List.of(addForeignKey(ddl, c)),
                after.goneLater(ddl.schema(c.referencedSchemaName()), c.referencedTableName())
                        || droppedLater(c, after)
                        || Guards.touchedLater(
                            ddl.schema(c.baseSchemaName()),
                            c.baseTableName(),
                            c.baseColumnNames(),
                            after)
                    ? ""
                    : KeyScript.foreignKey(
                        ForeignKeyShape.of(c, ddl),
                        after,
                        c.constraintName(),
                        regclass(c.baseSchemaName(), c.baseTableName()),
                        name(c.baseSchemaName(), c.baseTableName()))));
    families.on(
        Change.DropForeignKeyConstraint.class,
        (c, after, excuse) ->
            dropConstraint(
                c.baseSchemaName(), c.baseTableName(), c.constraintName(), "f", "foreign key"),
        (c, after) ->
            when(
                constraintExists(c.baseSchemaName(), c.baseTableName(), c.constraintName()),
                List.of(
                    dropConstraint(c.baseSchemaName(), c.baseTableName(), c.constraintName()))));
    // The keys are those the catalog has when the step runs, as Liquibase reads them then; a
    // table that is not there has none to drop.
    families.on(
        Change.DropAllForeignKeyConstraints.class,
        (c, after, excuse) -> dropAll(c),
        (c, after) -> dropAllScript(c.baseSchemaName(), c.baseTableName(), "f"));
  }

  private Decision addForeignKey(Change.AddForeignKeyConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.baseSchemaName());
    String table = qualified(schema, c.baseTableName());
    // A table the run made, surely without a constraint of this name: none to look through.
    List<ConstraintInfo> have =
        catalog.lacks(schema, c.baseTableName(), List.of(c.constraintName()))
            ? List.of()
            : catalog.constraints(schema, c.baseTableName());
    if (have == null) {
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
          "table "
              + table
              + " does not exist, so foreign key "
              + c.constraintName()
              + " cannot be added");
    }
    ConstraintInfo existing =
        have.stream().filter(k -> k.name().equals(c.constraintName())).findFirst().orElse(null);
    String refSchema = ddl.schema(c.referencedSchemaName());
    if (existing == null
        && after.goneLater(refSchema, c.referencedTableName())
        && catalog.table(refSchema, c.referencedTableName()) == null) {
      return new Decision.Skip(
          "foreign key "
              + c.constraintName()
              + " on "
              + table
              + " is absent, and the table it references, "
              + qualified(refSchema, c.referencedTableName())
              + ", is renamed or dropped by a later change");
    }
    if (existing == null) {
      Decision gone =
          Guards.columnsGoneLater(
              catalog,
              schema,
              c.baseTableName(),
              c.baseColumnNames(),
              after,
              "foreign key " + c.constraintName());
      return gone != null
          ? gone
          : new Decision.Act(
              List.of(addForeignKey(ddl, c)),
              "added foreign key " + c.constraintName() + " on " + table);
    }
    String difference = ForeignKeyShape.of(c, ddl).difference(existing, after);
    if (difference != null
        && (after.goneLater(refSchema, c.referencedTableName())
            || Guards.touchedLater(schema, c.baseTableName(), c.baseColumnNames(), after))) {
      return new Decision.Skip(
          "foreign key "
              + c.constraintName()
              + " on "
              + table
              + " exists; a later change renames its table"
              + " or columns, so its definition is that change's to check");
    }
    if (difference != null && droppedLater(c, after)) {
      return new Decision.Skip(
          "foreign key "
              + c.constraintName()
              + " on "
              + table
              + " exists with another definition, and a later change drops it: what it is now is"
              + " that change's, and what may be added again in its place");
    }
    if (difference != null) {
      return Guards.drift("table " + table, List.of(difference));
    }
    return new Decision.Skip(
        "foreign key " + c.constraintName() + " on " + table + " exists with the same definition");
  }

  // A later dropForeignKeyConstraint of this key, or dropAllForeignKeyConstraints of its table.
  private boolean droppedLater(Change.AddForeignKeyConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.baseSchemaName());
    return after.dropsConstraint(schema, c.baseTableName(), c.constraintName())
        || after.dropsAllForeignKeys(schema, c.baseTableName());
  }

  private Decision dropAll(Change.DropAllForeignKeyConstraints c) {
    String table = name(c.baseSchemaName(), c.baseTableName());
    List<String> keys = foreignKeys(catalog, ddl.schema(c.baseSchemaName()), c.baseTableName());
    if (keys == null) {
      return skip("table %s does not exist, so it has no foreign key to drop", table);
    }
    if (keys.isEmpty()) {
      return skip("table %s has no foreign key", table);
    }
    return new Decision.Act(
        keys.stream().map(k -> dropConstraint(c.baseSchemaName(), c.baseTableName(), k)).toList(),
        "dropped foreign key"
            + (keys.size() == 1 ? " " : "s ")
            + String.join(", ", keys)
            + " from "
            + table);
  }

  /**
   * The names of the foreign keys a table has, sorted: the keys dropAllForeignKeyConstraints drops
   * when it runs; null when the table is absent.
   */
  static List<String> foreignKeys(PgCatalog catalog, String schema, String table) {
    List<ConstraintInfo> have = catalog.constraints(schema, table);
    return have == null
        ? null
        : have.stream()
            .filter(k -> k.type().equals("f"))
            .map(ConstraintInfo::name)
            .sorted()
            .toList();
  }

  /** ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY … REFERENCES …, as addForeignKeyConstraint says. */
  static String addForeignKey(PgDdl ddl, Change.AddForeignKeyConstraint c) {
    String sql =
        "ALTER TABLE "
            + qualified(ddl.schema(c.baseSchemaName()), c.baseTableName())
            + " ADD CONSTRAINT "
            + quote(c.constraintName())
            + " FOREIGN KEY ("
            + columnList(c.baseColumnNames())
            + ") REFERENCES "
            + qualified(ddl.schema(c.referencedSchemaName()), c.referencedTableName())
            + " ("
            + columnList(c.referencedColumnNames())
            + ")";
    sql +=
        (c.onDelete() == null ? "" : " ON DELETE " + c.onDelete().sql())
            + (c.onUpdate() == null ? "" : " ON UPDATE " + c.onUpdate().sql());
    return sql
        + PgDdl.deferral(c.deferrable(), c.initiallyDeferred())
        + (c.validate() ? "" : " NOT VALID");
  }
}
