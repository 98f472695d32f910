package dev.migrate.model;

/**
 * A column as a changelog declares it in {@code createTable} or {@code addColumn}.
 *
 * @param type the type as written in the changelog (translated for PostgreSQL by {@code postgres})
 * @param defaultValue null when the column has no default
 * @param value for addColumn, the value Liquibase's {@code value*} keys give the existing rows;
 *     null when none
 */
public record Column(
    String name,
    String type,
    Value defaultValue,
    boolean autoIncrement,
    String remarks,
    ColumnConstraints constraints,
    Value value) {

  public Column(
      String name,
      String type,
      Value defaultValue,
      boolean autoIncrement,
      String remarks,
      ColumnConstraints constraints) {
    this(name, type, defaultValue, autoIncrement, remarks, constraints, null);
  }

  /** Whether the changelog asks for NOT NULL, directly or through a primary key. */
  public boolean notNull() {
    return constraints.primaryKey() || Boolean.FALSE.equals(constraints.nullable());
  }
}
