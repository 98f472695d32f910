package dev.migrate.generative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a failing generated changelog smaller: its changesets are left out one at a time, from the
 * last, each time the changelog without it still fails the same way; then, in the changesets left,
 * the changes one at a time. A changeset or change others need is kept, since leaving it out makes
 * Liquibase itself refuse the changelog, which is another failure.
 */
final class Shrink {
  // A changeset's changes: the items under "changes:", up to the next key of the changeset.
  private static final Pattern CHANGES =
      Pattern.compile("(?s)\n      changes:\n(.*?)(?=\n      \\S|$)");

  private Shrink() {}

  /** The smallest changelog found, as YAML; {@code stillFails} runs one candidate. */
  static String changelog(String yaml, Predicate<String> stillFails) {
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
    for (int i = kept.size() - 1; i >= 0; i--) {
      List<String> changes = changes(kept.get(i));
      for (int c = changes.size() - 1; c >= 0 && changes.size() > 1; c--) {
        List<String> fewer = new ArrayList<>(changes);
        fewer.remove(c);
        List<String> candidate = new ArrayList<>(kept);
        candidate.set(i, withChanges(kept.get(i), fewer));
        if (stillFails.test(head + String.join("", candidate))) {
          kept = candidate;
          changes = fewer;
        }
      }
    }
    String shrunk = head + String.join("", kept);
    return yaml.endsWith("\n") && !shrunk.endsWith("\n") ? shrunk + "\n" : shrunk;
  }

  // The changes of one changeset, each item with its continuation lines.
  static List<String> changes(String changeset) {
    Matcher m = CHANGES.matcher(changeset);
    if (!m.find()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : m.group(1).split("(?m)(?=^        - )")) {
      if (!item.isBlank()) {
        items.add(item.endsWith("\n") ? item : item + "\n");
      }
    }
    return items;
  }

  static String withChanges(String changeset, List<String> changes) {
    Matcher m = CHANGES.matcher(changeset);
    m.find();
    String section = String.join("", changes);
    return changeset.substring(0, m.start(1))
        + section.substring(0, section.length() - 1)
        + changeset.substring(m.end(1));
  }
}
