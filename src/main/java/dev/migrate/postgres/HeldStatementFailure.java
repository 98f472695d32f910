package dev.migrate.postgres;

import dev.migrate.model.MigrateException;
import dev.migrate.model.Step;

/**
 * A statement held back to go with a later round trip failed there: the error is that statement's,
 * and {@link #step} is the step it ran for, which is no longer the one being run when the reply
 * comes.
 */
public final class HeldStatementFailure extends MigrateException {
  private static final long serialVersionUID = 1L;
  private final transient Step step;

  HeldStatementFailure(Step step, MigrateException failure) {
    super(failure.exitCode(), failure.getMessage(), failure.getCause(), failure.detail());
    this.step = step;
  }

  /** The step the failed statement ran for. */
  public Step step() {
    return step;
  }
}
