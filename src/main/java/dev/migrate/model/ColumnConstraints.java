package dev.migrate.model;

/**
 * The {@code constraints:} block of a column.
 *
 * @param nullable null when the changelog does not say
 * @param foreignKey null when the column references nothing
 * @param primaryKeyTablespace where the primary key's index goes; null for the default
 */
public record ColumnConstraints(
    Boolean nullable,
    boolean primaryKey,
    String primaryKeyName,
    boolean unique,
    String uniqueConstraintName,
    ForeignKey foreignKey,
    String primaryKeyTablespace) {

  public ColumnConstraints(
      Boolean nullable,
      boolean primaryKey,
      String primaryKeyName,
      boolean unique,
      String uniqueConstraintName,
      ForeignKey foreignKey) {
    this(nullable, primaryKey, primaryKeyName, unique, uniqueConstraintName, foreignKey, null);
  }

  public static final ColumnConstraints NONE =
      new ColumnConstraints(null, false, null, false, null, null);

  /** An inline foreign key: {@code references: parent(id)} or the referenced* keys. */
  public record ForeignKey(
      String name,
      String referencedSchemaName,
      String referencedTableName,
      java.util.List<String> referencedColumnNames,
      ReferentialAction onDelete,
      boolean deferrable,
      boolean initiallyDeferred,
      boolean validate) {}
}
