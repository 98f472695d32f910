package dev.migrate.plan;

import dev.migrate.model.Change;
import java.util.Map;

/**
 * What each change type does to the database, as a fact about the type: whether it makes an object,
 * sets a property of one, otherwise alters, drops or renames one, writes rows, or runs SQL as
 * written. {@code check} and {@code stamp} ask it which steps leave something to look at; {@code
 * FactsTest} fails when a change type of the model has no entry.
 */
public final class Facts {
  /** The effects, coarse enough to say what can be looked for in the catalog afterwards. */
  public enum Effect {
    /** Makes an object: it is there afterwards, as the step says. */
    MAKES,
    /**
     * Sets a property of an object that the catalog shows (a type, NOT NULL, a default, a label).
     */
    SETS,
    /** Alters an object in a way not looked for afterwards. */
    ALTERS,
    DROPS,
    RENAMES,
    /** Writes rows: nothing to look for in the catalog. */
    ROWS,
    /** Runs SQL as written: nothing to look for by name. */
    RAW,
    /** Records a tag: nothing in the database. */
    TAG
  }

  private static final Map<Class<? extends Change>, Effect> EFFECTS =
      Map.ofEntries(
          Map.entry(Change.CreateEnumType.class, Effect.MAKES),
          Map.entry(Change.AddEnumValue.class, Effect.SETS),
          Map.entry(Change.RenameEnumValue.class, Effect.RENAMES),
          Map.entry(Change.DropEnumType.class, Effect.DROPS),
          Map.entry(Change.CreateTable.class, Effect.MAKES),
          Map.entry(Change.DropTable.class, Effect.DROPS),
          Map.entry(Change.RenameTable.class, Effect.RENAMES),
          Map.entry(Change.AddColumn.class, Effect.MAKES),
          Map.entry(Change.DropColumn.class, Effect.DROPS),
          Map.entry(Change.RenameColumn.class, Effect.RENAMES),
          Map.entry(Change.ModifyDataType.class, Effect.SETS),
          Map.entry(Change.AddNotNullConstraint.class, Effect.SETS),
          Map.entry(Change.DropNotNullConstraint.class, Effect.ALTERS),
          Map.entry(Change.AddDefaultValue.class, Effect.SETS),
          Map.entry(Change.DropDefaultValue.class, Effect.ALTERS),
          Map.entry(Change.AddAutoIncrement.class, Effect.ALTERS),
          Map.entry(Change.CreateIndex.class, Effect.MAKES),
          Map.entry(Change.DropIndex.class, Effect.DROPS),
          Map.entry(Change.AddPrimaryKey.class, Effect.MAKES),
          Map.entry(Change.AddUniqueConstraint.class, Effect.MAKES),
          Map.entry(Change.AddForeignKeyConstraint.class, Effect.MAKES),
          Map.entry(Change.DropPrimaryKey.class, Effect.DROPS),
          Map.entry(Change.DropUniqueConstraint.class, Effect.DROPS),
          Map.entry(Change.DropForeignKeyConstraint.class, Effect.DROPS),
          Map.entry(Change.CreateView.class, Effect.MAKES),
          Map.entry(Change.DropView.class, Effect.DROPS),
          Map.entry(Change.RenameView.class, Effect.RENAMES),
          Map.entry(Change.CreateSequence.class, Effect.MAKES),
          Map.entry(Change.AlterSequence.class, Effect.ALTERS),
          Map.entry(Change.DropSequence.class, Effect.DROPS),
          Map.entry(Change.RenameSequence.class, Effect.RENAMES),
          Map.entry(Change.CreateSchema.class, Effect.MAKES),
          Map.entry(Change.CreateExtension.class, Effect.MAKES),
          Map.entry(Change.Insert.class, Effect.ROWS),
          Map.entry(Change.Update.class, Effect.ROWS),
          Map.entry(Change.Delete.class, Effect.ROWS),
          Map.entry(Change.LoadData.class, Effect.ROWS),
          Map.entry(Change.Sql.class, Effect.RAW),
          Map.entry(Change.CreateProcedure.class, Effect.RAW),
          Map.entry(Change.TagDatabase.class, Effect.TAG));

  private Facts() {}

  public static Effect effect(Change change) {
    Effect effect = EFFECTS.get(change.getClass());
    if (effect == null) {
      throw new IllegalStateException(change.changeType() + " has no entry in Facts");
    }
    return effect;
  }

  /**
   * Whether what the step leaves can be looked for in the catalog afterwards: an object it makes or
   * a property it sets. A view given whole and replaced on every run cannot be compared.
   */
  public static boolean leavesState(Change change) {
    Effect effect = effect(change);
    return (effect == Effect.MAKES || effect == Effect.SETS)
        && !(change instanceof Change.CreateView v && v.fullDefinition() && v.replaceIfExists());
  }

  /** Whether what the step did leaves nothing to look for and would be done again on a rerun. */
  public static boolean leavesNoTrace(Change change) {
    Effect effect = effect(change);
    return effect == Effect.ROWS || effect == Effect.RAW;
  }

  static java.util.Set<Class<? extends Change>> types() {
    return EFFECTS.keySet();
  }
}
