package dev.migrate.corpus;

import dev.migrate.support.SharedCorpus;
import dev.migrate.support.TestDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One line of ../shared/corpus/entries.tsv: a real Liquibase project, its master changelog, the
 * arguments Liquibase got after {@code update}, and the SQL that removes what it leaves in the
 * cluster. A line added there is a new test case, with no change here.
 *
 * @param args {@code -Dname=value} and {@code --contexts=…}, each one argument
 * @param cleanup run in the maintenance database once the entry's databases are dropped; may be
 *     empty
 */
record CorpusEntry(String name, String format, String master, List<String> args, String cleanup) {
  @Override
  public String toString() {
    return name;
  }

  Path directory() {
    return SharedCorpus.directory().resolve(name);
  }

  /**
   * Every entry of the manifest, in its order; fields are tab-separated and may be empty.
   * MIGRATE_CORPUS_ENTRIES=a,b narrows a run to those entries while working on them.
   */
  static Stream<CorpusEntry> all() {
    String only = System.getenv("MIGRATE_CORPUS_ENTRIES");
    List<String> wanted = only == null || only.isBlank() ? null : List.of(only.split("\\s*,\\s*"));
    return manifest().filter(e -> wanted == null || wanted.contains(e.name()));
  }

  private static Stream<CorpusEntry> manifest() {
    Path manifest = SharedCorpus.directory().resolve("entries.tsv");
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> header = List.of(lines.get(0).split("\t", -1));
    List<CorpusEntry> entries = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      String args = fields[header.indexOf("args")].trim();
      entries.add(
          new CorpusEntry(
              fields[header.indexOf("entry")],
              fields[header.indexOf("format")],
              fields[header.indexOf("master")],
              args.isEmpty() ? List.of() : Arrays.asList(args.split(" +")),
              fields[header.indexOf("cleanup")].trim()));
    }
    return entries.stream();
  }

  /**
   * Drops the databases (cluster-wide leftovers such as roles outlive them), then runs the
   * clean-up.
   */
  void dropAndCleanUp(TestDb... databases) {
    TestDb any = databases[0];
    try (Connection c = any.server.connect("postgres");
        Statement s = c.createStatement()) {
      for (TestDb db : databases) {
        s.execute("DROP DATABASE IF EXISTS " + db.name + " WITH (FORCE)");
      }
      if (!cleanup.isEmpty()) {
        s.execute(cleanup);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
