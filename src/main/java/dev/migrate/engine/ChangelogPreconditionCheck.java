package dev.migrate.engine;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Preconditions;
import dev.migrate.postgres.PreconditionCheck;
import java.util.List;
import java.util.function.Consumer;

/**
 * The changelog-level {@code preConditions} that need the database (a {@code runningAs}, a {@code
 * tableExists}, a {@code sqlCheck}…), decided as Liquibase decides them before an update: once,
 * before anything runs, each file's block on its own. A block that fails stops the command,
 * whatever its onFail, unless that onFail is WARN (CONTINUE and MARK_RAN mean something only for a
 * changeset); one whose check errs stops it unless its onError is WARN.
 */
final class ChangelogPreconditionCheck {
  private final PreconditionCheck check;
  private final Consumer<String> warn;

  ChangelogPreconditionCheck(PreconditionCheck check, Consumer<String> warn) {
    this.check = check;
    this.warn = warn;
  }

  void decide(List<Preconditions> blocks) {
    blocks.forEach(this::decide);
  }

  private void decide(Preconditions block) {
    boolean holds;
    try {
      holds = check.holds(block.condition());
    } catch (MigrateException e) {
      String error = e.getMessage().lines().findFirst().orElse("");
      if (block.onError() != Preconditions.OnFail.WARN) {
        throw new MigrateException(
            MigrateException.FAILED,
            block.location()
                + ": changelog preConditions could not be checked: "
                + error
                + ". Nothing was run.",
            e);
      }
      warn.accept(
          block.location()
              + ": changelog preConditions could not be checked ("
              + error
              + "); onError is WARN, so the command goes on");
      return;
    }
    if (holds) {
      return;
    }
    String why = check.failure(block);
    if (block.onFail() == Preconditions.OnFail.WARN) {
      warn.accept(
          block.location()
              + ": changelog preConditions failed: "
              + why
              + "; onFail is WARN, so the command goes on");
      return;
    }
    throw new MigrateException(
        MigrateException.FAILED,
        block.location() + ": changelog preConditions failed: " + why + ". Nothing was run.");
  }
}
