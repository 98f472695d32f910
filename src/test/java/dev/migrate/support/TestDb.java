package dev.migrate.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database of its own for one test, and the catalog questions a test asserts on. */
public final class TestDb {
  public final PostgresServer server;
  public final String name;

  public TestDb(String prefix) {
    this(PostgresServer.get(), prefix);
  }

  /** A fresh database on {@code server} rather than the shared one. */
  public TestDb(PostgresServer server, String prefix) {
    this.server = server;
    this.name = server.createDatabase(prefix);
  }

  /** A fresh database on the shared server, a copy of {@code template}'s. */
  public TestDb(String prefix, TestDb template) {
    this.server = template.server;
    this.name = server.createDatabase(prefix, template.name);
  }

  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** The libpq form, as users write it: postgresql://user@host:port/db. */
  public String libpqUrl() {
    return "postgresql://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + name;
  }

  /** The URL of this database for another role, with its password. */
  public String libpqUrl(String user, String password) {
    return "postgresql://"
        + user
        + ":"
        + password
        + "@"
        + server.host()
        + ":"
        + server.port()
        + "/"
        + name;
  }

  public void execute(String... sql) {
    try (Connection c = server.connect(name);
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a query, each row's columns joined with '|'. */
  public List<String> rows(String sql) {
    try (Connection c = server.connect(name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          if (i > 1) {
            row.append('|');
          }
          row.append(rs.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String one(String sql) {
    List<String> rows = rows(sql);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Revision rows as id|status, in the order applied. */
  public List<String> revisions() {
    if (!tableExists("migrate_revisions")) {
      return List.of();
    }
    return rows("SELECT id || '|' || status FROM migrate_revisions ORDER BY seq");
  }

  public boolean tableExists(String table) {
    return "t".equals(one("SELECT to_regclass('public." + table + "') IS NOT NULL"));
  }

  /** Columns of a public table as name:type:notnull, in order. */
  public List<String> columns(String table) {
    return rows(
        "SELECT attname || ':' || format_type(atttypid, atttypmod) || ':' || attnotnull FROM pg_attribute "
            + "WHERE attrelid = 'public."
            + table
            + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
  }

  public List<String> enumLabels(String type) {
    return rows(
        "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'public."
            + type
            + "'::regtype ORDER BY enumsortorder");
  }

  /**
   * A fingerprint of the public schema, migrate's own revision table left out: relations, columns,
   * enum types with their labels, constraints.
   */
  public List<String> schemaFingerprint() {
    return rows(
        """
        SELECT 'rel ' || c.relname || ' ' || c.relkind::text
               || CASE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND NOT i.indisvalid) THEN ' invalid' ELSE '' END
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrate_revisions%'
        UNION ALL
        SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE 'migrate_revisions%'
        UNION ALL
        SELECT 'type ' || t.typname || ' ' || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid), '')
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'
        UNION ALL
        SELECT 'con ' || conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
          WHERE n.nspname = 'public' AND conname NOT LIKE 'migrate_revisions%'
        ORDER BY 1
        """);
  }
}
