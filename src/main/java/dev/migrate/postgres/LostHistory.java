package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw statements that a rerun after lost history skips, because a later change has already moved on
 * what they need: an UPDATE that sets a column a later change renames or drops, an ADD COLUMN of a
 * column there under the name a later rename gives it, an ALTER TRIGGER or POLICY of one that later
 * raw SQL drops or makes again. The later changes decide whether to ask; the catalog question, one
 * text, decides whether to skip: {@code upgrade} asks it before the statement runs, the script
 * writes it as the statement's condition.
 */
final class LostHistory {
  private static final String NAME = SqlName.PATTERN;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern ALTER_ON_TABLE =
      Pattern.compile(
          "ALTER\\s+(TRIGGER|POLICY)\\s+" + NAME + "\\s+ON\\s+" + NAME + "\\s.*", FLAGS);
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + "(?!CONSTRAINT\\s|PRIMARY\\s|UNIQUE\\s|FOREIGN\\s|CHECK\\s)"
              + NAME
              + "\\s.*",
          FLAGS);
  private static final Pattern UPDATE =
      Pattern.compile(
          "UPDATE\\s+(?:ONLY\\s+)?" + NAME + "\\s+(?:AS\\s+[\\w$]+\\s+)?SET\\s+(.*)", FLAGS);

  // A statement on the table it names first (an index's table after ON).
  static final Pattern ON_TABLE =
      Pattern.compile(
          "(?:ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?|INSERT\\s+INTO\\s+"
              + "|UPDATE\\s+(?:ONLY\\s+)?|DELETE\\s+FROM\\s+(?:ONLY\\s+)?"
              + "|TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?"
              + "|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s[^;]*?\\bON\\s+(?:ONLY\\s+)?)"
              + NAME
              + "(?:\\s.*|\\(.*|;?\\s*)",
          FLAGS);

  private static final Pattern DROP_IDENTITY =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + NAME
              + "\\s+ALTER\\s+(?:COLUMN\\s+)?"
              + NAME
              + "\\s+DROP\\s+IDENTITY\\s*;?\\s*",
          FLAGS);

  /** Skip the statement, for {@code reason}, when the catalog holds {@code when}. */
  record Skip(CatalogQuestion when, String reason) {}

  private LostHistory() {}

  /** The skips that may apply to {@code code} (without leading comments); empty for most. */
  static List<Skip> of(String code, LaterChanges after, PgDdl ddl) {
    List<Skip> gone = RemovedSince.of(code, after, ddl);
    List<Skip> skips = ofStatement(code, after, ddl);
    if (gone.isEmpty()) {
      return skips;
    }
    List<Skip> all = new ArrayList<>(gone);
    all.addAll(skips);
    return all;
  }

  private static List<Skip> ofStatement(String code, LaterChanges after, PgDdl ddl) {
    Matcher m;
    if ((m = ON_TABLE.matcher(code)).matches()) {
      // Changelogs written for Liquibase sometimes alter its own tables; migrate keeps its own
      // history, and a database it made has no such table to alter.
      SqlName table = ddl.sqlName(m.group(1));
      if (ConstraintGuards.liquibaseTable(table.name())) {
        return List.of(
            new Skip(
                CatalogQuestion.relation(table).negated(),
                "table "
                    + table
                    + " is Liquibase's own, and absent: migrate keeps its history in its revision"
                    + " table"));
      }
    }
    if ((m = DROP_IDENTITY.matcher(code)).matches()) {
      // Its effect is in place where the column is there and no identity column any more.
      SqlName table = ddl.sqlName(m.group(1));
      String column = ddl.sqlName(m.group(2)).name();
      return List.of(
          new Skip(
              CatalogQuestion.identity(table, column, false),
              "column " + column + " of " + table + " is not an identity column"));
    }
    if ((m = UPDATE.matcher(code)).matches()) {
      return update(m, after, ddl);
    }
    if ((m = ADD_COLUMN.matcher(code)).matches()) {
      return addColumn(m, after, ddl);
    }
    if ((m = ALTER_ON_TABLE.matcher(code)).matches()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String object = ddl.sqlName(m.group(2)).name();
      SqlName table = ddl.sqlName(m.group(3));
      return after.redefinedBySql(kind, object)
          ? List.of(
              new Skip(
                  CatalogQuestion.onTable(kind, object, table).negated(),
                  kind
                      + " "
                      + object
                      + " on "
                      + table
                      + " is absent, and a later change drops or makes it again"))
          : List.of();
    }
    if (SqlForms.oneAction(code) && (m = SqlForms.ADD_CONSTRAINT.matcher(code)).matches()) {
      // Absent, and there under the name a later RENAME CONSTRAINT gives it: it is there.
      SqlName table = ddl.sqlName(m.group(1));
      String constraint = ddl.sqlName(m.group(2)).name();
      String renamed = RenamedLater.constraint(after, table.schema(), table.name(), constraint);
      return renamed == null
          ? List.of()
          : List.of(
              new Skip(
                  CatalogQuestion.constraint(table, constraint)
                      .negated()
                      .and(CatalogQuestion.constraint(table, renamed)),
                  "constraint "
                      + constraint
                      + " of "
                      + table
                      + " is there as "
                      + renamed
                      + ", renamed later"));
    }
    return renamedLater(code, after, ddl);
  }

  // A relation a CREATE makes, absent, and there under the name a later change renames it to (a
  // changeset outside a transaction killed after that rename, or lost history): as createTable or
  // createSequence finds it (Family.renamedLater), it is there.
  private static List<Skip> renamedLater(String code, LaterChanges after, PgDdl ddl) {
    SqlRemakes.Made made = SqlRemakes.made(code, ddl.sqlSchema());
    if (made != null && made.table() != null) {
      return renamedLaterOn(made, after);
    }
    if (made == null || made.temporary() || !made.kind().equals("relation")) {
      return List.of();
    }
    SqlName relation = made.name();
    SqlName place = RenamedLater.place(after, relation.schema(), relation.name());
    return place == null
        ? List.of()
        : List.of(
            new Skip(
                CatalogQuestion.relation(relation).negated().and(CatalogQuestion.relation(place)),
                relation + " is there as " + place + ", where later changes put it"));
  }

  // The same for a trigger, policy or rule on a table, which later raw SQL renames.
  private static List<Skip> renamedLaterOn(SqlRemakes.Made made, LaterChanges after) {
    String object = made.name().name();
    String now = RenamedLater.onTable(after, made.kind(), made.table().name(), object);
    return now == null
        ? List.of()
        : List.of(
            new Skip(
                CatalogQuestion.onTable(made.kind(), object, made.table())
                    .negated()
                    .and(CatalogQuestion.onTable(made.kind(), now, made.table())),
                made.kind()
                    + " "
                    + object
                    + " on "
                    + made.table()
                    + " is there as "
                    + now
                    + ", which a later change renames it to"));
  }

  /** The one condition the script writes: any of {@code skips} holds; null when there are none. */
  static CatalogQuestion any(List<Skip> skips) {
    CatalogQuestion any = null;
    for (Skip skip : skips) {
      any = any == null ? skip.when() : any.or(skip.when());
    }
    return any;
  }

  // A column it sets that the table lacks, and a later change renames or drops: the rows it filled
  // have moved on with that change, which accounts for them.
  private static List<Skip> update(Matcher m, LaterChanges after, PgDdl ddl) {
    SqlName table = ddl.sqlName(m.group(1));
    List<Skip> skips = new ArrayList<>();
    for (String assignment :
        SqlWords.topLevel(m.group(2).replaceFirst("(?is)\\s(FROM|WHERE|RETURNING)\\s.*$", ""))) {
      int eq = assignment.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String column = ddl.sqlName(assignment.substring(0, eq).strip()).name();
      if (after.columns().touchColumn(table.schema(), table.name(), column)) {
        skips.add(
            new Skip(
                CatalogQuestion.relation(table)
                    .and(CatalogQuestion.column(table, column).negated()),
                "column "
                    + column
                    + " of "
                    + table
                    + " that it sets is renamed or dropped by a later change"));
      }
    }
    return skips;
  }

  // Adding the column where it is there under its later name would make a second column that the
  // rename then meets. A column of the new name that a later change drops or renames away may be
  // the old one, still to go: then the name in place proves nothing, and the column is added.
  private static List<Skip> addColumn(Matcher m, LaterChanges after, PgDdl ddl) {
    SqlName table = ddl.sqlName(m.group(1));
    String column = ddl.sqlName(m.group(2)).name();
    String renamed = after.columns().columnRenamedTo(table.schema(), table.name(), column);
    if (renamed == null
        || after.columns().renamesOrDropsColumn(table.schema(), table.name(), renamed)) {
      return List.of();
    }
    return List.of(
        new Skip(
            CatalogQuestion.column(table, column)
                .negated()
                .and(CatalogQuestion.column(table, renamed)),
            "column " + column + " of " + table + " is there as " + renamed + ", renamed later"));
  }
}
