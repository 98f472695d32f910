package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

/**
 * The tablespace a table or index is in, asked only where the changelog names one. One SQL text
 * answers both modes: {@code upgrade} runs it, and the {@code --sql} script tests it, so both stop
 * on the same difference. A relation in the database's default tablespace has none of its own in
 * pg_class, and is in that one.
 */
final class Tablespaces {
  private Tablespaces() {}

  /** The tablespace's name of the relation {@code regclass} (an SQL expression), as SQL. */
  static String of(String regclass) {
    return "(SELECT s.spcname::text FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_tablespace s ON s.oid = CASE WHEN c.reltablespace <> 0"
        + " THEN c.reltablespace ELSE (SELECT d.dattablespace FROM pg_catalog.pg_database d"
        + " WHERE d.datname = pg_catalog.current_database()) END"
        + " WHERE c.oid = "
        + regclass
        + ")";
  }

  /** How the relation's tablespace differs from {@code wanted}; null when it does not, or none. */
  static String difference(PgCatalog catalog, String regclass, String wanted) {
    if (wanted == null) {
      return null;
    }
    String have = catalog.text("SELECT " + of(regclass));
    String want = PgNames.storedTablespace(wanted);
    return want.equals(have) ? null : wants(want) + have;
  }

  /**
   * The script's branch for the same question: {@code ELSIF} it differs {@code THEN} raise, with
   * {@code object} before the sentence; empty when the changelog names no tablespace.
   */
  static String scriptBranch(String regclass, String wanted, String object) {
    if (wanted == null) {
      return "";
    }
    String want = PgNames.storedTablespace(wanted);
    return "\nELSIF "
        + of(regclass)
        + " IS DISTINCT FROM "
        + literal(want)
        + " THEN\n  RAISE EXCEPTION '%', "
        + literal(object + wants(want))
        + " || "
        + of(regclass)
        + ";";
  }

  private static String wants(String want) {
    return "the changelog wants tablespace " + want + ", the database has ";
  }
}
