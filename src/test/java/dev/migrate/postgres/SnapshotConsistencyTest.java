package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.support.TestDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The catalog snapshot is one moment of the database, though its halves are read on two connections
 * at once: while another session commits tables, each with its primary key, every table the
 * snapshot holds comes with its key. Read as two moments, a table committed between the two halves
 * came without its constraints, and a guard asking for them met nothing at all (found by
 * ConcurrencyIT: {@code check} beside running upgrades ended with an internal error).
 */
class SnapshotConsistencyTest {
  @Test
  void tablesCommittedWhileTheSnapshotIsReadComeWithTheirKeys() throws Exception {
    TestDb db = new TestDb("snapshot_moment");
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Integer> writer =
        CompletableFuture.supplyAsync(
            () -> {
              int made = 0;
              try (Connection c = db.server.connect(db.name);
                  Statement s = c.createStatement()) {
                // At most 500: the catalog, and each read of it, stays small.
                while (writing.get() && made < 500) {
                  s.execute("CREATE TABLE w_" + made + " (id int PRIMARY KEY, v text)");
                  made++;
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              return made;
            });
    List<String> torn = new ArrayList<>();
    try {
      for (int read = 0; read < 100 && !writer.isDone(); read++) {
        SchemaObjects objects =
            SchemaObjects.readAhead(
                    "public",
                    () -> {
                      try {
                        return db.server.connect(db.name);
                      } catch (SQLException e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .join();
        for (var table : objects.tables().entrySet()) {
          if (!table.getValue().isTable()) {
            continue;
          }
          List<ConstraintInfo> keys = objects.constraints().get(table.getKey());
          if (keys == null || keys.stream().noneMatch(k -> k.type().equals("p"))) {
            torn.add("read " + read + ": " + table.getKey() + " with constraints " + keys);
          }
        }
      }
    } finally {
      writing.set(false);
    }
    assertTrue(writer.join() > 0, "the writer made no table");
    assertEquals(List.of(), torn.subList(0, Math.min(5, torn.size())), torn.size() + " torn");
  }
}
