package dev.migrate.engine;

/**
 * One thing {@code check}, {@code current -v} or {@code stamp} finds out of order: what kind, which
 * changeset (id and author; a recorded row's key for an unknown one), where, the change type, and
 * what exactly. {@link #line} is the sentence the text output prints.
 */
public record Problem(
    Kind kind, String changeset, String author, String location, String changeType, String detail) {

  /** The kinds, each printed as its lower-case name. */
  public enum Kind {
    /** Not applied yet. */
    PENDING,
    /** Applied, then edited: the recorded checksum differs. */
    CHANGED,
    /** Recorded, but the changelog has no such changeset. */
    UNKNOWN,
    /** What an applied changeset makes exists but differs. */
    DRIFT,
    /** What an applied changeset makes is not there. */
    MISSING,
    /** An index an applied changeset built concurrently is INVALID. */
    INVALID,
    /** What a changeset stamp would forget makes is still there. */
    PRESENT,
    /** A changeset stamp would forget ran data changes or raw SQL. */
    RAN
  }

  /** The line the text output prints. */
  public String line() {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    String head =
        String.format("%-9s %s", name, changeset) + (author == null ? "" : " (" + author + ")");
    return switch (kind) {
      case PENDING -> head + " at " + location;
      case CHANGED, UNKNOWN -> head + ": " + detail;
      default ->
          head
              + " at "
              + location
              + ", "
              + changeType
              + ": "
              + detail.replace("\n", "\n            ");
    };
  }
}
