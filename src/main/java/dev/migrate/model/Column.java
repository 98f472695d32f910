package dev.migrate.model;

/**
 * A column as a changelog declares it in {@code createTable} or {@code addColumn}.
 *
 * @param type the type as written in the changelog (translated for PostgreSQL by {@code postgres})
 * @param defaultValue null when the column has no default
 * @param value for addColumn, the value Liquibase's {@code value*} keys give the existing rows;
 *     null when none
 * @param identity how an autoIncrement column generates its values; null when it is not one
 */
public record Column(
    String name,
    String type,
    Value defaultValue,
    boolean autoIncrement,
    String remarks,
    ColumnConstraints constraints,
    Value value,
    Identity identity) {

  /**
   * An identity column's options: {@code GENERATED ALWAYS} or {@code BY DEFAULT}, and its
   * sequence's first value and step (whole numbers as text; null when not given).
   */
  public record Identity(boolean always, String startWith, String incrementBy) {
    public static final Identity BY_DEFAULT = new Identity(false, null, null);
  }

  public Column {
    identity = autoIncrement ? (identity == null ? Identity.BY_DEFAULT : identity) : null;
  }

  public Column(
      String name,
      String type,
      Value defaultValue,
      boolean autoIncrement,
      String remarks,
      ColumnConstraints constraints) {
    this(name, type, defaultValue, autoIncrement, remarks, constraints, null, null);
  }

  /** Whether the changelog asks for NOT NULL, directly or through a primary key. */
  public boolean notNull() {
    return constraints.primaryKey() || Boolean.FALSE.equals(constraints.nullable());
  }
}
