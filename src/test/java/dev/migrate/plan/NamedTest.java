package dev.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.migrate.model.Change;
import dev.migrate.model.Column;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/**
 * {@code check} asks each change in the names later renames leave ({@link Change#named}): every
 * component of every change type that names a column (a {@code …ColumnName}, {@code …ColumnNames},
 * {@code column1Name}…) must come out under its final name, or check looks for a column that a
 * later rename moved.
 */
class NamedTest {
  private static final Change.Names RENAMED =
      new Change.Names() {
        @Override
        public String relation(String schemaName, String name) {
          return name + "_renamed";
        }

        @Override
        public String column(String schemaName, String table, String column) {
          return column + "_renamed";
        }

        @Override
        public Column definition(String schemaName, String table, Column column) {
          return column;
        }

        @Override
        public String sql(String sql, String endDelimiter) {
          return sql;
        }
      };

  @Test
  void everyColumnAChangeNamesComesOutUnderItsFinalName() throws Exception {
    for (Class<?> type : Change.class.getPermittedSubclasses()) {
      if (type == Change.RenameColumn.class) {
        continue; // a rename is asked under the names it gives and takes
      }
      Change change = (Change) FactsTest.example(type);
      Change named = change.named(RENAMED);
      for (RecordComponent component : type.getRecordComponents()) {
        if (component.getName().matches("(?i).*column\\d?Names?")) {
          assertNotEquals(
              component.getAccessor().invoke(change),
              component.getAccessor().invoke(named),
              type.getSimpleName() + "." + component.getName() + " is not renamed");
        }
      }
    }
  }
}
