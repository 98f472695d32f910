package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.quote;

import dev.migrate.model.Change;
import java.util.List;

/** Namespaces: createSchema and createExtension, by name. */
final class NamespaceGuards extends Family {
  NamespaceGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.CreateSchema.class,
        (c, after, excuse) ->
            catalog.schemaExists(c.schemaName())
                ? new Decision.Skip("schema " + PgNames.quote(c.schemaName()) + " exists")
                : new Decision.Act(
                    List.of(createSchema(c)), "created schema " + PgNames.quote(c.schemaName())),
        // Not CREATE SCHEMA IF NOT EXISTS: that needs CREATE on the database even when the schema
        // is there.
        (c, after) ->
            when(
                "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = "
                    + literal(c.schemaName())
                    + ")",
                List.of("CREATE SCHEMA " + PgNames.quote(c.schemaName()))));
    families.on(
        Change.CreateExtension.class,
        (c, after, excuse) ->
            catalog.extensionExists(c.extensionName())
                ? skip("extension %s exists", c.extensionName())
                : act(createExtension(c), "created extension " + c.extensionName()),
        (c, after) -> plain(List.of(createExtension(c))));
  }

  // ---- the DDL

  String createSchema(Change.CreateSchema c) {
    return "CREATE SCHEMA " + quote(c.schemaName());
  }

  String createExtension(Change.CreateExtension c) {
    return "CREATE EXTENSION IF NOT EXISTS "
        + quote(c.extensionName())
        + (c.schemaName() == null ? "" : " SCHEMA " + quote(c.schemaName()));
  }
}
