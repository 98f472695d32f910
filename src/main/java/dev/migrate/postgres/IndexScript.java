package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import java.util.List;

/**
 * The script's side of createIndex ({@link IndexGuards}), asking pg_index what upgrade asks: a
 * named index that is there and differs stops the script with upgrade's sentence, an INVALID one is
 * dropped and built again, an unnamed one is looked for by its definition.
 */
final class IndexScript {
  private final IndexGuards family;
  private final PgDdl ddl;

  IndexScript(IndexGuards family, PgDdl ddl) {
    this.family = family;
    this.ddl = ddl;
  }

  // The script's side of createIndex, as upgrade decides: a named index that is there and differs
  // stops it, an INVALID one is dropped and built again. CREATE INDEX CONCURRENTLY cannot run in a
  // DO block: there the block only checks, and concurrently(…) does the rest.
  List<String> named(Change.CreateIndex c, LaterChanges after) {
    String index = family.regclass(c.schemaName(), c.indexName());
    // Absent with its table, which a later change drops or renames: that change's (as upgrade
    // skips it), not made on a table that is not there.
    String absent =
        "NOT "
            + family.relationExists(c.schemaName(), c.indexName())
            + (after.goneLater(ddl.schema(c.schemaName()), c.tableName())
                ? " AND " + family.relationExists(c.schemaName(), c.tableName())
                : "");
    String branches =
        differs(c, after)
            + Tablespaces.scriptBranch(
                index,
                c.tablespace(),
                "index " + family.name(c.schemaName(), c.indexName()) + ": ");
    if (c.concurrently()) {
      return Family.when(absent, List.of(), branches);
    }
    return Family.when(
        absent,
        List.of(ddl.createIndex(c)),
        branches
            + "\nELSIF "
            + invalid(c).literal()
            + " THEN\n  "
            + Family.execute(ddl.dropIndex(c.schemaName(), c.indexName()))
            + "\n  "
            + Family.execute(ddl.createIndex(c)));
  }

  List<String> unnamed(Change.CreateIndex c) {
    if (c.concurrently()) {
      return List.of();
    }
    String same = family.sameDefinition(c, c.columns());
    return List.of(
        "IF NOT EXISTS (SELECT 1 "
            + same
            + " AND i.indisvalid) THEN\n  IF EXISTS (SELECT 1 "
            + same
            + ") THEN\n    EXECUTE (SELECT 'DROP INDEX ' || i.indexrelid::pg_catalog.regclass::text "
            + same
            + " LIMIT 1);\n  END IF;\n  "
            + Family.execute(ddl.createIndex(c))
            + "\nEND IF;");
  }

  /**
   * A CREATE INDEX CONCURRENTLY as psql runs it outside a transaction while {@code unrecorded}
   * holds, after the DO block of {@link #named} has checked it: an INVALID index it would take for
   * done is dropped first, then it is built unless there.
   */
  String concurrently(Change.CreateIndex c, String unrecorded) {
    String create = ddl.createIndex(c);
    if (c.indexName() != null) {
      return new SqlScript.Part(
                  ddl.dropIndexConcurrently(c.schemaName(), c.indexName()),
                  null,
                  invalid(c).negated())
              .plain(unrecorded)
          + new SqlScript.Part(
                  create.replaceFirst("INDEX CONCURRENTLY ", "$0IF NOT EXISTS "), null, null)
              .plain(unrecorded);
    }
    // Unnamed, the INVALID index's name is PostgreSQL's: a query writes its DROP for \gexec.
    String drop = "SELECT 'DROP INDEX CONCURRENTLY ' || i.indexrelid::pg_catalog.regclass::text ";
    String same = family.sameDefinition(c, c.columns());
    String valid = "NOT EXISTS (SELECT 1 " + same + " AND i.indisvalid)";
    return drop
        + same
        + " AND NOT i.indisvalid AND "
        + valid
        + " AND "
        + unrecorded
        + " LIMIT 1 \\gexec\n"
        + new SqlScript.Part(create, null, null).plain(unrecorded + " AND " + valid);
  }

  // The question the raw CREATE INDEX asks too (SqlStatementGuards.dropInvalid).
  private CatalogQuestion invalid(Change.CreateIndex c) {
    return CatalogQuestion.invalidIndex(new SqlName(ddl.schema(c.schemaName()), c.indexName()));
  }

  // The script's branches for a named index that is there: not an index, or another definition
  // (unless a later change drops it or reworks its columns), stop it with upgrade's sentence.
  private String differs(Change.CreateIndex c, LaterChanges after) {
    String schema = ddl.schema(c.schemaName());
    String index = family.regclass(c.schemaName(), c.indexName());
    String create = ddl.createIndex(c);
    String branches =
        family.otherKind(
            c.schemaName(), c.indexName(), "'i'", "an index", "; the changelog wants: " + create);
    if (after.dropIndex(schema, c.indexName())
        || Guards.touchedLater(schema, c.tableName(), c.columns(), after)) {
      return branches;
    }
    String renamed = after.relationRenamedTo(schema, c.tableName());
    List<String> tables =
        renamed == null ? List.of(c.tableName()) : List.of(c.tableName(), renamed);
    return branches
        + "\nELSIF NOT EXISTS (SELECT 1 "
        + IndexGuards.INDEXES
        + " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = "
        + index
        + " AND t.relname IN ("
        + tables.stream().map(PgNames::literal).collect(java.util.stream.Collectors.joining(", "))
        + ") AND "
        + IndexGuards.definition(c, IndexGuards.laterColumns(schema, c, after))
        + ") THEN\n  RAISE EXCEPTION '%', "
        + PgNames.literal(
            "index "
                + qualified(schema, c.indexName())
                + ": the changelog wants "
                + create
                + "; the database has ")
        + " || pg_get_indexdef("
        + index
        + ");";
  }
}
