package dev.migrate.plan;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.Column;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a changeset is undone: its rollback block when it has one, else the automatic inverse of each
 * change, newest first. A changeset with neither cannot be downgraded, and says why.
 */
public final class Inverses {
  private Inverses() {}

  /** The steps that undo {@code changeset}, in the order they run. */
  public static List<Step> of(Changeset changeset) {
    if (changeset.rollback().problem() != null) {
      throw MigrateException.invalid(
          "changeset "
              + changeset.id()
              + " ("
              + changeset.author()
              + ") cannot be rolled back: "
              + changeset.rollback().problem());
    }
    if (changeset.rollback().given()) {
      return changeset.rollback().steps();
    }
    List<Step> undo = new ArrayList<>();
    for (int i = changeset.steps().size() - 1; i >= 0; i--) {
      Step step = changeset.steps().get(i);
      List<Change> inverse = inverse(step.change());
      if (inverse == null) {
        throw MigrateException.invalid(
            "changeset "
                + changeset.id()
                + " ("
                + changeset.author()
                + ") at "
                + changeset.location()
                + " cannot be rolled back: its "
                + step.change().changeType()
                + " at "
                + step.location()
                + " has no automatic inverse, and the changeset has no rollback block. Add one (an empty 'rollback:' undoes nothing)");
      }
      inverse.forEach(change -> undo.add(new Step(change, step.location())));
    }
    return List.copyOf(undo);
  }

  /** The changes that undo one change, or null when it has no automatic inverse. */
  static List<Change> inverse(Change change) {
    if (change instanceof Change.CreateTable c) {
      return List.of(new Change.DropTable(c.schemaName(), c.tableName(), false));
    } else if (change instanceof Change.AddColumn c) {
      return List.of(
          new Change.DropColumn(
              c.schemaName(), c.tableName(), c.columns().stream().map(Column::name).toList()));
    } else if (change instanceof Change.CreateIndex c && c.indexName() != null) {
      return List.of(new Change.DropIndex(c.schemaName(), c.indexName()));
    } else if (change instanceof Change.CreateEnumType c) {
      return List.of(new Change.DropEnumType(c.schemaName(), c.typeName()));
    } else if (change instanceof Change.AddForeignKeyConstraint c) {
      return List.of(
          new Change.DropForeignKeyConstraint(
              c.baseSchemaName(), c.baseTableName(), c.constraintName()));
    } else if (change instanceof Change.AddUniqueConstraint c && c.constraintName() != null) {
      return List.of(
          new Change.DropUniqueConstraint(c.schemaName(), c.tableName(), c.constraintName()));
    } else if (change instanceof Change.AddLookupTable c) {
      // As Liquibase undoes it: the key, then the table (its primary key goes with it).
      return List.of(
          new Change.DropForeignKeyConstraint(
              c.existingTableSchemaName(), c.existingTableName(), c.constraintName()),
          new Change.DropTable(c.newTableSchemaName(), c.newTableName(), false));
    } else if (change instanceof Change.AddPrimaryKey c) {
      return List.of(new Change.DropPrimaryKey(c.schemaName(), c.tableName(), c.constraintName()));
    } else if (change instanceof Change.CreateView c
        && !c.fullDefinition()
        && !c.replaceIfExists()) {
      return List.of(new Change.DropView(c.schemaName(), c.viewName()));
    } else if (change instanceof Change.CreateSequence c) {
      return List.of(new Change.DropSequence(c.schemaName(), c.sequenceName()));
    } else if (change instanceof Change.RenameColumn c) {
      return List.of(
          new Change.RenameColumn(
              c.schemaName(), c.tableName(), c.newColumnName(), c.oldColumnName()));
    } else if (change instanceof Change.RenameTable c) {
      return List.of(new Change.RenameTable(c.schemaName(), c.newTableName(), c.oldTableName()));
    } else if (change instanceof Change.RenameView c) {
      return List.of(new Change.RenameView(c.schemaName(), c.newViewName(), c.oldViewName()));
    } else if (change instanceof Change.RenameSequence c) {
      return List.of(
          new Change.RenameSequence(c.schemaName(), c.newSequenceName(), c.oldSequenceName()));
    } else if (change instanceof Change.RenameEnumValue c) {
      return List.of(
          new Change.RenameEnumValue(c.schemaName(), c.typeName(), c.newValue(), c.oldValue()));
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return List.of(
          new Change.DropNotNullConstraint(c.schemaName(), c.tableName(), c.columnName()));
    } else if (change instanceof Change.AddDefaultValue c) {
      return List.of(new Change.DropDefaultValue(c.schemaName(), c.tableName(), c.columnName()));
    } else if (change instanceof Change.CreateSchema c) {
      return List.of(
          new Change.Sql(
              "DROP SCHEMA IF EXISTS \"" + c.schemaName().replace("\"", "\"\"") + "\"",
              false,
              false,
              null));
    } else if (change instanceof Change.CreateExtension c) {
      return List.of(
          new Change.Sql(
              "DROP EXTENSION IF EXISTS \"" + c.extensionName().replace("\"", "\"\"") + "\"",
              false,
              false,
              null));
    } else if (change instanceof Change.TagDatabase || change instanceof Change.Output) {
      return List.of();
    } else if (change instanceof Change.LoadUpdateData c) {
      // Liquibase deletes each row the file names, by its key, whether it was inserted or updated.
      return List.of(
          new Change.DeleteRows(c.schemaName(), c.tableName(), c.primaryKey(), c.keys()));
    }
    if (!WITHOUT_INVERSE.contains(change.getClass())) {
      throw new IllegalStateException(
          change.changeType() + " is neither inverted nor listed as having no inverse");
    }
    return null;
  }

  /**
   * The change types with no automatic inverse, as in Liquibase: what they undo or write cannot be
   * known from the change alone. The last two have one only in some forms (a unique constraint
   * without a name, a view given whole or replaced). {@code InversesTest} walks every type.
   */
  static final Set<Class<? extends Change>> WITHOUT_INVERSE =
      Set.of(
          Change.DropTable.class,
          Change.DropColumn.class,
          Change.DropIndex.class,
          Change.DropPrimaryKey.class,
          Change.DropUniqueConstraint.class,
          Change.DropForeignKeyConstraint.class,
          Change.DropAllForeignKeyConstraints.class,
          Change.MergeColumns.class,
          Change.DropView.class,
          Change.DropSequence.class,
          Change.DropEnumType.class,
          Change.DropNotNullConstraint.class,
          Change.DropDefaultValue.class,
          Change.SetTableRemarks.class,
          Change.SetColumnRemarks.class,
          Change.ModifyDataType.class,
          Change.AlterSequence.class,
          Change.AddAutoIncrement.class,
          Change.AddEnumValue.class,
          Change.Sql.class,
          Change.CreateProcedure.class,
          Change.DropProcedure.class,
          Change.Stop.class,
          Change.Insert.class,
          Change.Update.class,
          Change.Delete.class,
          Change.LoadData.class,
          Change.DeleteRows.class,
          Change.AddUniqueConstraint.class,
          Change.CreateView.class);
}
