package dev.migrate.postgres;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog questions asked of the server, one query each, with bind parameters. */
final class LiveCatalog implements PgCatalog {
  private final Jdbc jdbc;

  LiveCatalog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  // Each question that reads an object's shape is one text with a slot for its name's condition:
  // filled, it asks about one object; empty, it reads every object of the schema at once, as
  // CatalogSnapshot does. The first column is the object's name, by which the rows are grouped.

  static final String TYPES =
      """
      SELECT t.typname::text, t.typtype::text, e.enumlabel
      FROM pg_catalog.pg_type t
      JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = ? %s
      ORDER BY t.typname, e.enumsortorder
      """;

  // A default names no column (PostgreSQL refuses one that does), so it is read back without its
  // table, which pg_get_expr would otherwise open: a thousand relation cache entries built for a
  // snapshot. A generated column's expression names columns, so its table is given.
  static final String TABLES =
      """
      SELECT c.relname::text, c.relkind::text, c.relpersistence::text, a.attname,
             format_type(a.atttypid, a.atttypmod), a.attnotnull,
             pg_get_expr(d.adbin, CASE WHEN a.attgenerated <> '' THEN d.adrelid ELSE 0 END),
             a.attidentity::text
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_attribute a
        ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = ? %s
      ORDER BY c.relname, a.attnum
      """;

  // An index's keys as the changelog names them, in order: a column's name as stored
  // (pg_get_indexdef would quote "timestamp" or "Name"), or the text of an expression. A query
  // over u, to close with a condition on u.k if any, and ORDER BY u.k. A join rather than a
  // subquery per key: reading a schema's thousands of indexes, that is ten times faster.
  static final String INDEX_KEYS =
      "SELECT CASE WHEN u.num <> 0 THEN a.attname::text"
          + " ELSE pg_catalog.pg_get_indexdef(i.indexrelid, u.k::integer, true) END"
          + " FROM pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS u(num, k)"
          + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num"
          + " WHERE u.k <= i.indnkeyatts";

  static final String INDEXES =
      """
      SELECT c.relname::text, c.relkind::text, t.relname, i.indisunique, i.indisvalid,
             ARRAY(%1$s ORDER BY u.k),
             ARRAY(%1$s AND i.indoption[u.k - 1] & 1 = 1 ORDER BY u.k),
             am.amname::text
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
      LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
      LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
      WHERE n.nspname = ? %%s
      """
          .formatted(INDEX_KEYS);

  // PostgreSQL 18 lists NOT NULL as constraints too (contype 'n'); they are read from
  // pg_attribute.attnotnull, as on every version, and left out here.
  static final String CONSTRAINTS =
      """
      SELECT c.relname::text, k.conname, k.contype::text,
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
      WHERE n.nspname = ? %s
        AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, k.conname
      """;

  // The four texts about one object of a schema.
  private static final String TYPE = TYPES.formatted("AND t.typname = ?");
  private static final String TABLE = TABLES.formatted("AND c.relname = ?");
  private static final String INDEX = INDEXES.formatted("AND c.relname = ?");
  private static final String KEYS = CONSTRAINTS.formatted("AND c.relname = ?");

  @Override
  public TypeInfo type(String schema, String name) {
    return types(jdbc, TYPE, schema, name).get(name);
  }

  @Override
  public TableInfo table(String schema, String name) {
    return tables(jdbc, TABLE, schema, name).get(name);
  }

  @Override
  public IndexInfo index(String schema, String name) {
    return indexes(jdbc, INDEX, schema, name).get(name);
  }

  /** Every constraint of the table, or null when there is no such table. */
  @Override
  public List<ConstraintInfo> constraints(String schema, String table) {
    return constraints(jdbc, KEYS, schema, table).get(table);
  }

  // The readers of those texts' rows, by object name: one object's rows, or a schema's.

