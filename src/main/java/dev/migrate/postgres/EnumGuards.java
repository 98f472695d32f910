package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.util.List;

/**
 * ENUM types: createEnumType (see {@link EnumShape}), addEnumValue, renameEnumValue, dropEnumType.
 */
final class EnumGuards extends Family {
  EnumGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateEnumType.class,
        (c, after, excuse) ->
            new EnumShape(c, after, ddl)
                .decide(catalog.type(ddl.schema(c.schemaName()), c.typeName())),
        (c, after) -> new EnumShape(c, after, ddl).render());
    families.on(
        Change.AddEnumValue.class,
        (c, after, excuse) -> addEnumValue(c, after),
        (c, after) ->
            when(
                "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum e WHERE e.enumtypid = "
                    + regtype(c.schemaName(), c.typeName())
                    + " AND e.enumlabel = "
                    + literal(c.value())
                    + ")",
                List.of(
                    ddl.addEnumValue(
                        c.schemaName(), c.typeName(), c.value(), c.before(), c.after()))));
    families.on(
        Change.RenameEnumValue.class,
        (c, after, excuse) -> renameValue(c),
        (c, after) -> renameValueScript(c));
    families.on(
        Change.DropEnumType.class,
        (c, after, excuse) ->
            catalog.type(ddl.schema(c.schemaName()), c.typeName()) == null
                ? skip("type %s does not exist", name(c.schemaName(), c.typeName()))
                : act(dropEnumType(c), "dropped type " + name(c.schemaName(), c.typeName())),
        (c, after) -> when(typeExists(c.schemaName(), c.typeName()), List.of(dropEnumType(c))));
  }

  private Decision addEnumValue(Change.AddEnumValue c, LaterChanges after) {
    String name = name(c.schemaName(), c.typeName());
    TypeInfo existing = catalog.type(ddl.schema(c.schemaName()), c.typeName());
    if (existing == null || !existing.isEnum()) {
      return new Decision.Drift(
          "type "
              + name
              + " is not an ENUM type in the database, so label '"
              + c.value()
              + "' cannot be added");
    }
    if (existing.labels().contains(c.value())) {
      return new Decision.Skip("type " + name + " already has label '" + c.value() + "'");
    }
    String renamed =
        after.labels().enumLabelRenamedTo(ddl.schema(c.schemaName()), c.typeName(), c.value());
    if (existing.labels().contains(renamed)) {
      // A rerun after lost history: the label is there under the name a later change gives it.
      return new Decision.Skip(
          "type " + name + " has label '" + c.value() + "' as '" + renamed + "', renamed later");
    }
    return new Decision.Act(
        List.of(ddl.addEnumValue(c.schemaName(), c.typeName(), c.value(), c.before(), c.after())),
        "added label '" + c.value() + "' to " + name);
  }

  private Decision renameValue(Change.RenameEnumValue c) {
    String type = name(c.schemaName(), c.typeName());
    TypeInfo info = catalog.type(ddl.schema(c.schemaName()), c.typeName());
    if (info == null || !info.isEnum()) {
      return new Decision.Drift(
          "type "
              + type
              + " is not an ENUM type in the database, so '"
              + c.oldValue()
              + "' cannot be renamed");
    }
    boolean old = info.labels().contains(c.oldValue());
    boolean renamed = info.labels().contains(c.newValue());
    if (old && !renamed) {
      return act(
          renameEnumValue(c),
          "renamed label '" + c.oldValue() + "' of " + type + " to '" + c.newValue() + "'");
    }
    if (renamed && !old) {
      return skip("type %s already has '%s' and no '%s'", type, c.newValue(), c.oldValue());
    }
    return new Decision.Drift(
        "type "
            + type
            + " has "
            + (old ? "both labels '" : "neither label '")
            + c.oldValue()
            + "' and '"
            + c.newValue()
            + "'");
  }

  // As renameValue decides: rename when only the old label is there, drift on both or neither.
  private List<String> renameValueScript(Change.RenameEnumValue c) {
    String type = name(c.schemaName(), c.typeName());
    SqlName sqlName = new SqlName(ddl.schema(c.schemaName()), c.typeName());
    String old = CatalogQuestion.label(sqlName, c.oldValue()).literal();
    String renamed = CatalogQuestion.label(sqlName, c.newValue()).literal();
    String labels = c.oldValue() + "' and '" + c.newValue() + "'";
    return when(
        old + " AND NOT " + renamed,
        List.of(renameEnumValue(c)),
        "\nELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type WHERE oid = to_regtype("
            + literal(sqlName.toString())
            + ") AND typtype = 'e') THEN\n  RAISE EXCEPTION '%', "
            + literal(
                "type "
                    + type
                    + " is not an ENUM type in the database, so '"
                    + c.oldValue()
                    + "' cannot be renamed")
            + ";\nELSIF "
            + old
            + " THEN\n  RAISE EXCEPTION '%', "
            + literal("type " + type + " has both labels '" + labels)
            + ";\nELSIF NOT "
            + renamed
            + " THEN\n  RAISE EXCEPTION '%', "
            + literal("type " + type + " has neither label '" + labels)
            + ";");
  }

  // ---- the DDL

  String dropEnumType(Change.DropEnumType c) {
    return "DROP TYPE " + name(c.schemaName(), c.typeName());
  }

  String renameEnumValue(Change.RenameEnumValue c) {
    return "ALTER TYPE "
        + name(c.schemaName(), c.typeName())
        + " RENAME VALUE "
        + literal(c.oldValue())
        + " TO "
        + literal(c.newValue());
  }
}
