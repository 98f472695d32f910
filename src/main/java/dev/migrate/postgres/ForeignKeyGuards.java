package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.columnList;
import static dev.migrate.postgres.PgNames.qualified;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.ReferentialAction;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import java.util.List;
import java.util.Objects;

/**
 * Foreign keys: addForeignKeyConstraint and dropForeignKeyConstraint. A key is compared by its
 * columns, what it references, its actions and when it is checked.
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
                List.of(addForeignKey(ddl, c))));
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
  }

  private Decision addForeignKey(Change.AddForeignKeyConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.baseSchemaName());
    String table = qualified(schema, c.baseTableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.baseTableName());
    if (have == null) {
      return Guards.missingTable(
          schema,
          c.baseTableName(),
          after,
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
        && catalog.table(refSchema, c.referencedTableName()) == null
        && after.goneLater(refSchema, c.referencedTableName())) {
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
    String difference =
        difference(
            existing,
            c.baseColumnNames(),
            ddl.schema(c.referencedSchemaName()),
            c.referencedTableName(),
            c.referencedColumnNames(),
            c.onDelete(),
            c.onUpdate(),
            c.deferrable(),
            c.initiallyDeferred());
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
    if (difference != null) {
      return Guards.drift("table " + table, List.of(difference));
    }
    return new Decision.Skip(
        "foreign key " + c.constraintName() + " on " + table + " exists with the same definition");
  }

  static String difference(
      ConstraintInfo k,
      List<String> columns,
      String refSchema,
      String refTable,
      List<String> refColumns,
      ReferentialAction onDelete,
      ReferentialAction onUpdate,
      boolean deferrable,
      boolean initiallyDeferred) {
    char wantedDelete = (onDelete == null ? ReferentialAction.NO_ACTION : onDelete).catalogCode();
    char wantedUpdate = (onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate).catalogCode();
    boolean same =
        k.type().equals("f")
            && k.columns().equals(columns)
            && Objects.equals(k.referencedSchema(), refSchema)
            && Objects.equals(k.referencedTable(), refTable)
            && (refColumns.isEmpty() || k.referencedColumns().equals(refColumns))
            && k.onDelete() == wantedDelete
            && k.onUpdate() == wantedUpdate
            && k.deferrable() == deferrable
            && k.initiallyDeferred() == initiallyDeferred;
    if (same) {
      return null;
    }
    String wanted =
        "FOREIGN KEY ("
            + String.join(", ", columns)
            + ") REFERENCES "
            + qualified(refSchema, refTable)
            + "("
            + String.join(", ", refColumns)
            + ")"
            + (onDelete == null ? "" : " ON DELETE " + onDelete.sql())
            + (onUpdate == null ? "" : " ON UPDATE " + onUpdate.sql())
            + PgDdl.deferral(deferrable, initiallyDeferred);
    return "constraint "
        + k.name()
        + ": the changelog wants "
        + wanted
        + ", the database has "
        + k.definition();
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
