package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/** Sequences: createSequence (by name), alterSequence, dropSequence, renameSequence. */
final class SequenceGuards extends Family {
  SequenceGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateSequence.class,
        (c, after, excuse) -> {
          String kind = relationKind(c.schemaName(), c.sequenceName());
          if (kind == null) {
            Decision renamed = renamedLater("sequence", c.schemaName(), c.sequenceName(), after);
            return renamed != null
                ? renamed
                : act(
                    alter.createSequence(c),
                    "created sequence " + name(c.schemaName(), c.sequenceName()));
          }
          return kind.equals("S")
              ? skip("sequence %s exists", name(c.schemaName(), c.sequenceName()))
              : new Decision.Drift(
                  name(c.schemaName(), c.sequenceName())
                      + " exists but is not a sequence (relkind "
                      + kind
                      + ")");
        },
        (c, after) ->
            when(
                "NOT " + relationExists(c.schemaName(), c.sequenceName()),
                List.of(alter.createSequence(c))));
    families.on(
        Change.AlterSequence.class,
        (c, after, excuse) ->
            relationKind(c.schemaName(), c.sequenceName()) == null
                    && after.sequenceGoneLater(ddl.schema(c.schemaName()), c.sequenceName())
                ? skip(
                    "sequence %s is absent, and a later change drops it (or the table that owns"
                        + " it)",
                    name(c.schemaName(), c.sequenceName()))
                : act(
                    alter.alterSequence(c),
                    "altered sequence " + name(c.schemaName(), c.sequenceName())),
        (c, after) -> plain(List.of(alter.alterSequence(c))));
    families.on(
        Change.DropSequence.class,
        (c, after, excuse) ->
            relationKind(c.schemaName(), c.sequenceName()) == null
                ? skip("sequence %s does not exist", name(c.schemaName(), c.sequenceName()))
                : act(
                    alter.dropSequence(c),
                    "dropped sequence " + name(c.schemaName(), c.sequenceName())),
        (c, after) ->
            when(relationExists(c.schemaName(), c.sequenceName()), List.of(alter.dropSequence(c))));
    families.on(
        Change.RenameSequence.class,
        (c, after, excuse) ->
            rename(
                "sequence",
                c.schemaName(),
                c.oldSequenceName(),
                c.newSequenceName(),
                alter.renameSequence(c),
                after),
        (c, after) -> plain(List.of(alter.renameSequence(c))));
  }
}
