package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One family of objects (tables, columns, indexes…): for each of its change types, the guard that
 * asks the catalog and decides, and the same guard rendered as PL/pgSQL for the {@code --sql}
 * script, side by side. A family names each of its change types once, in {@link #register}. Offline
 * there is no catalog: only the script side runs.
 */
abstract class Family {
  protected final PgCatalog catalog;
  protected final PgDdl ddl;

  Family(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
  }

  /** Hands each change type of the family, with its guard and its script, to {@code families}. */
  abstract void register(Families families);

  /** The guard of one change type. */
  @FunctionalInterface
  interface Guard<T extends Change> {
    Decision decide(T change, LaterChanges after, Decision.Excuse excuse);
  }

  /** The PL/pgSQL lines that do one change in the {@code --sql} script when the catalog says so. */
  @FunctionalInterface
  interface Script<T extends Change> {
    List<String> render(T change, LaterChanges after);
  }

  // ---- the guard side

  String name(String schema, String relation) {
    return PgNames.qualified(ddl.schema(schema), relation);
  }

  String relationKind(String schema, String relation) {
    PgCatalog.TableInfo info = catalog.table(ddl.schema(schema), relation);
    return info == null ? null : info.kind();
  }

  static Decision skip(String format, Object... args) {
    return new Decision.Skip(String.format(format, args));
  }

  static Decision act(String sql, String summary) {
    return new Decision.Act(List.of(sql), summary);
  }

  /** A rename of a relation (table, view, sequence): done when only the new name exists. */
  Decision rename(
      String what, String schema, String oldName, String newName, String sql, LaterChanges after) {
    boolean old = relationKind(schema, oldName) != null;
    boolean renamed = relationKind(schema, newName) != null;
    if (old && !renamed) {
      return act(sql, "renamed " + what + " " + name(schema, oldName) + " to " + newName);
    }
    if (renamed && !old) {
      return skip("%s %s exists and %s does not", what, name(schema, newName), oldName);
    }
    if (!old && !renamed) {
      // A rerun after lost history: later changes renamed it again, or dropped it.
      String since = after.relationRenamedTo(ddl.schema(schema), newName);
      if (since != null && relationKind(schema, since) != null) {
        return skip(
            "%s %s is there as %s, which later changes rename it to",
            what, name(schema, oldName), since);
      }
      if (after.goneLater(ddl.schema(schema), newName)) {
        return skip(
            "%s %s and %s are absent, and a later change drops %s",
            what, name(schema, oldName), newName, newName);
      }
    }
    return new Decision.Drift(
        (old ? "both " : "neither ")
            + name(schema, oldName)
            + " and "
            + name(schema, newName)
            + " exist; the changelog renames the "
            + what
            + " "
            + oldName
            + " to "
            + newName);
  }

  /**
   * A relation that is absent, while a later change renames it and the new name is there: a rerun
   * after lost history over a database that went further, so it is skipped (null otherwise). Making
   * it again would only collide with that rename.
   */
  Decision renamedLater(String what, String schemaName, String relation, LaterChanges after) {
    String renamed = RenamedLater.relation(after, ddl.schema(schemaName), relation);
    if (renamed == null || relationKind(schemaName, renamed) == null) {
      return null;
    }
    return skip(
        "%s %s is renamed to %s by a later change, and %s exists",
        what, name(schemaName, relation), renamed, renamed);
  }

  /** Drops the constraint of that name (any of that type when null) if the table has it. */
  Decision dropConstraint(
      String schema, String tableName, String constraint, String type, String what) {
    List<PgCatalog.ConstraintInfo> have = catalog.constraints(ddl.schema(schema), tableName);
    String table = name(schema, tableName);
    PgCatalog.ConstraintInfo existing =
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
        dropConstraint(schema, tableName, existing.name()),
        "dropped " + what + " " + existing.name() + " from " + table);
  }

  // ---- the script side

  /** Runs {@code statements} when {@code condition} holds. */
  static List<String> when(String condition, List<String> statements) {
    return when(condition, statements, "");
  }

  /** The same, with {@code branches} ({@code ELSIF …}, each on a line of its own) after it. */
  static List<String> when(String condition, List<String> statements, String branches) {
    String body = statements.stream().map(s -> "  " + execute(s)).collect(Collectors.joining("\n"));
    return List.of("IF " + condition + " THEN\n" + body + branches + "\nEND IF;");
  }

  /**
   * The script's "absent" for a relation the changelog makes: its name is free, and it is not there
   * under the name a later rename gives it (a rerun after lost history), as {@link #renamedLater}
   * decides online.
   */
  String absent(String schemaName, String relation, LaterChanges after) {
    String free = "NOT " + relationExists(schemaName, relation);
    String renamed = RenamedLater.relation(after, ddl.schema(schemaName), relation);
    return renamed == null ? free : free + " AND NOT " + relationExists(schemaName, renamed);
  }

  /**
   * A rename of a relation in the script, decided as {@link #rename} decides: done when only the
   * new name exists, drift when both or neither do (unless later changes explain it).
   */
  List<String> renameScript(
      String what,
      String schemaName,
      String oldName,
      String newName,
      String sql,
      LaterChanges after) {
    String old = relationExists(schemaName, oldName);
    String renamed = relationExists(schemaName, newName);
    String pair =
        name(schemaName, oldName)
            + " and "
            + name(schemaName, newName)
            + " exist; the changelog renames the "
            + what
            + " "
            + oldName
            + " to "
            + newName;
    String branches =
        "\nELSIF " + old + " THEN\n  RAISE EXCEPTION '%', " + literal("both " + pair) + ";";
    // Neither there: drift, unless a later change renames or drops the new name (online, it is
    // then skipped).
    if (!after.goneLater(ddl.schema(schemaName), newName)) {
      branches +=
          "\nELSIF NOT "
              + renamed
              + " THEN\n  RAISE EXCEPTION '%', "
              + literal("neither " + pair)
              + ";";
    }
    return when(old + " AND NOT " + renamed, List.of(sql), branches);
  }

  /**
   * An ELSIF that raises where the relation of that name is of another kind than {@code kinds} (an
   * SQL list of relkind codes), with upgrade's sentence: "x exists but is not {@code what} (relkind
   * k){@code rest}".
   */
  String otherKind(String schemaName, String relation, String kinds, String what, String rest) {
    String kind =
        "(SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = "
            + regclass(schemaName, relation)
            + ")";
    return "\nELSIF "
        + kind
        + " NOT IN ("
        + kinds
        + ") THEN\n  RAISE EXCEPTION '%', "
        + literal(name(schemaName, relation) + " exists but is not " + what + " (relkind ")
        + " || "
        + kind
        + " || "
        + literal(")" + rest)
        + ";";
  }

  static String execute(String sql) {
    return "EXECUTE " + literal(JdbcText.sent(sql.strip())) + ";";
  }

  /**
   * Statements that are safe to run as they are (idempotent, or inside the changeset's own check).
   */
  static List<String> plain(List<String> statements) {
    return statements.stream().map(Family::execute).toList();
  }

  // The script's questions of existence: the texts upgrade asks (CatalogQuestion).

  String relationExists(String schema, String name) {
    return CatalogQuestion.relation(new SqlName(ddl.schema(schema), name)).literal();
  }

  String typeExists(String schema, String name) {
    return CatalogQuestion.type(new SqlName(ddl.schema(schema), name)).literal();
  }

  String columnExists(String schema, String table, String column) {
    return CatalogQuestion.column(new SqlName(ddl.schema(schema), table), column).literal();
  }

  String constraintExists(String schema, String table, String name) {
    return CatalogQuestion.constraint(new SqlName(ddl.schema(schema), table), name).literal();
  }

  // to_regclass: NULL (so no match) rather than an error when the table is not there.
  String regclass(String schema, String table) {
    return "to_regclass(" + literal(PgNames.qualified(ddl.schema(schema), table)) + ")";
  }

  String regtype(String schema, String type) {
    return literal(PgNames.qualified(ddl.schema(schema), type)) + "::regtype";
  }

  /**
   * The script's drop of every constraint of this type ({@code contype}) the table has when the
   * script runs, in one ALTER TABLE: its names are not known when it is written, a block of the
   * script declares nothing to loop with, and EXECUTE of no statement would fail.
   */
  List<String> dropAllScript(String schema, String table, String type) {
    String keys =
        " FROM pg_catalog.pg_constraint WHERE conrelid = "
            + regclass(schema, table)
            + " AND contype = "
            + literal(type);
    return List.of(
        "IF EXISTS (SELECT 1"
            + keys
            + ") THEN\n  EXECUTE (SELECT "
            + literal("ALTER TABLE " + name(schema, table) + " ")
            + " || string_agg('DROP CONSTRAINT ' || quote_ident(conname), ', ' ORDER BY conname)"
            + keys
            + ");\nEND IF;");
  }

  // ---- the DDL

  String dropColumn(String schema, String tableName, String column) {
    return "ALTER TABLE " + name(schema, tableName) + " DROP COLUMN " + quote(column);
  }

  String dropConstraint(String schema, String tableName, String constraint) {
    return "ALTER TABLE " + name(schema, tableName) + " DROP CONSTRAINT " + quote(constraint);
  }
}
