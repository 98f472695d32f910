package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import dev.migrate.model.ColumnConstraints;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a createTable declares on its columns (primary key, unique, foreign key), where the
 * table is there with the same columns: those it lacks are added, one that differs is drift. {@code
 * upgrade} decides over the catalog's records; the script asks the same of pg_constraint and stops
 * with the same sentence.
 */
final class InlineKeys {
  private final Family family;
  private final PgCatalog catalog;
  private final PgDdl ddl;

  // The family of tables: its catalog, DDL and the script's questions of existence.
  InlineKeys(Family family) {
    this.family = family;
    this.catalog = family.catalog;
    this.ddl = family.ddl;
  }

  private static boolean declared(Change.CreateTable c) {
    return !c.primaryKeyColumns().isEmpty()
        || c.columns().stream()
            .anyMatch(col -> col.constraints().unique() || col.constraints().foreignKey() != null);
  }

  // A unique constraint over exactly the primary key's columns: CREATE TABLE makes none (PostgreSQL
  // drops it as a duplicate of the key), so the key is what such a column has.
  private static boolean uniqueWanted(Column column, List<String> pk) {
    return column.constraints().unique() && !List.of(column.name()).equals(pk);
  }

  /** The decision where the table exists with the same columns. */
  Decision decide(Change.CreateTable c, String schema, String name, LaterChanges after) {
    if (!declared(c)) {
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
    List<String> pk = c.primaryKeyColumns();
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    // A key column a later change drops or renames: that change's to check.
    if (!pk.isEmpty() && pk.stream().allMatch(col -> table.column(col) != null)) {
      String pkName = c.primaryKeyName();
      ConstraintInfo existing =
          have.stream().filter(k -> k.type().equals("p")).findFirst().orElse(null);
      if (existing == null) {
        sql.add(
            ddl.addPrimaryKey(c.schemaName(), c.tableName(), pk, pkName, c.primaryKeyTablespace()));
        added.add("primary key");
      } else if (!existing.columns().equals(pk)
          || (pkName != null && !pkName.equals(existing.name()))) {
        differences.add(
            "primary key: the changelog wants "
                + ConstraintGuards.keyText(pkName, pk)
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
      if (uniqueWanted(column, pk)) {
        String difference =
            ConstraintGuards.uniqueDifference(have, columns, k.uniqueConstraintName());
        if (difference != null) {
          differences.add(difference);
        } else if (ConstraintGuards.findUnique(have, columns, k.uniqueConstraintName()) == null) {
          sql.add(ddl.addUnique(c.schemaName(), c.tableName(), columns, k.uniqueConstraintName()));
          added.add("unique (" + column.name() + ")");
        }
      }
      ColumnConstraints.ForeignKey fk = k.foreignKey();
      if (fk != null) {
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
          String difference = shape(column, fk).difference(existing, after);
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

  private ForeignKeyShape shape(Column column, ColumnConstraints.ForeignKey fk) {
    return new ForeignKeyShape(
        List.of(column.name()),
        ddl.schema(fk.referencedSchemaName()),
        fk.referencedTableName(),
        fk.referencedColumnNames(),
        fk.onDelete(),
        null,
        fk.deferrable(),
        fk.initiallyDeferred());
  }

  /**
   * The script's branches, as {@link #decide} decides, to close the chain of IF … ELSIF that makes
   * the table or compares its columns: an ELSIF that raises upgrade's sentence where a key differs,
   * then the keys the table lacks added. {@code columnsSame}, when not null, is the condition that
   * the columns are the same; where it is null the chain has already stopped on a difference.
   */
  List<String> scriptBranches(Change.CreateTable c, LaterChanges after, String columnsSame) {
    String schema = ddl.schema(c.schemaName());
    if (!declared(c) || after.reworkConstraints(schema, c.tableName())) {
      return List.of();
    }
    String keys =
        "FROM pg_catalog.pg_constraint k WHERE k.conrelid = "
            + family.regclass(c.schemaName(), c.tableName());
    List<String> pk = c.primaryKeyColumns();
    List<String> parts = new ArrayList<>();
    List<String> adds = new ArrayList<>();
    if (!pk.isEmpty()) {
      String present =
          String.join(
              " AND ",
              pk.stream()
                  .map(col -> family.columnExists(c.schemaName(), c.tableName(), col))
                  .toList());
      String pkName = c.primaryKeyName();
      parts.add(
          "SELECT 0 AS n, "
              + literal(
                  "primary key: the changelog wants "
                      + ConstraintGuards.keyText(pkName, pk)
                      + ", the database has ")
              + " || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line "
              + keys
              + " AND k.contype = 'p' AND "
              + present
              + " AND NOT ("
              + KeyScript.COLUMNS
              + " = "
              + PgNames.textArray(pk)
              + (pkName == null ? "" : " AND k.conname = " + literal(pkName))
              + ")");
      adds.add(
          add(
              present + " AND NOT EXISTS (SELECT 1 " + keys + " AND k.contype = 'p')",
              ddl.addPrimaryKey(
                  c.schemaName(), c.tableName(), pk, pkName, c.primaryKeyTablespace())));
    }
    int n = 1;
    for (Column column : c.columns()) {
      ColumnConstraints k = column.constraints();
      String present = family.columnExists(c.schemaName(), c.tableName(), column.name());
      String only = KeyScript.COLUMNS + " = " + PgNames.textArray(List.of(column.name()));
      String name = k.uniqueConstraintName();
      if (uniqueWanted(column, pk)) {
        if (name != null) {
          parts.add(
              "SELECT "
                  + n
                  + " AS n, "
                  + literal(
                      "constraint "
                          + name
                          + ": the changelog wants UNIQUE ("
                          + column.name()
                          + "), the database has ")
                  + " || pg_get_constraintdef(k.oid) AS line "
                  + keys
                  + " AND k.contype <> 'n' AND k.conname = "
                  + literal(name)
                  + " AND "
                  + present
                  + " AND NOT (k.contype = 'u' AND "
                  + only
                  + ")");
        }
        adds.add(
            add(
                present
                    + " AND NOT EXISTS (SELECT 1 "
                    + keys
                    + " AND k.contype = 'u' AND "
                    + only
                    + (name == null ? "" : " AND k.conname = " + literal(name))
                    + ")",
                ddl.addUnique(c.schemaName(), c.tableName(), List.of(column.name()), name)));
      }
      ColumnConstraints.ForeignKey fk = k.foreignKey();
      if (fk != null) {
        String which =
            keys
                + " AND k.contype = 'f' AND "
                + (fk.name() != null ? "k.conname = " + literal(fk.name()) : only);
        ForeignKeyShape shape = shape(column, fk);
        parts.add(
            "SELECT "
                + (n + 1)
                + " AS n, 'constraint ' || k.conname || "
                + literal(": the changelog wants " + shape.wanted() + ", the database has ")
                + " || pg_get_constraintdef(k.oid) AS line FROM (SELECT k.* "
                + which
                + " ORDER BY k.conname LIMIT 1) AS k WHERE "
                + present
                + " AND NOT ("
                + KeyScript.sameForeignKey(shape, after)
                + ")");
        adds.add(
            add(
                present + " AND NOT EXISTS (SELECT 1 " + which + ")",
                ddl.addInlineForeignKey(c.schemaName(), c.tableName(), column.name(), fk)));
      }
      n += 2;
    }
    TableShape table = new TableShape(c, after, ddl, null);
    String differences = TableShape.joined(parts);
    String same = columnsSame == null ? "" : columnsSame + " AND ";
    List<String> lines = new ArrayList<>();
    if (!parts.isEmpty()) {
      lines.add("ELSIF " + same + differences + " IS NOT NULL THEN");
      lines.add(table.raise(differences));
    }
    lines.add(columnsSame == null ? "ELSE" : "ELSIF " + columnsSame + " THEN");
    lines.addAll(adds);
    return lines;
  }

  private static String add(String condition, String sql) {
    return "  IF " + condition + " THEN\n      " + Family.execute(sql) + "\n    END IF;";
  }
}
