package dev.migrate.fuzz;

import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run could leave in a database, as sorted lines: schemas, every relation of every
 * schema with its columns, types, constraints, index definitions, functions, triggers, extensions,
 * and the rows of every table. Equal lines mean an untouched database. Roles are left out: they
 * belong to the whole server, where other inputs' changesets create them.
 */
final class Catalog {
  private static final String USER_SCHEMAS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
          + " AND n.nspname NOT LIKE 'pg\\_temp%'";

  private static final String QUERY =
      """
      SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE %1$s
      UNION ALL
      SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1$s
      UNION ALL
      SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE %1$s AND a.attnum > 0 AND NOT a.attisdropped
      UNION ALL
      SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' '
          || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid), '')
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE %1$s
      UNION ALL
      SELECT 'con ' || n.nspname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE %1$s
      UNION ALL
      SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1$s
      UNION ALL
      SELECT 'proc ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %1$s
      UNION ALL
      SELECT 'trigger ' || t.tgname || ' ' || t.tgrelid::regclass::text FROM pg_trigger t WHERE NOT t.tgisinternal
      UNION ALL
      SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension
      ORDER BY 1
      """
          .formatted(USER_SCHEMAS);

  private Catalog() {}

  static List<String> fingerprint(TestDb db) {
    try (Connection c = db.server.connect(db.name)) {
      return fingerprint(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> fingerprint(Connection c) {
    try (Statement s = c.createStatement()) {
      List<String> lines = rows(s, QUERY);
      for (String table :
          rows(
              s,
              "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND "
                  + USER_SCHEMAS)) {
        lines.addAll(
            rows(
                s,
                "SELECT 'rows "
                    + table.replace("'", "''")
                    + " ' || count(*) || ' '"
                    + " || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                    + table
                    + " t"));
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where the server's write-ahead log ends: unchanged, nothing was written in any database. */
  static String walEnd(Connection c) {
    try (Statement s = c.createStatement()) {
      return rows(s, "SELECT pg_current_wal_lsn()::text").get(0);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
