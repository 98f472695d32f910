package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * One yes-or-no question to the catalog, as one SQL text with its values apart: {@code upgrade}
 * asks it with the values bound, and the {@code --sql} script writes the same text with the values
 * as literals, so the two modes cannot ask different things. Each {@code ?} in the text takes the
 * next value. A question about a relation, type, column or constraint by name also says how a
 * {@link CatalogSnapshot} answers it from what it read ({@code known}), written beside its text.
 */
record CatalogQuestion(String sql, List<String> values, Known known) {
  private static final String RELATION =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
          + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?)";
  private static final String TYPE =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n"
          + " ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typname = ?)";
  // to_regclass and to_regtype give NULL, so no row, where an error would stop the script.
  private static final String COLUMN =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
          + " AND attname = ? AND attnum > 0 AND NOT attisdropped)";
  private static final String CONSTRAINT =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(?)"
          + " AND conname = ?)";
  private static final String LABEL =
      "EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype(?)"
          + " AND enumlabel = ?)";

  /**
   * The question put to a snapshot: its answer from what the snapshot read, or null where only the
   * server can tell.
   */
  interface Known {
    Boolean in(CatalogSnapshot snapshot);
  }

  CatalogQuestion {
    values = List.copyOf(values);
  }

  CatalogQuestion(String sql, List<String> values) {
    this(sql, values, null);
  }

  /** A relation of any kind (table, view, index, sequence…) of that name. */
  static CatalogQuestion relation(SqlName name) {
    return new CatalogQuestion(
        RELATION, List.of(name.schema(), name.name()), s -> s.relation(name.schema(), name.name()));
  }

  /** A type of any kind (enum, domain, composite…) of that name. */
  static CatalogQuestion type(SqlName name) {
    return new CatalogQuestion(
        TYPE, List.of(name.schema(), name.name()), s -> s.hasType(name.schema(), name.name()));
  }

  static CatalogQuestion schema(String name) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)", List.of(name));
  }

  static CatalogQuestion extension(String name) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = ?)", List.of(name));
  }

  static CatalogQuestion role(String name) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)", List.of(name));
  }

  static CatalogQuestion column(SqlName table, String column) {
    return new CatalogQuestion(
        COLUMN, List.of(table.toString(), column), s -> s.column(table, column));
  }

  /** The column is there and is (or, with {@code identity} false, is not) an identity column. */
  static CatalogQuestion identity(SqlName table, String column, boolean identity) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?)"
            + " AND attname = ? AND attnum > 0 AND NOT attisdropped AND attidentity "
            + (identity ? "<>" : "=")
            + " '')",
        List.of(table.toString(), column));
  }

  /** A constraint of that name, of any kind, on the table. */
  static CatalogQuestion constraint(SqlName table, String name) {
    return new CatalogQuestion(
        CONSTRAINT, List.of(table.toString(), name), s -> s.constraint(table, name));
  }

  /** The same, of a table given by its qualified name as SQL writes it. */
  static CatalogQuestion constraint(String table, String name) {
    return new CatalogQuestion(CONSTRAINT, List.of(table, name));
  }

  /** A label of the enum type. */
  static CatalogQuestion label(SqlName type, String label) {
    return new CatalogQuestion(LABEL, List.of(type.toString(), label));
  }

  /** A trigger, policy or rule of that name on the table. */
  static CatalogQuestion onTable(String kind, String object, SqlName table) {
    String from =
        switch (kind) {
          case "trigger" -> "pg_catalog.pg_trigger WHERE tgname = ? AND tgrelid";
          case "policy" -> "pg_catalog.pg_policy WHERE polname = ? AND polrelid";
          case "rule" -> "pg_catalog.pg_rewrite WHERE rulename = ? AND ev_class";
          default -> throw new IllegalArgumentException(kind);
        };
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM " + from + " = to_regclass(?))", List.of(object, table.toString()));
  }

  /**
   * Whether the relation, or its column where one is named, has this comment: none where it is null
   * or empty, as PostgreSQL keeps no empty comment. Only the server knows comments.
   */
  static CatalogQuestion comment(SqlName relation, String column, String text) {
    String comment =
        column == null
            ? "pg_catalog.obj_description(to_regclass(?), 'pg_class')"
            : "pg_catalog.col_description(to_regclass(?), (SELECT attnum FROM"
                + " pg_catalog.pg_attribute WHERE attrelid = to_regclass(?) AND attname = ?"
                + " AND NOT attisdropped))";
    List<String> values =
        column == null
            ? List.of(relation.toString(), text == null ? "" : text)
            : List.of(relation.toString(), relation.toString(), column, text == null ? "" : text);
    return new CatalogQuestion("COALESCE(" + comment + ", '') = ?", values);
  }

  /** A function or procedure of that name, of any arguments. Only the server knows routines. */
  static CatalogQuestion routine(SqlName name) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.proname = ?)",
        List.of(name.schema(), name.name()));
  }

  /** An index of that name left INVALID (a concurrent build cut short). */
  static CatalogQuestion invalidIndex(SqlName name) {
    return new CatalogQuestion(
        "EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass(?)"
            + " AND NOT indisvalid)",
        List.of(name.toString()));
  }

  CatalogQuestion and(CatalogQuestion other) {
    List<String> both = new ArrayList<>(values);
    both.addAll(other.values);
    return new CatalogQuestion(
        sql + " AND " + other.sql, both, s -> either(s, this, other, Boolean.FALSE));
  }

  CatalogQuestion or(CatalogQuestion other) {
    List<String> both = new ArrayList<>(values);
    both.addAll(other.values);
    return new CatalogQuestion(
        "(" + sql + " OR " + other.sql + ")", both, s -> either(s, this, other, Boolean.TRUE));
  }

  CatalogQuestion negated() {
    return new CatalogQuestion(
        "NOT (" + sql + ")",
        values,
        s -> {
          Boolean answer = answer(s, this);
          return answer == null ? null : !answer;
        });
  }

  // Two questions joined: {@code decides}, the answer of either, is the answer of both (false for
  // AND, true for OR) even where the other is unknown; else both must be known.
  private static Boolean either(
      CatalogSnapshot s, CatalogQuestion a, CatalogQuestion b, Boolean decides) {
    Boolean first = answer(s, a);
    if (decides.equals(first)) {
      return decides;
    }
    Boolean second = answer(s, b);
    if (decides.equals(second)) {
      return decides;
    }
    return first == null || second == null ? null : first;
  }

  private static Boolean answer(CatalogSnapshot s, CatalogQuestion q) {
    return q.known == null ? null : q.known.in(s);
  }

  /** The text with each value written as a literal, for the script. */
  String literal() {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '?') {
        out.append(PgNames.literal(values.get(next++)));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
