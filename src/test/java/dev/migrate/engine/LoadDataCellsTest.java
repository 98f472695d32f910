package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.Psql;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How loadData turns CSV cells into values, as Liquibase 4.33 does: NULL in any case and a column's
 * nullPlaceholder are NULL, an empty cell is the column's default or NULL ('' for a STRING column),
 * BOOLEAN cells are TRUE or FALSE; and a NUMERIC cell that is not a number is refused before
 * anything runs, where Liquibase would send its text as SQL.
 */
class LoadDataCellsTest {
  @TempDir Path dir;

  private static final String TABLE =
      """
      - createTable:
          tableName: t
          columns:
            - column: {name: id, type: int}
            - column: {name: plain, type: text}
            - column: {name: s, type: text}
            - column: {name: n, type: int}
            - column: {name: b, type: boolean}
            - column: {name: d, type: date}
            - column: {name: c, type: timestamp}
            - column: {name: u, type: uuid}
      """;

  private static final String LOAD =
      """
      - loadData:
          tableName: t
          file: cells.csv
          separator: ';'
          columns:
            - column: {name: s, type: STRING, nullPlaceholder: N/A}
            - column: {name: n, type: NUMERIC, nullPlaceholder: N/A, defaultValueNumeric: 7}
            - column: {name: b, type: BOOLEAN}
            - column: {name: d, type: DATE, defaultValueDate: '2020-01-02'}
            - column: {name: c, type: COMPUTED}
            - column: {name: u, type: UUID}
      """;

  private Path write(String csv) {
    Changelogs.write(dir, "cells.csv", csv);
    return Changelogs.write(dir, "cells.yaml", Changelogs.changeset("cells", TABLE + LOAD));
  }

  private static final String ROWS =
      "SELECT id, plain, s, n, b, d, c IS NOT NULL, u FROM t ORDER BY id NULLS FIRST";

  @Test
  void cellsBecomeTheValuesLiquibaseWritesForThem() throws Exception {
    write(
        """
        id;plain;s;n;b;d;c;u
        ;x;N/A;;true;;now();
        2;;n/a;N/A;FALSE;null;;0b3c5f8e-1111-2222-3333-444455556666
        3;NULL;;42;yes;2024-03-04;null;NULL
        4;Null;null;-15;on;;;
        5;"a;b";"";3;1;;;
        """);
    TestDb byMigrate = new TestDb("cells_migrate");
    Cli.Result run =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", byMigrate.libpqUrl(), "--changelog", "cells.yaml");
    assertEquals(0, run.code(), run.toString());
    List<String> rows = byMigrate.rows(ROWS);
    assertEquals(
        List.of(
            "null|x|null|7|t|2020-01-02|t|null",
            "2|null|n/a|null|f|null|f|0b3c5f8e-1111-2222-3333-444455556666",
            "3|null||42|t|2024-03-04|f|null",
            "4|null|null|-15|f|2020-01-02|f|null",
            "5|a;b||3|t|2020-01-02|f|null"),
        rows);

    // The script writes the same rows.
    Cli.Result script = new Cli().in(dir).run("upgrade", "--sql", "--changelog", "cells.yaml");
    assertEquals(0, script.code(), script.toString());
    TestDb offline = new TestDb("cells_script");
    Cli.Result psql = Psql.run(offline, dir, script.out());
    assertEquals(0, psql.code(), psql.toString());
    assertEquals(rows, offline.rows(ROWS));
  }

  /**
   * A number with spaces around it, a sign or an exponent is the number, as Liquibase's update-sql
   * writes it into the INSERT; Liquibase's own update drops such a row, or reads -1.5e1 as -1.5.
   */
  @Test
  void aNumberIsReadAsTheNumberItWrites() {
    write(
        """
        id;n
        1;  42 \n2;-1.5e1
        3;+3
        4;.5
        """);
    TestDb db = new TestDb("cells_numbers");
    Cli.Result run =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "cells.yaml");
    assertEquals(0, run.code(), run.toString());
    assertEquals(
        List.of("1|42", "2|-15", "3|3", "4|1"), db.rows("SELECT id, n FROM t ORDER BY id"));
  }

  @Test
  void aNumericCellThatIsNotANumberIsRefusedNamingItsLine() {
    write(
        """
        id;n
        1;5
        2;"1), (9, 9); DROP TABLE t; --"
        """);
    TestDb db = new TestDb("cells_refused");
    Cli.Result run =
        new Cli().in(dir).run("upgrade", "--url", db.libpqUrl(), "--changelog", "cells.yaml");
    assertEquals(2, run.code(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "cells.csv:3:1: loadData column 'n' is NUMERIC, and '1), (9, 9); DROP TABLE t; --'"
                    + " is not a number"),
        run.err());
    assertTrue(run.err().contains("changeset 'cells'"), run.err());
    assertEquals("0", db.one("SELECT count(*) FROM pg_class WHERE relname = 't'"));
  }
}
