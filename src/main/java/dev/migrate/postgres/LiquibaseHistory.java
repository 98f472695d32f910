package dev.migrate.postgres;

import java.util.List;

/** Liquibase's DATABASECHANGELOG, read so a database Liquibase migrated can be adopted as it is. */
public final class LiquibaseHistory {
  /** One row: the changeset identity Liquibase recorded and how (EXECUTED, MARK_RAN, RERAN…). */
  public record Row(String id, String author, String filename, String execType) {}

  /** The name Liquibase gives its history table unless told otherwise. */
  public static final String TABLE = "databasechangelog";

  private final Jdbc jdbc;
  private final String schema;
  private final String table;

  public LiquibaseHistory(Jdbc jdbc, String schema, String table) {
    this.jdbc = jdbc;
    this.schema = schema;
    this.table = table;
  }

  public String name() {
    return PgNames.qualified(schema, table);
  }

  /** The rows in the order Liquibase ran them; null when the table is not there. */
  public List<Row> read() {
    boolean exists = PgCatalog.live(jdbc).relationExists(schema, table);
    if (!exists) {
      return null;
    }
    return jdbc.query(
        "SELECT id, author, filename, exectype FROM %s ORDER BY orderexecuted".formatted(name()),
        rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /** How many rows the table holds; 0 when it is not there. */
  public long count() {
    if (!PgCatalog.live(jdbc).relationExists(schema, table)) {
      return 0;
    }
    Long n = jdbc.queryFirst("SELECT count(*) FROM " + name(), rs -> rs.getLong(1));
    return n == null ? 0 : n;
  }
}
