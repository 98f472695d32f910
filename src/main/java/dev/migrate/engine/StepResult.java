package dev.migrate.engine;

import dev.migrate.model.Step;

/** What happened to one step: it ran, or its guard found it done, and the guard's words. */
record StepResult(Step step, boolean ran, String summary) {}
