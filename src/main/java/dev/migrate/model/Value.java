package dev.migrate.model;

/**
 * A value the changelog gives a column, as a default or as data: which {@code value*} / {@code
 * defaultValue*} key gave it, and its text.
 */
public record Value(Kind kind, String text) {

  /** The Liquibase key families: {@code value}, {@code valueNumeric}, {@code valueBoolean}, … */
  public enum Kind {
    STRING,
    NUMERIC,
    BOOLEAN,
    COMPUTED,
    DATE,
    SEQUENCE_NEXT,
    NULL
  }
}
