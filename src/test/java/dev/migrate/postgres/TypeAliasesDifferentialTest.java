package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.LiquibaseRun;
import dev.migrate.support.SchemaDump;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every other name Liquibase's type registry gives a type ({@link TypeAliases}), as the changelog
 * writes it (JDBC's and Java's names in their own case), with and without arguments: a table of a
 * column each makes the same columns under migrate as under Liquibase 4.33.
 */
class TypeAliasesDifferentialTest {
  @TempDir Path dir;

  @Test
  void eachAliasMakesTheColumnLiquibaseMakes() throws Exception {
    List<String> types = new ArrayList<>();
    for (String alias : TypeAliases.all()) {
      types.add(spelled(alias));
    }
    types.addAll(
        List.of(
            "java.sql.Types.VARCHAR(20)",
            "java.sql.Types.NUMERIC(10, 2)",
            "java.sql.Types.TIMESTAMP(3)",
            "java.sql.Types.CHAR(4)",
            "java.lang.String(30)",
            // The standard's spelling of an array, which PostgreSQL shows as bigint[].
            "BIGINT ARRAY"));
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < types.size(); i++) {
      columns.append("              - column: {name: c").append(i).append(", type: '");
      columns.append(types.get(i)).append("'}\n");
    }
    Changelogs.write(
        dir,
        "aliases.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: aliases
              author: a
              changes:
                - createTable:
                    tableName: aliases
                    columns:
        """
            + columns);
    TestDb byLiquibase = new TestDb("aliases_lb");
    LiquibaseRun.update(byLiquibase, dir, "aliases.yaml");
    TestDb byMigrate = new TestDb("aliases_migrate");
    Cli.Result run =
        new Cli()
            .in(dir)
            .run("upgrade", "--url", byMigrate.libpqUrl(), "--changelog", "aliases.yaml");
    assertEquals(0, run.code(), run.toString());
    assertEquals(SchemaDump.of(byLiquibase), SchemaDump.of(byMigrate));
    Cli.Result check =
        new Cli()
            .in(dir)
            .run("check", "--url", byMigrate.libpqUrl(), "--changelog", "aliases.yaml");
    assertEquals(0, check.code(), check.toString());
  }

  // As a changelog writes it: JDBC's names upper case, Java's classes in their own case.
  private static String spelled(String alias) {
    if (alias.startsWith("java.sql.types.")) {
      return "java.sql.Types." + alias.substring(15).toUpperCase(Locale.ROOT);
    }
    if (alias.startsWith("java.")) {
      int dot = alias.lastIndexOf('.');
      String name = alias.substring(dot + 1);
      String cased =
          switch (name) {
            case "biginteger" -> "BigInteger";
            case "bigdecimal" -> "BigDecimal";
            case "uuid" -> "UUID";
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
          };
      return alias.substring(0, dot + 1) + cased;
    }
    return alias;
  }
}
