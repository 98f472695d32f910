package dev.migrate.plan;

import dev.migrate.model.Change;
import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.MigrateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a revision as written on the command line into a position in the changelog: {@code head},
 * {@code base}, a changeset id, {@code id::author} or {@code path::id::author}, the tag a
 * tagDatabase change gives, or the start of an id that no other id shares, in that order.
 */
public final class Targets {
  /** The position before the first changeset. */
  public static final int BASE = -1;

  private Targets() {}

  /**
   * The index of the last changeset the target includes; {@link #BASE} for base. A tag is taken as
   * Liquibase's update-to-tag takes it: the first changeset whose tagDatabase gives it, the case
   * counting.
   */
  public static int resolve(Changelog changelog, String revision) {
    return resolve(changelog, revision, false).index();
  }

  /**
   * The index of the last changeset a downgrade to the target keeps. A tag is taken as Liquibase's
   * rollback takes it: the case aside, the last changeset that gives it; and that changeset is
   * undone too when tagging is all it does.
   */
  public static int kept(Changelog changelog, String revision) {
    Position p = resolve(changelog, revision, true);
    return p.byTag() && onlyTags(changelog.changesets().get(p.index())) ? p.index() - 1 : p.index();
  }

  /**
   * The index of the changeset a downgrade's target names: as {@link #kept}, but a changeset that
   * only tags is named itself, though it is undone.
   */
  public static int named(Changelog changelog, String revision) {
    return resolve(changelog, revision, true).index();
  }

  private static boolean onlyTags(Changeset c) {
    return c.steps().size() == 1 && c.steps().get(0).change() instanceof Change.TagDatabase;
  }

  // A position in the changelog, and whether a tag gave it.
  private record Position(int index, boolean byTag) {}

  private static Position resolve(Changelog changelog, String revision, boolean rollback) {
    if (revision.equals("head")) {
      return new Position(changelog.size() - 1, false);
    }
    if (revision.equals("base")) {
      return new Position(BASE, false);
    }
    String[] parts = revision.split("::", -1);
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < changelog.size(); i++) {
      Changeset c = changelog.changesets().get(i);
      boolean match =
          switch (parts.length) {
            case 1 -> c.id().equals(parts[0]);
            case 2 -> c.id().equals(parts[0]) && c.author().equals(parts[1]);
            case 3 ->
                c.path().equals(parts[0]) && c.id().equals(parts[1]) && c.author().equals(parts[2]);
            default -> false;
          };
      if (match) {
        matches.add(i);
      }
    }
    Integer tagged =
        matches.isEmpty() && parts.length == 1 ? tagged(changelog, revision, rollback) : null;
    if (tagged != null) {
      return new Position(tagged, true); // an id of that name came first
    }
    if (matches.isEmpty() && parts.length == 1 && !revision.isEmpty()) {
      // As Alembic takes a revision: the start of an id stands for it when no other id starts so.
      for (int i = 0; i < changelog.size(); i++) {
        if (changelog.changesets().get(i).id().startsWith(revision)) {
          matches.add(i);
        }
      }
    }
    if (matches.size() == 1) {
      return new Position(matches.get(0), false);
    }
    if (matches.isEmpty()) {
      throw MigrateException.invalid(
          "unknown revision '"
              + revision
              + "': "
              + (parts.length == 1 ? "no changeset has that id or tag" : "no changeset matches it")
              + ". Use head, base, an id, id::author, path::id::author or a tag"
              + nearby(changelog, parts[parts.length == 3 ? 1 : 0]));
    }
    StringBuilder message =
        new StringBuilder(
            "revision '" + revision + "' is ambiguous; say which with path::id::author:");
    for (int i : matches) {
      message.append("\n  ").append(changelog.changesets().get(i).key());
    }
    throw MigrateException.invalid(message.toString());
  }

  // The changeset a tag names (for a rollback, the last that gives it); null for no such tag.
  private static Integer tagged(Changelog changelog, String tag, boolean rollback) {
    List<Changeset> all = changelog.changesets();
    for (int n = 0; n < all.size(); n++) {
      int i = rollback ? all.size() - 1 - n : n;
      String given = all.get(i).tag();
      if (rollback ? tag.equalsIgnoreCase(given) : tag.equals(given)) {
        return i;
      }
    }
    return null;
  }

  // A few ids close to the one given (a typo or two apart, or sharing its start).
  private static String nearby(Changelog changelog, String id) {
    List<String> similar =
        changelog.changesets().stream()
            .map(Changeset::id)
            .filter(
                x -> distance(x, id) <= 2 || (id.length() >= 4 && x.startsWith(id.substring(0, 4))))
            .distinct()
            .limit(5)
            .toList();
    return similar.isEmpty() ? "" : " (similar ids: " + String.join(", ", similar) + ")";
  }

  /** Levenshtein distance: the edits that turn one text into the other. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
