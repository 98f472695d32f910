package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import java.util.List;

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
          String schema = ddl.schema(c.schemaName());
          return when(
              present
                  + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                  + regclass(c.schemaName(), c.tableName())
                  + " AND contype = 'p')",
              List.of(
                  ddl.addPrimaryKey(
                      c.schemaName(),
                      c.tableName(),
                      c.columnNames(),
                      c.constraintName(),
                      c.tablespace())),
              liquibaseTable(c.tableName())
                      || Guards.touchedLater(schema, c.tableName(), c.columnNames(), after)
                  ? ""
                  : KeyScript.primaryKey(
                      regclass(c.schemaName(), c.tableName()),
                      qualified(schema, c.tableName()),
                      c.constraintName(),
                      c.columnNames()));
        });
    families.on(
        Change.AddUniqueConstraint.class,
        (c, after, excuse) -> addUnique(c, after),
        (c, after) ->
            c.constraintName() == null
                // Without a name, found by its columns in key order, as upgrade finds it.
                ? when(
                    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conrelid = "
                        + regclass(c.schemaName(), c.tableName())
                        + " AND k.contype = 'u' AND "
                        + KeyScript.COLUMNS
                        + " = "
                        + PgNames.textArray(c.columnNames())
                        + ")",
                    List.of(ddl.addUnique(c)))
                : when(
                    "NOT " + constraintExists(c.schemaName(), c.tableName(), c.constraintName()),
                    List.of(ddl.addUnique(c)),
                    Guards.touchedLater(
                            ddl.schema(c.schemaName()), c.tableName(), c.columnNames(), after)
                        ? ""
                        : KeyScript.unique(
                            regclass(c.schemaName(), c.tableName()),
                            name(c.schemaName(), c.tableName()),
                            c.constraintName(),
                            c.columnNames(),
                            c.deferrable(),
                            c.initiallyDeferred())));
    families.on(
        Change.DropPrimaryKey.class,
        (c, after, excuse) ->
            dropConstraint(c.schemaName(), c.tableName(), c.constraintName(), "p", "primary key"),
        (c, after) -> {
          if (c.constraintName() != null) {
            return plain(
                List.of(
                    dropConstraint(c.schemaName(), c.tableName(), c.constraintName())
                        .replace(" DROP CONSTRAINT ", " DROP CONSTRAINT IF EXISTS ")));
          }
          return dropAllScript(c.schemaName(), c.tableName(), "p");
        });
    families.on(
        Change.DropUniqueConstraint.class,
        (c, after, excuse) ->
            dropConstraint(
                c.schemaName(), c.tableName(), c.constraintName(), "u", "unique constraint"),
        (c, after) ->
            when(
                constraintExists(c.schemaName(), c.tableName(), c.constraintName()),
                List.of(dropConstraint(c.schemaName(), c.tableName(), c.constraintName()))));
  }

  private Decision addUnique(Change.AddUniqueConstraint c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String table = qualified(schema, c.tableName());
    List<ConstraintInfo> have = catalog.constraints(schema, c.tableName());
    if (have == null) {
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
          "table " + table + " does not exist, so a unique constraint cannot be added to it");
    }
    String difference = uniqueDifference(have, c.columnNames(), c.constraintName());
    ConstraintInfo found = findUnique(have, c.columnNames(), c.constraintName());
    if (difference == null
        && found != null
        && (found.deferrable() != c.deferrable()
            || found.initiallyDeferred() != c.initiallyDeferred())) {
      difference =
          "constraint "
              + found.name()
              + ": the changelog wants UNIQUE ("
              + String.join(", ", c.columnNames())
              + ")"
              + PgDdl.deferral(c.deferrable(), c.initiallyDeferred())
              + ", the database has "
              + found.definition();
    }
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
    if (found != null) {
      return new Decision.Skip(label + " on " + table + " exists with the same columns");
    }
    Decision gone =
        Guards.columnsGoneLater(catalog, schema, c.tableName(), c.columnNames(), after, label);
    if (gone != null) {
      return gone;
    }
    return new Decision.Act(List.of(ddl.addUnique(c)), "added " + label + " on " + table);
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
      // Absent where no later change explains it (TableInPlace, in Families#decide).
      return new Decision.Drift(
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
                      c.schemaName(),
                      c.tableName(),
                      c.columnNames(),
                      c.constraintName(),
                      c.tablespace())),
              "added primary key on " + table);
    }
    boolean same =
        existing.columns().equals(c.columnNames())
            && (c.constraintName() == null || c.constraintName().equals(existing.name()));
    if (!same && Guards.touchedLater(schema, c.tableName(), c.columnNames(), after)) {
      return new Decision.Skip(
          "primary key on "
              + table
              + " exists; a later change renames, drops or alters one of its columns, so its"
              + " definition is that change's to check");
    }
    if (!same) {
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

  static ConstraintInfo findUnique(List<ConstraintInfo> have, List<String> columns, String name) {
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
  static String uniqueDifference(List<ConstraintInfo> have, List<String> columns, String name) {
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

  // Changelogs written for Liquibase sometimes alter its own tables; migrate keeps its own.
  static boolean liquibaseTable(String table) {
    return table.equalsIgnoreCase("databasechangelog")
        || table.equalsIgnoreCase("databasechangeloglock");
  }

  static String keyText(String name, List<String> columns) {
    return (name == null ? "" : name + " ") + "PRIMARY KEY (" + String.join(", ", columns) + ")";
  }
}
