package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.core.Query;

/**
 * The statements with bind parameters that a run sends again and again in its round trips of held
 * statements: each changeset's claim and revision row, and the lock's proof. From the connection's
 * {@code prepareThreshold}-th use of the same text with the same kinds of values on, the statement
 * is kept prepared on the server, as pgjdbc keeps a PreparedStatement used that often: the server
 * then parses and plans it once, where it did so for every changeset (0.8 ms of the 6 the server
 * spent on each changeset of the benchmark, docs/benchmarks.md). A {@code prepareThreshold} of 0 in
 * the URL, for a pooler that cannot keep prepared statements, keeps none.
 *
 * <p>Statements sent together are parts of one query read by pgjdbc; a part that is kept is put in
 * place of the new one, with the same text and as many markers. The round trip in which a statement
 * is first kept names its parts on the server, and those not kept are then closed, as pgjdbc closes
 * the statements it no longer needs with the next one it sends.
 */
final class RecurringStatements {
  private static final class Kept {
    private int uses;
    private Query query;
    private boolean named;
  }

  private final int threshold;
  private final Map<String, Kept> kept = new HashMap<>();
  // Kept in the round trip being sent and not yet named on the server, and the parts not kept.
  private final List<Kept> naming = new ArrayList<>();
  private final List<Query> others = new ArrayList<>();

  /** Keeps statements from their {@code threshold}-th use; none when it is 0. */
  RecurringStatements(int threshold) {
    this.threshold = threshold < 0 ? 1 : threshold;
  }

  /**
   * Puts the kept statements in place of the parts of {@code query} that are the same, whose values
   * are {@code bound} in order; returns whether this round trip must name a part on the server
   * (sent without pgjdbc's one-shot flag), after which {@link #sent} says it went.
   */
  boolean keep(Query query, List<Object> bound) {
    Query[] parts = query.getSubqueries();
    naming.clear();
    others.clear();
    if (threshold == 0 || parts == null) {
      return false;
    }
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      int markers = parts[i].createParameterList().getParameterCount();
      Kept k =
          markers == 0
              ? null
              : kept.computeIfAbsent(key(parts[i], bound, at, markers), x -> new Kept());
      at += markers;
      if (k == null || ++k.uses < threshold) {
        others.add(parts[i]);
        continue;
      }
      if (k.query == null) {
        k.query = parts[i];
      }
      // pgjdbc's own array of parts: the server is sent the one put here.
      parts[i] = k.query;
      if (!k.named) {
        naming.add(k);
      }
    }
    return !naming.isEmpty();
  }

  /**
   * The round trip {@link #keep} prepared ended: when it {@code went}, what it named stays named;
   * either way the parts not kept are closed.
   */
  void sent(boolean went) {
    if (naming.isEmpty()) {
      return;
    }
    if (went) {
      naming.forEach(k -> k.named = true);
    }
    others.forEach(Query::close);
    naming.clear();
    others.clear();
  }

  // The statement's text and the kinds of its values: a null is bound with no type, and a statement
  // prepared for one type is parsed again for another.
  private static String key(Query part, List<Object> bound, int from, int markers) {
    StringBuilder key = new StringBuilder(part.getNativeSql()).append('\0');
    for (Object value : bound.subList(from, from + markers)) {
      key.append(value == null ? 'n' : value.getClass().getSimpleName().charAt(0));
    }
    return key.toString();
  }
}
