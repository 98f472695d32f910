package dev.migrate.engine;

import dev.migrate.model.MigrateException;
import dev.migrate.postgres.Jdbc;
import dev.migrate.postgres.OpaqueWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tries a statement whose writes its text does not show ({@link OpaqueWrites}), on a rerun over a
 * database ahead of its revision rows, to see whether it would change rows of a table that had rows
 * before this run and that this run did not begin writing: then it may have run before, as a raw
 * INSERT may (see {@link RowTrial}). It runs in a savepoint, rolled back, once to learn which
 * tables it writes, and, where one of them has rows, once more to compare those rows before and
 * after: a statement that writes the values in place (an upsert run again) changes nothing.
 */
final class OpaqueTrial {
  private final Jdbc jdbc;

  OpaqueTrial(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Null when the statement may run; otherwise why it stops the changeset.
   *
   * @param inside a run may have been killed inside the changeset (see {@link
   *     RowTrial.Outcome#NOT_YET}): a statement that a second run right after the first leaves as
   *     it was, or that a unique key then refuses, had not run before the kill, and runs
   */
  String mayHaveRun(String sql, Set<String> written, boolean inside) {
    // Outside a transaction (runInTransaction: false) the trial opens one of its own.
    boolean own = !jdbc.inTransaction();
    if (own) {
      jdbc.begin();
    }
    try {
      return trial(sql, written, inside);
    } finally {
      if (own) {
        jdbc.rollback();
      }
    }
  }

  private String trial(String sql, Set<String> written, boolean inside) {
    Map<Long, String> before = states();
    Map<Long, String> after = tried(sql, this::states);
    if (after == null) {
      return null; // it failed here: it runs the usual way, and its error or excuse decides
    }
    List<Long> wrote = new ArrayList<>();
    after.forEach(
        (oid, n) -> {
          if (!n.equals(before.get(oid))) {
            wrote.add(oid);
          }
        });
    List<String[]> held = new ArrayList<>(); // schema and name of each table it wrote that had rows
    if (!wrote.isEmpty()) {
      for (String[] table :
          jdbc.query(
              OpaqueWrites.named(wrote), r -> new String[] {r.getString(1), r.getString(2)})) {
        String key = OpaqueWrites.key(table[0], table[1]);
        if (written.contains(key)) {
          continue; // its rows are all this run's
        }
        if (Boolean.TRUE.equals(
            jdbc.queryFirst(OpaqueWrites.hasRows(table[0], table[1]), r -> r.getBoolean(1)))) {
          held.add(table);
        } else {
          written.add(key); // empty: what is written from here on is this run's
        }
      }
    }
    if (held.isEmpty()) {
      return null;
    }
    List<String> was = fingerprints(held);
    jdbc.execute("SAVEPOINT migrate_opaque");
    try {
      jdbc.execute(sql);
      List<String> now = fingerprints(held);
      if (was.equals(now)
          || (inside && RowTrial.changesNoMore(jdbc, sql, () -> fingerprints(held), now))) {
        return null;
      }
      int i = 0;
      while (was.get(i).equals(now.get(i))) {
        i++;
      }
      return OpaqueWrites.mayHaveRun(held.get(i)[0], held.get(i)[1], sql);
    } catch (MigrateException e) {
      return null; // it failed here: it runs the usual way, and its error or excuse decides
    } finally {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_opaque");
    }
  }

  // What {@code read} reads right after the statement ran in a savepoint, rolled back; null when
  // the statement failed.
  private <T> T tried(String sql, java.util.function.Supplier<T> read) {
    jdbc.execute("SAVEPOINT migrate_opaque");
    try {
      jdbc.execute(sql);
      return read.get();
    } catch (MigrateException e) {
      return null;
    } finally {
      jdbc.execute("ROLLBACK TO SAVEPOINT migrate_opaque");
    }
  }

  private Map<Long, String> states() {
    Map<Long, String> states = new HashMap<>();
    for (Map.Entry<Long, String> row :
        jdbc.query(OpaqueWrites.STATES, r -> Map.entry(r.getLong(1), r.getString(2)))) {
      states.put(row.getKey(), row.getValue());
    }
    return states;
  }

  private List<String> fingerprints(List<String[]> tables) {
    List<String> prints = new ArrayList<>();
    for (String[] table : tables) {
      prints.add(
          jdbc.queryFirst(OpaqueWrites.fingerprint(table[0], table[1]), r -> r.getString(1)));
    }
    return prints;
  }
}
