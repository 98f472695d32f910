package dev.migrate.postgres;

import java.sql.SQLException;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;

/** The values of held statements, bound as {@code PreparedStatement.setObject} binds them. */
final class BoundValues {
  private BoundValues() {}

  /** Whether each value is of a type bound here: text, integers, or null. */
  static boolean bindable(Object[] params) {
    for (Object value : params) {
      if (value != null
          && !(value instanceof String)
          && !(value instanceof Integer)
          && !(value instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  /** Binds {@code params} into {@code list}; false for a type not bound here. */
  static boolean bind(ParameterList list, Object[] params) {
    try {
      for (int i = 0; i < params.length; i++) {
        Object value = params[i];
        if (value == null) {
          list.setNull(i + 1, Oid.UNSPECIFIED);
        } else if (value instanceof String s) {
          list.setStringParameter(i + 1, s, Oid.VARCHAR);
        } else if (value instanceof Integer n) {
          list.setLiteralParameter(i + 1, n.toString(), Oid.INT4);
        } else if (value instanceof Long n) {
          list.setLiteralParameter(i + 1, n.toString(), Oid.INT8);
        } else {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
