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
 * A role that may create tables in {@code public} but not schemas in the database, as many managed
 * databases hand out: the run and its --sql script need no more than that.
 */
class RestrictedRoleTest {
  @TempDir Path dir;

  @Test
  void aRoleWithoutCreateOnTheDatabaseRunsAChangelogIntoPublic() {
    TestDb db = new TestDb("restricted");
    String role = "app_" + db.name;
    db.execute(
        "CREATE ROLE " + role + " LOGIN PASSWORD 'app'",
        "REVOKE CREATE ON DATABASE " + db.name + " FROM PUBLIC",
        "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
    TestDb fresh = null;
    try {
      String url = db.libpqUrl(role, "app");
      Cli.Result run =
          new Cli().run("upgrade", "--url", url, "--changelog", Changelogs.example().toString());
      assertEquals(0, run.code(), run.toString());
      assertEquals(
          List.of("0001_create_import_tables|applied", "0002_add_catalog_tables|applied"),
          db.revisions());
      assertEquals(
          role, db.one("SELECT tableowner FROM pg_tables WHERE tablename = 'import_batches'"));

      Path changelog =
          Changelogs.write(
              dir,
              "c.yaml",
              Changelogs.changeset(
                  "schema",
                  "- createSchema: {schemaName: public}\n- createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}"));
      Cli.Result script = new Cli().run("upgrade", "--sql", "--changelog", changelog.toString());
      assertEquals(0, script.code(), script.toString());
      fresh = new TestDb("restricted_sql");
      fresh.execute(
          "REVOKE CREATE ON DATABASE " + fresh.name + " FROM PUBLIC",
          "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
      Cli.Result psql = Psql.runAs(fresh, role, "app", dir, script.out());
      assertEquals(0, psql.code(), psql.out());
      assertTrue(fresh.tableExists("t"));
    } finally {
      // Roles belong to the whole server: this one goes with what it owns.
      if (fresh != null) {
        fresh.execute("DROP OWNED BY " + role + " CASCADE");
      }
      db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
    }
  }

  @Test
  void rowsRunWhereTheRoleMayNotReadTheServersCounts() {
    // The snapshot asks the server's count of catalog rows after rows are written; a database
    // that revoked the functions that read it from PUBLIC runs them as it did before that.
    TestDb db = new TestDb("no_counts");
    String role = "counts_" + db.name;
    db.execute(
        "CREATE ROLE " + role + " LOGIN PASSWORD 'app'",
        "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
    for (String f : List.of("inserted", "updated", "deleted")) {
      db.execute(
          "REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_"
              + f
              + "(oid) FROM PUBLIC");
    }
    try {
      Path changelog =
          Changelogs.write(
              dir,
              "rows.yaml",
              Changelogs.changeset(
                  "rows",
                  "- createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}\n"
                      + "- insert: {tableName: t, columns: [{column: {name: id, valueNumeric: 1}}]}\n"
                      + "- createIndex: {tableName: t, indexName: t_id, columns: [{column: {name: id}}]}"));
      Cli.Result run =
          new Cli()
              .run(
                  "upgrade",
                  "--url",
                  db.libpqUrl(role, "app"),
                  "--changelog",
                  changelog.toString());
      assertEquals(0, run.code(), run.toString());
      assertEquals(List.of("1"), db.rows("SELECT id FROM t"));
      assertEquals("t_id", db.one("SELECT indexname FROM pg_indexes WHERE indexname = 't_id'"));
    } finally {
      db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
    }
  }

  @Test
  void aRoleThatMayOnlyReadLooksAndCannotWrite() {
    // docs/permissions.md: to look (current, history, check), USAGE on the schema and SELECT on
    // the revision table are enough; upgrade then fails on the first thing it may not do.
    TestDb db = new TestDb("read_only");
    String role = "ro_" + db.name;
    String changelog = Changelogs.example().toString();
    assertEquals(0, new Cli().run("upgrade", "--url", db.libpqUrl(), "-c", changelog).code());
    db.execute(
        "CREATE ROLE " + role + " LOGIN PASSWORD 'ro'",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA public TO " + role,
        "GRANT SELECT ON migrate_revisions TO " + role);
    try {
      String url = db.libpqUrl(role, "ro");
      for (String command : List.of("current -v", "history", "check")) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--url", url, "-c", changelog));
        Cli.Result look = new Cli().run(args.toArray(String[]::new));
        assertEquals(0, look.code(), command + "\n" + look);
      }
      db.execute("DELETE FROM migrate_revisions WHERE id = '0002_add_catalog_tables'");
      Cli.Result write = new Cli().run("upgrade", "--url", url, "-c", changelog);
      assertEquals(1, write.code(), write.toString());
      assertTrue(write.err().contains("permission denied"), write.err());
      assertEquals(List.of("0001_create_import_tables|applied"), db.revisions());
    } finally {
      db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
    }
  }

  @Test
  void aRoleAllowedOneConnectionStillLooks() {
    // Reading the catalog ahead on connections of its own is only a head start: refused both, or
    // one of the two (a limit of two connections), a command that looks reads it on the one it
    // has, and says the same.
    TestDb db = new TestDb("one_connection");
    String role = "one_" + db.name;
    String changelog = Changelogs.example().toString();
    assertEquals(0, new Cli().run("upgrade", "--url", db.libpqUrl(), "-c", changelog).code());
    db.execute(
        "CREATE ROLE " + role + " LOGIN PASSWORD 'one' CONNECTION LIMIT 1",
        "GRANT SELECT ON migrate_revisions TO " + role);
    try {
      for (int limit = 1; limit <= 2; limit++) {
        db.execute("ALTER ROLE " + role + " CONNECTION LIMIT " + limit);
        looksAsTheOwnerDoes(db, role, changelog);
      }
    } finally {
      db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
    }
  }

  @Test
  void aRoleAllowedOneConnectionCannotWriteAndLeavesNoneOpen() {
    // A command that writes holds the lock on a second connection, opened while the first is set
    // up: refused, the run stops before it does anything, and neither connection stays open.
    TestDb db = new TestDb("one_writer");
    String role = "one_" + db.name;
    db.execute(
        "CREATE ROLE " + role + " LOGIN PASSWORD 'one' CONNECTION LIMIT 1",
        "GRANT CREATE ON SCHEMA public TO " + role);
    try {
      String changelog = Changelogs.example().toString();
      Cli.Result run = new Cli().run("upgrade", "--url", db.libpqUrl(role, "one"), "-c", changelog);
      assertEquals(1, run.code(), run.toString());
      assertTrue(run.err().contains("too many connections for role"), run.err());
      assertEquals(
          "0", db.one("SELECT count(*) FROM pg_class WHERE relname = 'migrate_revisions'"));
      // A closed connection's backend leaves the server's list a moment later; an open one stays.
      String open =
          "SELECT count(*) FROM pg_stat_activity WHERE usename = '"
              + role
              + "' AND pid <> pg_backend_pid()";
      long until = System.nanoTime() + 5_000_000_000L;
      while (!db.one(open).equals("0") && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      assertEquals("0", db.one(open));
    } finally {
      db.execute("DROP OWNED BY " + role + " CASCADE", "DROP ROLE " + role);
    }
  }

  private static void looksAsTheOwnerDoes(TestDb db, String role, String changelog) {
    for (String command : List.of("current -v", "check")) {
      List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
      args.addAll(List.of("-c", changelog, "--url"));
      Cli.Result owner = new Cli().run(concat(args, db.libpqUrl()));
      Cli.Result one = new Cli().run(concat(args, db.libpqUrl(role, "one")));
      assertEquals(0, one.code(), command + "\n" + one);
      assertEquals(
          owner.out().replace(db.libpqUrl().replaceFirst("^postgresql://[^@]*@", ""), "URL"),
          one.out().replace(db.libpqUrl().replaceFirst("^postgresql://[^@]*@", ""), "URL"),
          command);
    }
  }

  private static String[] concat(List<String> args, String url) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(url);
    return all.toArray(String[]::new);
  }
}
