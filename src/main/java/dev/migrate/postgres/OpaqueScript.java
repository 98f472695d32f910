package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import java.util.List;

/**
 * The {@code --sql} script's side of {@link OpaqueWrites}, beside {@link ScriptReplay}'s writes.
 */
final class OpaqueScript {
  private OpaqueScript() {}

  /**
   * PL/pgSQL lines that run a statement whose writes its text does not show ({@link OpaqueWrites}),
   * watched as upgrade watches it once the run found the database ahead: tried first in a block
   * that is rolled back, to learn from the transaction's counts which tables it writes; each of
   * those that has rows (and that this run did not begin writing) is fingerprinted, and where one
   * differs after the statement ran, the changeset stops as a write does. Skipped, with a notice,
   * where a step of its changeset found its object in place.
   */
  static List<String> lines(String statement) {
    String sql = statement.strip();
    String states = "(" + OpaqueWrites.STATES + ") AS w (relid, n)";
    String table = "migrate_held[migrate_i]";
    return List.of(
        "PERFORM " + ScriptReplay.WRITE + ";",
        "DECLARE\n"
            + "  migrate_states jsonb;\n"
            + "  migrate_wrote text[] := '{}';\n"
            + "  migrate_held text[] := '{}';\n"
            + "  migrate_prints text[] := '{}';\n"
            + "  migrate_print text;\n"
            + "  migrate_rows boolean;\n"
            + "BEGIN",
        "IF "
            + ScriptReplay.AHEAD
            + " THEN\n"
            + "  SELECT coalesce(jsonb_object_agg(relid::text, n), '{}') INTO migrate_states FROM "
            + states
            + ";\n"
            + ScriptTrial.tried(
                "  ",
                "    "
                    + Family.execute(sql)
                    + "\n    SELECT coalesce(array_agg(format('%I.%I', ns.nspname, c.relname)),"
                    + " '{}') INTO migrate_wrote FROM "
                    + states
                    + " JOIN pg_catalog.pg_class c ON c.oid = w.relid JOIN"
                    + " pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace WHERE w.n IS DISTINCT"
                    + " FROM migrate_states ->> w.relid::text;\n",
                "migrate_wrote := '{}';") // it fails again below, as written
            + "  FOR migrate_i IN 1 .. cardinality(migrate_wrote) LOOP\n"
            + "    CONTINUE WHEN to_regclass(migrate_wrote[migrate_i]) IS NULL OR position('|' ||"
            + " migrate_wrote[migrate_i] || '|' IN current_setting('migrate.written', true)) > 0;\n"
            + "    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || migrate_wrote[migrate_i] || ')' INTO"
            + " migrate_rows;\n"
            + "    IF migrate_rows THEN\n"
            + "      migrate_held := migrate_held || migrate_wrote[migrate_i];\n"
            + "    ELSE\n"
            + "      PERFORM set_config('migrate.written', current_setting('migrate.written', true)"
            + " || migrate_wrote[migrate_i] || '|', false);\n"
            + "    END IF;\n"
            + "  END LOOP;\n"
            + "  FOR migrate_i IN 1 .. cardinality(migrate_held) LOOP\n"
            + "    EXECUTE "
            + around(RowWrites.fingerprint(MARK, "r::text"), table)
            + " INTO migrate_print;\n"
            + "    migrate_prints := migrate_prints || migrate_print;\n"
            + "  END LOOP;\n"
            + "END IF;",
        "IF cardinality(migrate_held) > 0 AND current_setting('migrate.ran', true) = 'on' THEN\n"
            + "  RAISE NOTICE '%', "
            + literal(RowWrites.skippedAsRan(sql))
            + ";\n"
            + "ELSE\n"
            + "  "
            + Family.execute(sql)
            + "\n  FOR migrate_i IN 1 .. cardinality(migrate_held) LOOP\n"
            + "    EXECUTE "
            + around(RowWrites.fingerprint(MARK, "r::text"), table)
            + " INTO migrate_print;\n"
            + "    IF migrate_print IS DISTINCT FROM migrate_prints[migrate_i] THEN\n"
            + "      RAISE EXCEPTION USING ERRCODE = '"
            + ScriptReplay.MAY_HAVE_RUN
            + "', MESSAGE = "
            + around(RowWrites.mayHaveRun(MARK, sql), table)
            + ";\n"
            + "    END IF;\n"
            + "  END LOOP;\n"
            + "END IF;",
        "END;");
  }

  // Where a text names the table the script learns as it runs: the text, as an SQL expression
  // that puts {@code table} there.
  private static final String MARK = "\u0001";

  private static String around(String text, String table) {
    return String.join(
        " || " + table + " || ",
        java.util.Arrays.stream(text.split(MARK, -1)).map(PgNames::literal).toList());
  }
}
