package dev.migrate.model;

/** A column default: which {@code defaultValue*} key gave it, and its text. */
public record ColumnDefault(Kind kind, String value) {

  /** The Liquibase keys {@code defaultValue}, {@code defaultValueNumeric}, … */
  public enum Kind {
    STRING,
    NUMERIC,
    BOOLEAN,
    COMPUTED
  }
}
