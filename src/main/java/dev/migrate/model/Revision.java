package dev.migrate.model;

import java.time.Instant;

/** A row of the revision table: one changeset that was applied, stamped or marked as ran. */
public record Revision(
    String id,
    String author,
    String filename,
    int seq,
    String checksum,
    Status status,
    Instant appliedAt,
    long durationMs,
    int stepsRun,
    int stepsSkipped,
    String deploymentId,
    String toolVersion,
    String description,
    String tag) {

  /** How the row came to be. */
  public enum Status {
    /** The changeset's steps ran (or were skipped by their guards). */
    APPLIED,
    /** Recorded by {@code stamp} without running anything. */
    STAMPED,
    /** A precondition failed with {@code onFail: MARK_RAN}: recorded, not run. */
    MARK_RAN
  }

  public boolean identifies(Changeset changeset) {
    return changeset.sameIdentity(id, author, filename);
  }

  public String key() {
    return filename + "::" + id + "::" + author;
  }
}
