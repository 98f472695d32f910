package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
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
                    createSequence(c),
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
                absent(c.schemaName(), c.sequenceName(), after),
                List.of(createSequence(c)),
                otherKind(c.schemaName(), c.sequenceName(), "'S'", "a sequence", "")));
    families.on(
        Change.AlterSequence.class,
        (c, after, excuse) ->
            relationKind(c.schemaName(), c.sequenceName()) == null
                    && LaterRelations.sequenceGone(
                        after, ddl.schema(c.schemaName()), c.sequenceName())
                ? skip(
                    "sequence %s is absent, and a later change drops it (or the table that owns"
                        + " it)",
                    name(c.schemaName(), c.sequenceName()))
                : act(
                    alterSequence(c), "altered sequence " + name(c.schemaName(), c.sequenceName())),
        (c, after) -> plain(List.of(alterSequence(c))));
    families.on(
        Change.DropSequence.class,
        (c, after, excuse) ->
            relationKind(c.schemaName(), c.sequenceName()) == null
                ? skip("sequence %s does not exist", name(c.schemaName(), c.sequenceName()))
                : act(
                    dropSequence(c), "dropped sequence " + name(c.schemaName(), c.sequenceName())),
        (c, after) ->
            when(relationExists(c.schemaName(), c.sequenceName()), List.of(dropSequence(c))));
    families.on(
        Change.RenameSequence.class,
        (c, after, excuse) ->
            rename(
                "sequence",
                c.schemaName(),
                c.oldSequenceName(),
                c.newSequenceName(),
                renameSequence(c),
                after),
        (c, after) ->
            renameScript(
                "sequence",
                c.schemaName(),
                c.oldSequenceName(),
                c.newSequenceName(),
                renameSequence(c),
                after));
  }

  // ---- the DDL

  String renameSequence(Change.RenameSequence c) {
    return "ALTER SEQUENCE "
        + name(c.schemaName(), c.oldSequenceName())
        + " RENAME TO "
        + quote(c.newSequenceName());
  }

  String createSequence(Change.CreateSequence c) {
    StringBuilder sql =
        new StringBuilder("CREATE SEQUENCE " + name(c.schemaName(), c.sequenceName()));
    if (c.dataType() != null) {
      sql.append(" AS ").append(PgType.of(c.dataType()).ddl());
    }
    option(sql, " START WITH ", c.startValue());
    option(sql, " INCREMENT BY ", c.incrementBy());
    option(sql, " MINVALUE ", c.minValue());
    option(sql, " MAXVALUE ", c.maxValue());
    option(sql, " CACHE ", c.cacheSize());
    if (c.cycle()) {
      sql.append(" CYCLE");
    }
    return sql.toString();
  }

  String alterSequence(Change.AlterSequence c) {
    StringBuilder sql =
        new StringBuilder("ALTER SEQUENCE " + name(c.schemaName(), c.sequenceName()));
    if (c.dataType() != null) {
      sql.append(" AS ").append(PgType.of(c.dataType()).ddl());
    }
    option(sql, " INCREMENT BY ", c.incrementBy());
    option(sql, " MINVALUE ", c.minValue());
    option(sql, " MAXVALUE ", c.maxValue());
    option(sql, " CACHE ", c.cacheSize());
    if (c.cycle() != null) {
      sql.append(c.cycle() ? " CYCLE" : " NO CYCLE");
    }
    return sql.toString();
  }

  String dropSequence(Change.DropSequence c) {
    return "DROP SEQUENCE " + name(c.schemaName(), c.sequenceName());
  }

  // A sequence setting, which must be a whole number.
  static void option(StringBuilder sql, String word, String value) {
    if (value != null) {
      if (!value.strip().matches("[-+]?\\d+")) {
        throw MigrateException.invalid(
            "sequence setting"
                + word.stripTrailing()
                + " must be a whole number, not '"
                + value
                + "'");
      }
      sql.append(word).append(value.strip());
    }
  }
}
