package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.model.ReferentialAction;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keys: addPrimaryKey, addUniqueConstraint, addForeignKeyConstraint, their drops, and the inline
 * constraints of a createTable whose table exists. A key is compared by its columns, and a foreign
 * key by what it references and its actions too.
 */
final class ConstraintGuards extends Family {
  ConstraintGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.AddPrimaryKey.class,
        (c, after, excuse) -> addPrimaryKey(c, after),
        (c, after) -> {
          // Liquibase's own history table is not kept by migrate: skipped when absent, as at run
          // time.
          String present =
              liquibaseTable(c.tableName())
                  ? regclass(c.schemaName(), c.tableName()) + " IS NOT NULL AND "
                  : "";
          return when(
              present
                  + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                  + regclass(c.schemaName(), c.tableName())
                  + " AND contype = 'p')",
              List.of(
                  ddl.addPrimaryKey(
                      c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())));
        });
    families.on(
        Change.AddUniqueConstraint.class,
        (c, after, excuse) -> addUnique(c, after),
        (c, after) ->
            c.constraintName() == null
                ? plain(
                    List.of(ddl.addUnique(c.schemaName(), c.tableName(), c.columnNames(), null)))
                : when(
                    "NOT " + constraintExists(c.schemaName(), c.tableName(), c.constraintName()),
                    List.of(
                        ddl.addUnique(
                            c.schemaName(), c.tableName(), c.columnNames(), c.constraintName()))));
    families.on(
        Change.AddForeignKeyConstraint.class,
        (c, after, excuse) -> addForeignKey(c, after),
        (c, after) ->
            when(
                "NOT "
                    + constraintExists(c.baseSchemaName(), c.baseTableName(), c.constraintName()),
                List.of(ddl.addForeignKey(c))));
    families.on(
        Change.DropPrimaryKey.class,
        (c, after, excuse) ->
            dropConstraint(c.schemaName(), c.tableName(), c.constraintName(), "p", "primary key"),
        (c, after) -> {
          if (c.constraintName() != null) {
            return plain(
                List.of(
                    alter
                        .dropConstraint(c.schemaName(), c.tableName(), c.constraintName())
                        .replace(" DROP CONSTRAINT ", " DROP CONSTRAINT IF EXISTS ")));
          }
          String pk =
              "FROM pg_catalog.pg_constraint WHERE conrelid = "
                  + regclass(c.schemaName(), c.tableName())
                  + " AND contype = 'p'";
          return List.of(
              "IF EXISTS (SELECT 1 "
                  + pk
                  + ") THEN\n  EXECUTE (SELECT "
                  + PgNames.literal(
                      "ALTER TABLE "
                          + PgNames.qualified(ddl.schema(c.schemaName()), c.tableName())
                          + " DROP CONSTRAINT ")
                  + " || quote_ident(conname) "
                  + pk
                  + ");\nEND IF;");
        });
    families.on(
        Change.DropUniqueConstraint.class,
        (c, after, excuse) ->
            dropConstraint(
                c.schemaName(), c.tableName(), c.constraintName(), "u", "unique constraint"),
        (c, after) ->
            when(
                constraintExists(c.schemaName(), c.tableName(), c.constraintName()),
                List.of(alter.dropConstraint(c.schemaName(), c.tableName(), c.constraintName()))));
    families.on(
        Change.DropForeignKeyConstraint.class,
        (c, after, excuse) ->
            dropConstraint(
                c.baseSchemaName(), c.baseTableName(), c.constraintName(), "f", "foreign key"),
        (c, after) ->
            when(
                constraintExists(c.baseSchemaName(), c.baseTableName(), c.constraintName()),
                List.of(
                    alter.dropConstraint(
                        c.baseSchemaName(), c.baseTableName(), c.constraintName()))));
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
              List.of(ddl.addForeignKey(c)),
              "added foreign key " + c.constraintName() + " on " + table);
    }
    String difference =
        foreignKeyDifference(
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

  private Decision addUnique(Change.AddUniqueConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    if (have == null) {
      return Guards.missingTable(
          schema,
          c.tableName(),
          after,
          "table " + table + " does not exist, so a unique constraint cannot be added to it");
    }
    String difference = uniqueDifference(have, c.columnNames(), c.constraintName());
    if (difference != null && Guards.touchedLater(schema, c.tableName(), c.columnNames(), after)) {
      return new Decision.Skip(
          "unique constraint "
              + c.constraintName()
              + " on "
              + table
              + " exists; a later change renames, drops or alters one of its columns, so its definition is that change's to check");
    }
    if (difference != null) {
      return Guards.drift("table " + table, List.of(difference));
    }
    String label =
        c.constraintName() == null
            ? "unique (" + String.join(", ", c.columnNames()) + ")"
            : "unique constraint " + c.constraintName();
    if (findUnique(have, c.columnNames(), c.constraintName()) != null) {
      return new Decision.Skip(label + " on " + table + " exists with the same columns");
    }
    Decision gone =
        Guards.columnsGoneLater(catalog, schema, c.tableName(), c.columnNames(), after, label);
    if (gone != null) {
      return gone;
    }
    return new Decision.Act(
        List.of(ddl.addUnique(c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())),
        "added " + label + " on " + table);
  }

  private Decision addPrimaryKey(Change.AddPrimaryKey c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    if (have == null && liquibaseTable(c.tableName())) {
      return new Decision.Skip(
          "table " + table + " is Liquibase's own history table, which migrate does not keep");
    }
    if (have == null) {
      return Guards.missingTable(
          schema,
          c.tableName(),
          after,
          "table " + table + " does not exist, so its primary key cannot be added");
    }
    ConstraintInfo existing =
        have.stream().filter(k -> k.type().equals("p")).findFirst().orElse(null);
    if (existing == null) {
      Decision gone =
          Guards.columnsGoneLater(
              catalog, schema, c.tableName(), c.columnNames(), after, "primary key");
      return gone != null
          ? gone
          : new Decision.Act(
              List.of(
                  ddl.addPrimaryKey(
                      c.schemaName(), c.tableName(), c.columnNames(), c.constraintName())),
              "added primary key on " + table);
    }
    if (!existing.columns().equals(c.columnNames())
        || (c.constraintName() != null && !c.constraintName().equals(existing.name()))) {
      return Guards.drift(
          "table " + table,
          List.of(
              "primary key: the changelog wants "
                  + keyText(c.constraintName(), c.columnNames())
                  + ", the database has "
                  + existing.name()
                  + " "
                  + existing.definition()));
    }
    return new Decision.Skip("primary key of " + table + " exists with the same columns");
  }

  // The table is there with the right columns; add any inline constraint it lacks.
  Decision inlineConstraints(Change.CreateTable c, String schema, String name, LaterChanges after) {
    List<String> pk = PgDdl.primaryKeyColumns(c.columns());
    boolean hasInline =
        !pk.isEmpty()
            || c.columns().stream()
                .anyMatch(
                    col -> col.constraints().unique() || col.constraints().foreignKey() != null);
    if (!hasInline) {
      return new Decision.Skip("table " + name + " exists with the same columns");
    }
    if (after.reworkConstraints(schema, c.tableName())) {
      return new Decision.Skip(
          "table "
              + name
              + " exists with the same columns; later changes rework its constraints,"
              + " so they are those changes' to check");
    }
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    TableInfo table = catalog.table(schema, c.tableName());
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    if (pk.stream().anyMatch(col -> table.column(col) == null)) {
      pk = List.of(); // a key column a later change drops or renames: that change's to check
    }
    if (!pk.isEmpty()) {
      String pkName = PgDdl.primaryKeyName(c.columns());
      ConstraintInfo existing =
          have.stream().filter(k -> k.type().equals("p")).findFirst().orElse(null);
      if (existing == null) {
        sql.add(ddl.addPrimaryKey(c.schemaName(), c.tableName(), pk, pkName));
        added.add("primary key");
      } else if (!existing.columns().equals(pk)
          || (pkName != null && !pkName.equals(existing.name()))) {
        differences.add(
            "primary key: the changelog wants "
                + keyText(pkName, pk)
                + ", the database has "
                + existing.name()
                + " "
                + existing.definition());
      }
    }
    for (Column column : c.columns()) {
      ColumnConstraints k = column.constraints();
      List<String> columns = List.of(column.name());
      if (table.column(column.name()) == null) {
        continue; // dropped or renamed by a later change, which checks it
      }
      // CREATE TABLE makes no UNIQUE constraint over exactly the primary key's columns: PostgreSQL
      // drops it as a duplicate of the key, so the key is what such a unique column has.
      if (k.unique() && !columns.equals(pk)) {
        String difference = uniqueDifference(have, columns, k.uniqueConstraintName());
        if (difference == null && findUnique(have, columns, k.uniqueConstraintName()) == null) {
          sql.add(ddl.addUnique(c.schemaName(), c.tableName(), columns, k.uniqueConstraintName()));
          added.add("unique (" + column.name() + ")");
        } else if (difference != null) {
          differences.add(difference);
        }
      }
      if (k.foreignKey() != null) {
        ColumnConstraints.ForeignKey fk = k.foreignKey();
        String refSchema = ddl.schema(fk.referencedSchemaName());
        ReferentialAction onDelete = fk.onDelete();
        ConstraintInfo existing =
            have.stream()
                .filter(
                    x ->
                        x.type().equals("f")
                            && (fk.name() != null
                                ? x.name().equals(fk.name())
                                : x.columns().equals(columns)))
                .findFirst()
                .orElse(null);
        if (existing == null) {
          sql.add(ddl.addInlineForeignKey(c.schemaName(), c.tableName(), column.name(), fk));
          added.add("foreign key " + (fk.name() == null ? "(" + column.name() + ")" : fk.name()));
        } else {
          String difference =
              foreignKeyDifference(
                  existing,
                  columns,
                  refSchema,
                  fk.referencedTableName(),
                  fk.referencedColumnNames(),
                  onDelete,
                  null,
                  false,
                  false);
          if (difference != null) {
            differences.add(difference);
          }
        }
      }
    }
    if (!differences.isEmpty()) {
      return Guards.drift("table " + name, differences);
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("table " + name + " exists with the same columns and constraints");
    }
    return Decision.adjust(sql, "table " + name + " existed; added " + String.join(", ", added));
  }

  private static ConstraintInfo findUnique(
      List<ConstraintInfo> have, List<String> columns, String name) {
    return have.stream()
        .filter(
            k ->
                k.type().equals("u")
                    && k.columns().equals(columns)
                    && (name == null || name.equals(k.name())))
        .findFirst()
        .orElse(null);
  }

  // A constraint of the wanted name that is not a unique constraint over the wanted columns.
  private static String uniqueDifference(
      List<ConstraintInfo> have, List<String> columns, String name) {
    if (name == null) {
      return null;
    }
    return have.stream()
        .filter(
            k -> k.name().equals(name) && !(k.type().equals("u") && k.columns().equals(columns)))
        .findFirst()
        .map(
            k ->
                "constraint "
                    + name
                    + ": the changelog wants UNIQUE ("
                    + String.join(", ", columns)
                    + "), the database has "
                    + k.definition())
        .orElse(null);
  }

  private static String foreignKeyDifference(
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
            + (deferrable ? " DEFERRABLE" + (initiallyDeferred ? " INITIALLY DEFERRED" : "") : "");
    return "constraint "
        + k.name()
        + ": the changelog wants "
        + wanted
        + ", the database has "
        + k.definition();
  }

  // Changelogs written for Liquibase sometimes alter its own tables; migrate keeps its own.
  private static boolean liquibaseTable(String table) {
    return table.equalsIgnoreCase("databasechangelog")
        || table.equalsIgnoreCase("databasechangeloglock");
  }

  private static String keyText(String name, List<String> columns) {
    return (name == null ? "" : name + " ") + "PRIMARY KEY (" + String.join(", ", columns) + ")";
  }

  private Decision dropConstraint(
      String schema, String tableName, String constraint, String type, String what) {
    List<ConstraintInfo> have = catalog.constraints(ddl.schema(schema), tableName);
    String table = name(schema, tableName);
    ConstraintInfo existing =
        have == null
            ? null
            : have.stream()
                .filter(
                    k ->
                        k.type().equals(type)
                            && (constraint == null || k.name().equals(constraint)))
                .findFirst()
                .orElse(null);
    if (existing == null) {
      return skip("%s %s does not exist on %s", what, constraint == null ? "" : constraint, table);
    }
    return act(
        alter.dropConstraint(schema, tableName, existing.name()),
        "dropped " + what + " " + existing.name() + " from " + table);
  }
}
