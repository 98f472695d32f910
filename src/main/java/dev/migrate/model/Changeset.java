package dev.migrate.model;

import java.util.List;

/**
 * A changeset: the unit that is applied, recorded and stamped as a whole.
 *
 * @param path the changelog path as written in the include chain; part of the identity
 * @param checksum a digest of the changes, so an edited applied changeset is noticed
 * @param preconditions null when the changeset has none
 * @param modifySql rewrites of the generated SQL that apply on PostgreSQL, in order
 * @param validCheckSums stored checksums that still count as this changeset ("ANY" for all)
 * @param onlyOtherDatabases every change names another dbms: nothing runs and, as in Liquibase,
 *     nothing is recorded
 * @param rollback how downgrade undoes it
 * @param timeouts this changeset's own timeouts
 * @param earlierChecksum the checksum an earlier version recorded for this changeset where it
 *     differs (an {@code m1:} one of a changeset that reads files), which still counts; or null
 * @param writtenAs the id and author as the file writes them where Liquibase reads them otherwise
 *     (a YAML {@code id: 007} is {@code 7}), under which an earlier version recorded them; or null
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
    String checksum,
    List<ModifySql> modifySql,
    boolean runOnChange,
    boolean runAlways,
    boolean failOnError,
    List<String> validCheckSums,
    boolean onlyOtherDatabases,
    Rollback rollback,
    Timeouts timeouts,
    boolean markRanIfEdited,
    String earlierChecksum,
    WrittenAs writtenAs) {

  /** An id and author as written in the file. */
  public record WrittenAs(String id, String author) {}

  /**
   * A changeset's own {@code lockTimeout} / {@code statementTimeout} (migrate extension keys, in
   * milliseconds; Liquibase ignores them); null where the command line's apply.
   */
  public record Timeouts(Long lockTimeoutMillis, Long statementTimeoutMillis) {
    public static final Timeouts NONE = new Timeouts(null, null);
  }

  /** The identity written on the command line and in reports: {@code path::id::author}. */
  public String key() {
    return path + "::" + id + "::" + author;
  }

  /** The identity under the id and author as written, or null where they read as written. */
  public String writtenKey() {
    return writtenAs == null ? null : path + "::" + writtenAs.id + "::" + writtenAs.author;
  }

  public boolean sameIdentity(String otherId, String otherAuthor, String otherPath) {
    return id.equals(otherId) && author.equals(otherAuthor) && path.equals(otherPath);
  }

  /**
   * Whether a recorded checksum still counts: the same, the one an earlier version recorded, listed
   * in validCheckSum, or ANY.
   */
  public boolean accepts(String recordedChecksum) {
    return checksum.equals(recordedChecksum)
        || recordedChecksum.equals(earlierChecksum)
        || validCheckSums.stream()
            .anyMatch(
                v -> v.equalsIgnoreCase("ANY") || v.equals("1:any") || v.equals(recordedChecksum));
  }

  /** The tag this changeset's tagDatabase steps leave (the last one's), or null. */
  public String tag() {
    return steps.stream()
        .filter(s -> s.change() instanceof Change.TagDatabase)
        .map(s -> ((Change.TagDatabase) s.change()).tag())
        .reduce((first, last) -> last)
        .orElse(null);
  }
}
