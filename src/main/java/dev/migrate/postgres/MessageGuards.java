package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Steps that touch no object: output says its message when its changeset is applied (the command's
 * report prints it), and stop fails its changeset (the runner throws before it is decided). The
 * script says and stops in the same places, as the server runs it: RAISE.
 */
final class MessageGuards extends Family {
  MessageGuards(PgCatalog catalog, PgDdl ddl) {
    super(catalog, ddl);
  }

  @Override
  void register(Families families) {
    families.on(
        Change.Output.class,
        (c, after, excuse) -> new Decision.Act(List.of(), "said " + literal(c.message())),
        (c, after) ->
            List.of("RAISE " + level(c.target()) + " '%', " + literal(c.message()) + ";"));
    families.on(
        Change.Stop.class,
        (c, after, excuse) -> new Decision.Act(List.of(), "stops the run: " + c.message()),
        (c, after) -> List.of("RAISE EXCEPTION '%', " + literal(c.message()) + ";"));
  }

  // The level psql shows a script's message at: WARNING for a warning or an error, DEBUG for
  // debug, which a client sees only when it asks; INFO, always shown, for the rest.
  private static String level(String target) {
    return switch (target) {
      case "WARN", "WARNING", "ERROR", "SEVERE", "FATAL" -> "WARNING";
      case "DEBUG" -> "DEBUG";
      default -> "INFO";
    };
  }
}
