package dev.migrate.fuzz;

import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Runs one input and says what is wrong with the outcome: first {@code upgrade --sql} without a
 * database; a refusal is then repeated against {@code steady}, a database that must not change; an
 * accepted input is run against a fresh database holding a sentinel table that must survive.
 */
final class Probe {
  /** What happened; {@code kind} is the figure it counts under. */
  record Outcome(
      String kind, Cli.Result offline, Cli.Result online, boolean hung, String printed) {}

  private final Runs runs;
  private final TestDb steady;
  private final List<String> steadyPrint;
  private final Connection steadyConnection;
  private TestDb work;
  private int uses;

  Probe(Runs runs, TestDb steady) {
    this.runs = runs;
    this.steady = steady;
    steady.execute(
        "CREATE TABLE fuzz_sentinel (id int PRIMARY KEY)", "INSERT INTO fuzz_sentinel VALUES (1)");
    Cli.Result example =
        new Cli()
            .run(
                "--url",
                steady.libpqUrl(),
                "--changelog",
                "changelogs/examples/imports/changelog.yaml",
                "upgrade");
    if (example.code() != 0) {
      throw new IllegalStateException("the example does not apply: " + example);
    }
    this.steadyPrint = Catalog.fingerprint(steady);
    try {
      this.steadyConnection = steady.server.connect(steady.name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Outcome check(FuzzCase input, Path dir, boolean mayRunOnline, List<String> problems) {
    Cli.Result offline = runs.run(dir, Map.of(), "upgrade", "--sql", "--changelog", input.root());
    if (offline == null) {
      problems.add("upgrade --sql gave no answer in " + Runs.TIMEOUT_SECONDS + " s (a hang)");
      return new Outcome("hang", null, null, true, "");
    }
    String printed = offline.toString();
    if (offline.code() == 2) {
      problems.addAll(OutputRules.refusal(offline, input));
      String walBefore = Catalog.walEnd(steadyConnection);
      Cli.Result online =
          runs.run(
              dir, Map.of(), "--url", steady.libpqUrl(), "--changelog", input.root(), "upgrade");
      if (online == null) {
        problems.add(
            "upgrade against a database gave no answer (a hang) after --sql refused the input");
        return new Outcome("hang", offline, null, true, printed);
      }
      if (online.code() != 2) {
        problems.add(
            "--sql refused the input (exit 2), upgrade against a database gave exit "
                + online.code());
      }
      problems.addAll(OutputRules.clean(online, input));
      // The log not moved proves nothing was written; if it moved (autovacuum, say), compare the
      // catalogs.
      if (!Catalog.walEnd(steadyConnection).equals(walBefore)) {
        List<String> after = Catalog.fingerprint(steadyConnection);
        if (!after.equals(steadyPrint)) {
          problems.add(
              "the database changed although upgrade exited 2: " + difference(steadyPrint, after));
        }
      }
      return new Outcome(
          "refused", offline, online, false, printed + "\n--- against a database: " + online);
    }
    if (offline.code() != 0) {
      problems.add("upgrade --sql exited " + offline.code() + "; only 0 or 2 are right");
      problems.addAll(OutputRules.clean(offline, input));
      return new Outcome("exit " + offline.code(), offline, null, false, printed);
    }
    problems.addAll(OutputRules.clean(offline, input));
    if (input.mustFail()) {
      problems.add("a " + input.mutation() + " input was accepted; it must be refused");
    }
    if (!mayRunOnline) {
      return new Outcome("accepted", offline, null, false, printed);
    }
    return online(input, dir, offline, problems);
  }

  private Outcome online(FuzzCase input, Path dir, Cli.Result offline, List<String> problems) {
    TestDb fresh = workDatabase();
    List<String> before = Catalog.fingerprint(fresh);
    Cli.Result online =
        runs.run(dir, Map.of(), "--url", fresh.libpqUrl(), "--changelog", input.root(), "upgrade");
    String printed =
        offline + "\n--- against a database: " + (online == null ? "no answer" : online);
    if (online == null) {
      problems.add(
          "upgrade against a database gave no answer in " + Runs.TIMEOUT_SECONDS + " s (a hang)");
      return new Outcome("hang", offline, null, true, printed);
    }
    problems.addAll(OutputRules.clean(online, input));
    if (!fresh.tableExists("fuzz_sentinel")
        || !"1".equals(fresh.one("SELECT count(*) FROM public.fuzz_sentinel"))) {
      problems.add("the sentinel table lost its row or is gone: a name ran as SQL");
    }
    switch (online.code()) {
      case 0 -> checkName(input, fresh, problems);
      case 1 -> {
        if (online.err().lines().noneMatch(l -> l.startsWith("error: "))) {
          problems.add("exit 1 without an 'error: ' line");
        }
      }
      case 2 -> {
        problems.addAll(OutputRules.refusal(online, input));
        List<String> after = Catalog.fingerprint(fresh);
        if (!after.equals(before)) {
          problems.add(
              "the database changed although upgrade exited 2: " + difference(before, after));
        }
      }
      default -> problems.add("upgrade against a database exited " + online.code());
    }
    return new Outcome("accepted, online exit " + online.code(), offline, online, false, printed);
  }

  private static String difference(List<String> before, List<String> after) {
    List<String> gone = new java.util.ArrayList<>(before);
    gone.removeAll(after);
    List<String> added = new java.util.ArrayList<>(after);
    added.removeAll(before);
    return "gone " + gone + ", new " + added;
  }

  // A run that succeeded with a hostile table name made exactly that table, as PostgreSQL stores
  // it.
  private static void checkName(FuzzCase input, TestDb db, List<String> problems) {
    if (input.expectedTable() == null) {
      return;
    }
    String name = input.expectedTable();
    // As written, folded to lower case, trimmed, or with line breaks as spaces (XML normalises
    // attribute values so).
    String spaced = name.replaceAll("[\\n\\r\\t]", " ");
    List<String> candidates =
        List.of(
            name,
            name.toLowerCase(java.util.Locale.ROOT),
            name.strip(),
            name.strip().toLowerCase(java.util.Locale.ROOT),
            spaced,
            spaced.strip(),
            spaced.toLowerCase(java.util.Locale.ROOT));
    List<String> tables =
        db.rows(
            "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname <> 'fuzz_sentinel' AND relname NOT LIKE 'migrate\\_%'");
    if (candidates.stream().map(Probe::stored).noneMatch(tables::contains)) {
      problems.add(
          "exit 0, but no table named as written (" + name + "); the tables are " + tables);
    }
  }

  /** A name as PostgreSQL keeps it: at most 63 bytes, never a character cut in two. */
  static String stored(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 63) {
      return name;
    }
    int end = 63;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  // A fresh database costs a checkpoint; emptying one costs little. Every so often a new one all
  // the
  // same, in case a changeset left something behind that no schema holds.
  private TestDb workDatabase() {
    if (work == null || ++uses >= 100) {
      if (work != null) {
        drop(work);
      }
      work = new TestDb("fuzz_work");
      uses = 0;
    } else {
      work.execute(
          """
          DO $$
          DECLARE s text;
          BEGIN
            FOR s IN SELECT nspname FROM pg_namespace
                WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
            LOOP
              EXECUTE format('DROP SCHEMA %I CASCADE', s);
            END LOOP;
          END $$""",
          "CREATE SCHEMA public");
    }
    work.execute(
        "CREATE TABLE fuzz_sentinel (id int PRIMARY KEY)", "INSERT INTO fuzz_sentinel VALUES (1)");
    return work;
  }

  private static void drop(TestDb db) {
    try (Connection c = db.server.connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db.name + " WITH (FORCE)");
    } catch (java.sql.SQLException e) {
      // left for the server's end of life; the next input gets a new database anyway
    }
  }
}
