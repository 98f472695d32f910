package dev.migrate.model;

import java.io.Serializable;

/** A place in a changelog file, 1-based, printed as {@code file:line:column}. */
public record Location(String file, int line, int column) implements Serializable {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
