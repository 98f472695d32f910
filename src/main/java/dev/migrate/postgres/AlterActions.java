package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.SqlSplitter;
import dev.migrate.plan.RestOfStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ALTER TABLE that lists several actions ({@code ADD COLUMN a …, ALTER COLUMN b TYPE …}), each
 * of which is guarded as the statement of that action alone is. One statement is all or nothing, so
 * a crash leaves all of it or none of it; found in part (made by hand, or by another tool), only
 * the actions whose effect is missing run, in one statement, in their order. An action on a column
 * or constraint that an earlier running action also works on runs with it as written: what the
 * catalog shows of that object now is what the earlier action is about to change.
 *
 * @param head the statement up to its table's name ({@code ALTER TABLE ONLY public.t})
 * @param actions the actions, comments taken out, in order
 */
record AlterActions(String head, List<String> actions) {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern STATEMENT =
      Pattern.compile(
          "(ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
              + SqlName.PATTERN
              + "(?:\\s*\\*)?)\\s+(.*?)[\\s;]*",
          FLAGS);
  // The column or constraint an action names first; keywords of unnamed constraints are harmless.
  private static final Pattern TARGET =
      Pattern.compile(
          "(?:ADD|DROP|ALTER)\\s+(?:COLUMN\\s+|CONSTRAINT\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
              + SqlName.PATTERN
              + "(?:\\s.*)?",
          FLAGS);

  /** The actions of an ALTER TABLE statement that lists two or more; null for another statement. */
  static AlterActions of(String code) {
    if (code.length() < 12 || !code.regionMatches(true, 0, "ALTER", 0, 5)) {
      return null; // most statements are not ALTER TABLE: no pattern is matched for them
    }
    Matcher m = STATEMENT.matcher(SqlSplitter.withoutComments(code).strip());
    if (!m.matches()) {
      return null;
    }
    List<String> actions = SqlWords.topLevel(m.group(3));
    return actions.size() < 2 || actions.stream().anyMatch(String::isEmpty)
        ? null
        : new AlterActions(m.group(1), actions);
  }

  /** Whether {@code code} is such a statement with an action of a form the guards know. */
  static boolean anyKnown(String code) {
    AlterActions actions = of(code);
    return actions != null && actions.alone().stream().anyMatch(SqlForms::known);
  }

  /** The statement of action {@code i} alone. */
  String alone(int i) {
    return head + " " + actions.get(i);
  }

  /** The statement of each action alone, in order. */
  List<String> alone() {
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      statements.add(alone(i));
    }
    return statements;
  }

  /** The statement of the actions {@code runs} marks, in their order. */
  String only(boolean[] runs) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      if (runs[i]) {
        kept.add(actions.get(i));
      }
    }
    return head + " " + String.join(", ", kept);
  }

  /** The earlier actions that work on the column or constraint action {@code i} works on. */
  List<Integer> sameTargetBefore(int i) {
    String target = target(actions.get(i));
    List<Integer> before = new ArrayList<>();
    for (int j = 0; target != null && j < i; j++) {
      if (target.equals(target(actions.get(j)))) {
        before.add(j);
      }
    }
    return before;
  }

  /** Whether action {@code i} follows an earlier action marked in {@code runs} on its object. */
  boolean followsRunning(int i, boolean[] runs) {
    return sameTargetBefore(i).stream().anyMatch(j -> runs[j]);
  }

  /**
   * The script's side of the same decision: PL/pgSQL lines that run the actions whose question says
   * they are not done (and those following a running action on their object), in one statement;
   * null when no action has a question, and the statement runs as written. A column an ADD COLUMN
   * finds there is compared first, as upgrade compares it.
   */
  List<String> script(SqlObjects objects, List<Change> later, PgDdl ddl) {
    List<String> alone = alone();
    List<String> probes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> declare = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    List<String> pieces = new ArrayList<>();
    boolean asked = false;
    for (int i = 0; i < alone.size(); i++) {
      String code = alone.get(i);
      LaterChanges rest = new LaterChanges(new RestOfStep(alone, i, later), ddl);
      SqlObjects.Done done = objects.done(code);
      CatalogQuestion skip = LostHistory.any(LostHistory.of(code, rest, ddl));
      CatalogQuestion question =
          done == null ? skip : skip == null ? done.question() : done.question().or(skip);
      // An unnamed constraint is tried alone, before the statement, as upgrade tries it.
      List<String> probe = UnnamedObjects.probe(code, ddl, UnnamedObjects.FOUND + "_" + i);
      if (probe != null) {
        probes.addAll(probe);
        CatalogQuestion found = UnnamedObjects.found(UnnamedObjects.FOUND + "_" + i);
        question = question == null ? found : question.or(found);
      }
      List<Integer> before = sameTargetBefore(i);
      Change.AddColumn added = SqlTableColumns.added(code, ddl.sqlSchema());
      if (added != null && before.isEmpty()) {
        checks.add(TableShape.presentColumnsCheck(added, rest, ddl));
      }
      StringBuilder runs =
          new StringBuilder(question == null ? "true" : question.negated().literal());
      before.forEach(j -> runs.append(" OR migrate_action_").append(j));
      asked |= question != null;
      names.add("migrate_action_" + i);
      declare.add("  " + names.get(i) + " boolean := " + runs + ";");
      pieces.add("CASE WHEN " + names.get(i) + " THEN " + literal(actions.get(i)) + " END");
    }
    if (!asked) {
      return null;
    }
    List<String> block = new ArrayList<>(probes);
    block.add("DECLARE\n" + String.join("\n", declare) + "\nBEGIN");
    block.addAll(checks);
    block.add(
        "IF "
            + String.join(" OR ", names)
            + " THEN\n  EXECUTE "
            + literal(head + " ")
            + " || concat_ws(', ', "
            + String.join(", ", pieces)
            + ");\nEND IF;");
    block.add("END;");
    return block;
  }

  private static String target(String action) {
    Matcher m = TARGET.matcher(action);
    if (!m.matches()) {
      return null;
    }
    String name = m.group(1);
    return name.startsWith("\"") ? name : name.toLowerCase(Locale.ROOT);
  }
}
