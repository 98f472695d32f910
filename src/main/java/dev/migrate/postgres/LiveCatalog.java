package dev.migrate.postgres;

import java.util.List;

/** The catalog questions asked of the server, one query each, with bind parameters. */
final class LiveCatalog implements PgCatalog {
  private final Jdbc jdbc;

  LiveCatalog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public TypeInfo type(String schema, String name) {
    List<String[]> rows =
        jdbc.query(
            """
            SELECT t.typtype::text, e.enumlabel
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = ?
              AND t.typname = ?
            ORDER BY e.enumsortorder
            """,
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            schema,
            name);
    if (rows.isEmpty()) {
      return null;
    }
    List<String> labels = rows.stream().map(r -> r[1]).filter(l -> l != null).toList();
    return new TypeInfo(rows.get(0)[0], labels);
  }

  @Override
  public TableInfo table(String schema, String name) {
    List<Object[]> rows =
        jdbc.query(
            """
            SELECT c.relkind::text, a.attname, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,
                   c.relpersistence::text
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_attribute a
              ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = ?
              AND c.relname = ?
            ORDER BY a.attnum
            """,
            rs ->
                new Object[] {
                  rs.getString(1),
                  rs.getString(7),
                  rs.getString(2) == null
                      ? null
                      : new ColumnInfo(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getBoolean(4),
                          rs.getString(5),
                          rs.getString(6))
                },
            schema,
            name);
    if (rows.isEmpty()) {
      return null;
    }
    List<ColumnInfo> columns =
        rows.stream().map(r -> (ColumnInfo) r[2]).filter(c -> c != null).toList();
    return new TableInfo((String) rows.get(0)[0], (String) rows.get(0)[1], columns);
  }

  // An index key as the changelog names it: a column's name as stored (pg_get_indexdef would
  // quote "timestamp" or "Name"), or the text of an expression.
  static final String INDEX_ELEMENT =
      """
      CASE WHEN i.indkey[k - 1] <> 0
           THEN (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1])
           ELSE pg_get_indexdef(i.indexrelid, k, true) END""";

  @Override
  public IndexInfo index(String schema, String name) {
    return jdbc.queryFirst(
        """
        SELECT c.relkind::text, t.relname, i.indisunique, i.indisvalid,
               ARRAY(SELECT %1$s
                     FROM generate_series(1, i.indnkeyatts) AS k),
               ARRAY(SELECT %1$s
                     FROM generate_series(1, i.indnkeyatts) AS k
                     WHERE i.indoption[k - 1] & 1 = 1),
               pg_get_indexdef(i.indexrelid), am.amname::text
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
        LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
        LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
        WHERE n.nspname = ?
          AND c.relname = ?
        """
            .formatted(INDEX_ELEMENT),
        rs ->
            new IndexInfo(
                rs.getString(1),
                rs.getString(2),
                rs.getBoolean(3),
                rs.getBoolean(4),
                Jdbc.strings(rs, 5),
                Jdbc.strings(rs, 6),
                rs.getString(7),
                rs.getString(8)),
        schema,
        name);
  }

  @Override
  public List<ConstraintInfo> constraints(String schema, String table) {
    // PostgreSQL 18 lists NOT NULL as constraints too (contype 'n'); they are read from
    // pg_attribute.attnotnull, as on every version, and left out here.
    List<ConstraintInfo> rows =
        jdbc.query(
            """
        SELECT k.conname, k.contype::text,
               ARRAY(SELECT a.attname
                     FROM unnest(k.conkey) WITH ORDINALITY AS u(num, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num
                     ORDER BY u.ord),
               rn.nspname, rc.relname,
               ARRAY(SELECT a.attname
                     FROM unnest(k.confkey) WITH ORDINALITY AS u(num, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num
                     ORDER BY u.ord),
               k.confdeltype::text, k.confupdtype::text, k.condeferrable, k.condeferred,
               pg_get_constraintdef(k.oid)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_constraint k ON k.conrelid = c.oid AND k.contype <> 'n'
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE n.nspname = ?
          AND c.relname = ?
          AND c.relkind IN ('r', 'p')
        ORDER BY k.conname
        """,
            rs ->
                new ConstraintInfo(
                    rs.getString(1),
                    rs.getString(2),
                    Jdbc.strings(rs, 3),
                    rs.getString(4),
                    rs.getString(5),
                    Jdbc.strings(rs, 6),
                    firstChar(rs.getString(7)),
                    firstChar(rs.getString(8)),
                    rs.getBoolean(9),
                    rs.getBoolean(10),
                    rs.getString(11)),
            schema,
            table);
    if (rows.isEmpty()) {
      return null;
    }
    return rows.stream().filter(k -> k.name() != null).toList();
  }

  @Override
  public String viewDefinition(String schema, String name) {
    return jdbc.queryFirst(
        """
        SELECT pg_get_viewdef(c.oid)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ?
          AND c.relname = ?
          AND c.relkind IN ('v', 'm')
        """,
        rs -> rs.getString(1),
        schema,
        name);
  }

  @Override
  public String probe(List<String> statements, String read) {
    return jdbc.inSavepoint(
        () -> {
          statements.forEach(jdbc::execute);
          return jdbc.queryFirst(read, rs -> rs.getString(1));
        });
  }

  @Override
  public String text(String sql) {
    return jdbc.queryFirst(sql, rs -> rs.getString(1));
  }

  @Override
  public boolean test(String expression) {
    return Boolean.TRUE.equals(jdbc.queryFirst("SELECT " + expression, rs -> rs.getBoolean(1)));
  }

  @Override
  public boolean holds(CatalogQuestion question) {
    return Boolean.TRUE.equals(
        jdbc.queryFirst(
            "SELECT " + question.sql(), rs -> rs.getBoolean(1), question.values().toArray()));
  }

  private static char firstChar(String text) {
    return text == null || text.isEmpty() ? ' ' : text.charAt(0);
  }

  @Override
  public boolean sameExpression(String have, String wanted, String type) {
    try {
      return jdbc.inSavepoint(() -> planned(have, type).equals(planned(wanted, type)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private List<String> planned(String expression, String type) {
    return jdbc.query(
        "EXPLAIN (VERBOSE, COSTS OFF) SELECT CAST((" + expression + ") AS " + type + ")",
        rs -> rs.getString(1));
  }
}
