package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.model.ReferentialAction;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import java.util.List;
import java.util.Objects;

/**
 * A foreign key as the changelog wants it (an addForeignKeyConstraint, or a column's inline key):
 * its columns, what it references, its actions and when it is checked. Compared with the catalog's
 * key for {@code upgrade}, and written as SQL for the script ({@link KeyScript}).
 */
record ForeignKeyShape(
    List<String> columns,
    String refSchema,
    String refTable,
    List<String> refColumns,
    ReferentialAction onDelete,
    ReferentialAction onUpdate,
    boolean deferrable,
    boolean initiallyDeferred) {

  static ForeignKeyShape of(Change.AddForeignKeyConstraint c, PgDdl ddl) {
    return new ForeignKeyShape(
        c.baseColumnNames(),
        ddl.schema(c.referencedSchemaName()),
        c.referencedTableName(),
        c.referencedColumnNames(),
        c.onDelete(),
        c.onUpdate(),
        c.deferrable(),
        c.initiallyDeferred());
  }

  char deleteCode() {
    return (onDelete == null ? ReferentialAction.NO_ACTION : onDelete).catalogCode();
  }

  char updateCode() {
    return (onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate).catalogCode();
  }

  /**
   * The key with what it references under the names later renames give them (a renameTable of the
   * referenced table, a renameColumn of its columns); this key where none renames them. A rerun
   * after lost history finds a key made before those renames ran pointing there.
   */
  ForeignKeyShape renamed(LaterChanges after) {
    String table = after.relationRenamedTo(refSchema, refTable);
    List<String> renamedColumns =
        refColumns.stream()
            .map(
                c ->
                    Objects.requireNonNullElse(
                        after.columns().columnRenamedTo(refSchema, refTable, c), c))
            .toList();
    return table == null && renamedColumns.equals(refColumns)
        ? this
        : new ForeignKeyShape(
            columns,
            refSchema,
            table == null ? refTable : table,
            renamedColumns,
            onDelete,
            onUpdate,
            deferrable,
            initiallyDeferred);
  }

  /**
   * Null when the catalog's key {@code k} is this one, as written or with what it references
   * renamed as later changes rename it; else the drift line.
   */
  String difference(ConstraintInfo k, LaterChanges after) {
    String difference = difference(k);
    return difference == null || renamed(after).difference(k) == null ? null : difference;
  }

  /** Null when the catalog's key {@code k} is this one; else the drift line. */
  String difference(ConstraintInfo k) {
    boolean same =
        k.type().equals("f")
            && k.columns().equals(columns)
            && Objects.equals(k.referencedSchema(), refSchema)
            && Objects.equals(k.referencedTable(), refTable)
            && (refColumns.isEmpty() || k.referencedColumns().equals(refColumns))
            && k.onDelete() == deleteCode()
            && k.onUpdate() == updateCode()
            && k.deferrable() == deferrable
            && k.initiallyDeferred() == initiallyDeferred;
    return same
        ? null
        : "constraint "
            + k.name()
            + ": the changelog wants "
            + wanted()
            + ", the database has "
            + k.definition();
  }

  /** The key as a drift sentence writes what the changelog wants. */
  String wanted() {
    return "FOREIGN KEY ("
        + String.join(", ", columns)
        + ") REFERENCES "
        + qualified(refSchema, refTable)
        + "("
        + String.join(", ", refColumns)
        + ")"
        + (onDelete == null ? "" : " ON DELETE " + onDelete.sql())
        + (onUpdate == null ? "" : " ON UPDATE " + onUpdate.sql())
        + PgDdl.deferral(deferrable, initiallyDeferred);
  }
}
