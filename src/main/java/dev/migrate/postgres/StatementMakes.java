package dev.migrate.postgres;

import dev.migrate.model.Change;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a raw statement makes, for a rerun that looks for evidence that the database went further:
 * the object's key, the same as a structured step that makes it has, and whether it is in place.
 */
public final class StatementMakes {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final Replay replay;
  private final SqlChanges changes;

  StatementMakes(PgCatalog catalog, PgDdl ddl, Replay replay) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.replay = replay;
    this.changes = new SqlChanges(ddl);
  }

  /**
   * The key of the object a raw-SQL statement makes (as {@link Replay#madeKey} gives it for a
   * step), or null.
   */
  public String madeKey(String statement) {
    String created = SqlRemakes.created(statement, ddl.sqlSchema());
    if (created != null) {
      return created;
    }
    Matcher m = ADDS.matcher(SqlName.withoutLeadingComments(statement));
    if (!m.matches()) {
      return null;
    }
    SqlName table = SqlName.of(m.group(1), ddl.sqlSchema());
    return m.group(2) != null
        ? "constraint:" + table.name() + "." + SqlName.of(m.group(2), "").name()
        : "column:" + table + "." + SqlName.of(m.group(3), "").name();
  }

  // ALTER TABLE t ADD CONSTRAINT c …, or ADD [COLUMN] c …: what it makes has a key too.
  private static final Pattern ADDS =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "\\s+ADD\\s+(?:CONSTRAINT\\s+"
              + SqlName.PATTERN
              + "|(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?!PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s|EXCLUDE\\s)"
              + SqlName.PATTERN
              + ")\\s.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * Whether the object a raw statement makes ({@link #madeKey}) is in place: as {@link
   * Replay#inPlace} says of the structured change it amounts to, else by the object it makes,
   * looked for under the name later renames give a relation too; null where nothing tells.
   */
  public Boolean inPlace(String statement, List<Change> later) {
    CatalogQuestion placed = placed(statement, later);
    return placed == null ? null : catalog.holds(placed);
  }

  /** The question {@link #inPlace} asks, one text for {@code upgrade} and the script. */
  CatalogQuestion placed(String statement, List<Change> later) {
    String code = SqlName.withoutLeadingComments(statement);
    Change structured = changes.asChange(code);
    if (structured != null) {
      return replay.placed(structured, later);
    }
    SqlRemakes.Made made = SqlRemakes.made(code, ddl.sqlSchema());
    if (made != null) {
      CatalogQuestion renamed = underLaterName(made, later);
      return renamed == null ? made.present() : made.present().or(renamed);
    }
    Matcher m = ADDS.matcher(code);
    if (m.matches() && m.group(2) != null) {
      return CatalogQuestion.constraint(
          SqlName.of(m.group(1), ddl.sqlSchema()).toString(), SqlName.of(m.group(2), "").name());
    }
    return null;
  }

  /**
   * Whether the relation a raw statement makes is absent under its name and there under the one
   * later renames give it: found so, its guard makes it again, yet the database went further.
   */
  public boolean underLaterName(String statement, List<Change> later) {
    SqlRemakes.Made made =
        SqlRemakes.made(SqlName.withoutLeadingComments(statement), ddl.sqlSchema());
    if (made == null || catalog.holds(made.present())) {
      return false;
    }
    CatalogQuestion renamed = underLaterName(made, later);
    return renamed != null && catalog.holds(renamed);
  }

  // The relation under the name later renames give it; null where none renames it.
  private CatalogQuestion underLaterName(SqlRemakes.Made made, List<Change> later) {
    String renamed =
        made.kind().equals("relation")
            ? new LaterChanges(later, ddl)
                .relationRenamedTo(made.name().schema(), made.name().name())
            : null;
    return renamed == null
        ? null
        : CatalogQuestion.relation(new SqlName(made.name().schema(), renamed));
  }
}
