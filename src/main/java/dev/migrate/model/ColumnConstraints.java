package dev.migrate.model;

/**
 * The {@code constraints:} block of a column.
 *
 * @param nullable null when the changelog does not say
 * @param foreignKey null when the column references nothing
 */
public record ColumnConstraints(
    Boolean nullable,
    boolean primaryKey,
    String primaryKeyName,
    boolean unique,
    String uniqueConstraintName,
    ForeignKey foreignKey) {

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