  static Map<String, TypeInfo> types(Jdbc jdbc, String sql, Object... params) {
    Map<String, TypeInfo> types = new HashMap<>();
    for (String[] r :
        jdbc.query(
            sql, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, params)) {
      TypeInfo type = types.computeIfAbsent(r[0], k -> new TypeInfo(r[1], new ArrayList<>()));
      if (r[2] != null) {
        type.labels().add(r[2]);
      }
    }
    types.replaceAll((k, t) -> new TypeInfo(t.kind(), List.copyOf(t.labels())));
    return types;
  }

  static Map<String, TableInfo> tables(Jdbc jdbc, String sql, Object... params) {
    Map<String, TableInfo> tables = new HashMap<>();
    jdbc.query(
        sql,
        rs -> {
          TableInfo table = tables.get(rs.getString(1));
          if (table == null) {
            table = new TableInfo(rs.getString(2), rs.getString(3), new ArrayList<>());
            tables.put(rs.getString(1), table);
          }
          if (rs.getString(4) != null) {
            table
                .columns()
                .add(
                    new ColumnInfo(
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getString(8)));
          }
          return null;
        },
        params);
    tables.replaceAll((k, t) -> new TableInfo(t.kind(), t.persistence(), List.copyOf(t.columns())));
    return tables;
  }

  static Map<String, IndexInfo> indexes(Jdbc jdbc, String sql, Object... params) {
    Map<String, IndexInfo> indexes = new HashMap<>();
    jdbc.query(
        sql,
        rs ->
            indexes.put(
                rs.getString(1),
                new IndexInfo(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    strings(rs, 6),
                    strings(rs, 7),
                    rs.getString(8))),
        params);
    return indexes;
  }

  static Map<String, List<ConstraintInfo>> constraints(Jdbc jdbc, String sql, Object... params) {
    Map<String, List<ConstraintInfo>> byTable = new HashMap<>();
    jdbc.query(
        sql,
        rs -> {
          List<ConstraintInfo> list =
              byTable.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
          if (rs.getString(2) != null) {
            list.add(
                new ConstraintInfo(
                    rs.getString(2),
                    rs.getString(3),
                    strings(rs, 4),
                    rs.getString(5),
                    rs.getString(6),
                    strings(rs, 7),
                    firstChar(rs.getString(8)),
                    firstChar(rs.getString(9)),
                    rs.getBoolean(10),
                    rs.getBoolean(11),
                    rs.getString(12)));
          }
          return null;
        },
        params);
    byTable.replaceAll((k, list) -> List.copyOf(list));
    return byTable;
  }

  @Override
  public String viewDefinition(String schema, String name) {
    return deparsed("pg_get_viewdef", "'v', 'm'", schema, name);
  }

  @Override
  public String indexDefinition(String schema, String name) {
    return deparsed("pg_get_indexdef", "'i', 'I'", schema, name);
  }

  // What a pg_get_*def function prints of the relation of that name and one of those kinds.
  private String deparsed(String function, String kinds, String schema, String name) {
    String sql =
        "SELECT pg_catalog.%s(c.oid) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN (%s)";
    return jdbc.queryFirst(sql.formatted(function, kinds), rs -> rs.getString(1), schema, name);
  }

  @Override
  public String probe(List<String> statements, String read) {
    return Probe.undone(
        jdbc,
        () -> {
          statements.forEach(jdbc::execute);
          return Probe.firstUnprepared(jdbc, read, rs -> rs.getString(1));
        });
  }

  @Override
  public String text(String sql) {
    return Probe.firstUnprepared(jdbc, sql, rs -> rs.getString(1));
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
    return Probe.samePlan(
        jdbc, "CAST((" + have + ") AS " + type + ")", "CAST((" + wanted + ") AS " + type + ")");
  }

  @Override
  public boolean sameExpressions(String table, List<String> have, List<String> wanted) {
    return Probe.samePlan(
        jdbc,
        String.join(", ", have) + " FROM " + table,
        String.join(", ", wanted) + " FROM " + table);
  }

  /** Text values of a SQL array column, in order. */
  static List<String> strings(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      values.add(value == null ? null : value.toString());
    }
    return values;
  }
}
