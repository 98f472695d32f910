package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import java.util.List;

/**
 * The script's side of a primary key or unique constraint that is there: the branches that stop the
 * script with the sentence {@code upgrade} prints where it finds one that differs ({@link
 * ConstraintGuards}). Each compares what upgrade compares, over pg_constraint.
 */
final class KeyScript {
  private KeyScript() {}

  // The constraint's columns in key order, as upgrade reads them.
  static final String COLUMNS =
      "ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(num, ord)"
          + " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num"
          + " ORDER BY u.ord)";

  /**
   * An ELSIF that raises where the table's primary key has other columns, or another name than the
   * one the changelog gives.
   */
  static String primaryKey(String regclass, String table, String name, List<String> columns) {
    String key = "FROM pg_catalog.pg_constraint k WHERE k.conrelid = " + regclass;
    return "\nELSIF NOT EXISTS (SELECT 1 "
        + key
        + " AND k.contype = 'p' AND "
        + COLUMNS
        + " = "
        + PgNames.textArray(columns)
        + (name == null ? "" : " AND k.conname = " + literal(name))
        + ") THEN\n  RAISE EXCEPTION '%', "
        + literal(
            "table "
                + table
                + " differs from the changelog:\n    - primary key: the changelog wants "
                + ConstraintGuards.keyText(name, columns)
                + ", the database has ")
        + " || (SELECT k.conname || ' ' || pg_get_constraintdef(k.oid) "
        + key
        + " AND k.contype = 'p');";
  }

  /**
   * ELSIF branches that raise where the constraint of that name is not a unique constraint over
   * those columns, or is one deferred otherwise than the changelog says.
   */
  static String unique(
      String regclass,
      String table,
      String name,
      List<String> columns,
      boolean deferrable,
      boolean initiallyDeferred) {
    String named = named(regclass, name);
    String same =
        named + " AND k.contype = 'u' AND " + COLUMNS + " = " + PgNames.textArray(columns);
    String wants = "UNIQUE (" + String.join(", ", columns) + ")";
    return differs(same, table, name, wants, named)
        + differs(
            same
                + " AND k.condeferrable = "
                + deferrable
                + " AND k.condeferred = "
                + initiallyDeferred,
            table,
            name,
            wants + PgDdl.deferral(deferrable, initiallyDeferred),
            named);
  }

  /**
   * An ELSIF that raises where the foreign key of that name is not one over those columns to that
   * table (and its columns, when the changelog names them), with those actions and deferral.
   */
  static String foreignKey(
      ForeignKeyShape key, LaterChanges after, String name, String regclass, String table) {
    String named = named(regclass, name);
    return differs(named + " AND " + sameForeignKey(key, after), table, name, key.wanted(), named);
  }

  /** The same, true also of the key with what it references renamed as later changes rename it. */
  static String sameForeignKey(ForeignKeyShape key, LaterChanges after) {
    ForeignKeyShape renamed = key.renamed(after);
    return renamed == key
        ? sameForeignKey(key)
        : "((" + sameForeignKey(key) + ") OR (" + sameForeignKey(renamed) + "))";
  }

  /**
   * The condition that the constraint {@code k} is that foreign key: over those columns to that
   * table (and its columns, when the changelog names them), with those actions and deferral.
   */
  static String sameForeignKey(ForeignKeyShape key) {
    return "k.contype = 'f' AND "
        + COLUMNS
        + " = "
        + PgNames.textArray(key.columns())
        + " AND EXISTS (SELECT 1 FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn"
        + " ON rn.oid = rc.relnamespace WHERE rc.oid = k.confrelid AND rn.nspname = "
        + literal(key.refSchema())
        + " AND rc.relname = "
        + literal(key.refTable())
        + ")"
        + (key.refColumns().isEmpty()
            ? ""
            : " AND "
                + COLUMNS.replace("conkey", "confkey").replace("conrelid", "confrelid")
                + " = "
                + PgNames.textArray(key.refColumns()))
        + " AND k.confdeltype = "
        + literal(String.valueOf(key.deleteCode()))
        + " AND k.confupdtype = "
        + literal(String.valueOf(key.updateCode()))
        + " AND k.condeferrable = "
        + key.deferrable()
        + " AND k.condeferred = "
        + key.initiallyDeferred();
  }

  // FROM and WHERE of the table's constraint of that name.
  private static String named(String regclass, String name) {
    return "FROM pg_catalog.pg_constraint k WHERE k.conrelid = "
        + regclass
        + " AND k.conname = "
        + literal(name);
  }

  private static String differs(
      String same, String table, String name, String wants, String named) {
    return "\nELSIF NOT EXISTS (SELECT 1 "
        + same
        + ") THEN\n  RAISE EXCEPTION '%', "
        + literal(
            "table "
                + table
                + " differs from the changelog:\n    - constraint "
                + name
                + ": the changelog wants "
                + wants
                + ", the database has ")
        + " || (SELECT pg_get_constraintdef(k.oid) "
        + named
        + ");";
  }
}
