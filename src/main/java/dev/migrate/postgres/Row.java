package dev.migrate.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one row of a result ({@link Jdbc#query}). */
@FunctionalInterface
public interface Row<T> {
  T read(ResultSet rs) throws SQLException;
}
