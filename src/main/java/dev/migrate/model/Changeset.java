package dev.migrate.model;

import java.util.List;

/**
 * A changeset: the unit that is applied, recorded and stamped as a whole.
 *
 * @param path the changelog path as written in the include chain; part of the identity
 * @param checksum a digest of the changes, so an edited applied changeset is noticed
 * @param preconditions null when the changeset has none
 */
public record Changeset(
    String id,
    String author,
    String path,
    Location location,
    String comment,
    boolean runInTransaction,
    List<Step> steps,
    Preconditions preconditions,
    String checksum) {

  /** The identity written on the command line and in reports: {@code path::id::author}. */
  public String key() {
    return path + "::" + id + "::" + author;
  }

  public boolean sameIdentity(String otherId, String otherAuthor, String otherPath) {
    return id.equals(otherId) && author.equals(otherAuthor) && path.equals(otherPath);
  }
}
