package dev.migrate.generative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a failing generated changelog smaller: its changesets are left out one at a time, from the
 * last, each time the changelog without it still fails the same way. A changeset others need is
 * kept, since leaving it out makes Liquibase itself refuse the changelog, which is another failure.
 */
final class Shrink {
  private Shrink() {}

  /** The smallest changelog found, as YAML; {@code stillFails} runs one candidate. */
  static String changesets(String yaml, Predicate<String> stillFails) {
    List<String> parts = Arrays.asList(yaml.split("(?=\n  - changeSet:\n)"));
    String head = parts.get(0);
    List<String> kept = new ArrayList<>(parts.subList(1, parts.size()));
    for (int i = kept.size() - 1; i >= 0 && kept.size() > 1; i--) {
      List<String> without = new ArrayList<>(kept);
      without.remove(i);
      if (stillFails.test(head + String.join("", without))) {
        kept = without;
      }
    }
    return head + String.join("", kept);
  }
}
