package dev.migrate.model;

/** A place in a changelog file, 1-based, printed as {@code file:line:column}. */
public record Location(String file, int line, int column) {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
