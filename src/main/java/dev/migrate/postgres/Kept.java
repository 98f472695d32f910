package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;

/**
 * Why a raw statement must not run whatever its guard says, asked before the guard: on a rerun over
 * a database ahead of its revision rows, what a later change superseded (see {@link Superseded}).
 * An ALTER TABLE of several actions asks it of each action alone.
 */
@FunctionalInterface
public interface Kept {
  /** The reason the statement is skipped, or null to let its guard decide. */
  String reason(String statement, List<Change> later);
}
