package dev.migrate.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Change;
import dev.migrate.plan.ChangesAfter;
import dev.migrate.plan.RestOfStep;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The words of a text are what PostgreSQL reads as identifiers, in any script, and each word of it
 * read as if unquoted.
 */
class LaterNamesTest {
  // The definition: a quoted identifier, or a letter or underscore followed by letters, numbers,
  // underscores and dollar signs.
  private static final Pattern WORD =
      Pattern.compile("\"((?:[^\"]|\"\")+)\"|[\\p{L}_][\\p{L}\\p{N}_$]*");

  private static Set<String> byPattern(String text) {
    Set<String> words = new HashSet<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      String name = word.group(1) != null ? word.group(1).replace("\"\"", "\"") : word.group();
      words.add(name.toLowerCase(Locale.ROOT));
    }
    return words;
  }

  // Letters and numbers of several scripts and kinds (a letter-number, a superscript, letters
  // outside the first plane, an unpaired surrogate), and what separates words.
  private static final String[] PIECES = {
    "a", "Z", "_", "$", "0", "9", " ", ",", "(", ")", ".", "'", "\"", "\"\"", "-", "é", "ß", "Ж",
    "中", "Ⅻ", "²", "٣", "𝒜", "\uD835", "\t", "\n", "public", "t_0001", "CREATE", "1e5"
  };

  // Up to {@code most - 1} pieces, drawn at random.
  private static String text(Random random, int most) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(most);
    for (int i = 0; i < length; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  @Test
  void findsTheWordsThePatternFinds() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      String text = text(random, 12);
      Set<String> expected = byPattern(text);
      expected.addAll(byPattern(text.replace('"', ' ')));
      assertEquals(expected, LaterNames.words(text), text);
    }
  }

  @Test
  void afterAStatementOfARawStepItsOtherStatementsAndTheChangesNamingTheObjectAreRead() {
    List<Change> all =
        List.of(
            sql("CREATE TABLE a (id int); CREATE TABLE b (id int)"),
            sql("ALTER TABLE a ADD c int"),
            sql("CREATE TABLE other (id int)"),
            sql("ALTER TABLE b DROP COLUMN id; ALTER TABLE a DROP c"));
    ChangesAfter after = ChangesAfter.of(all, null, 0);
    List<String> step = List.of("CREATE TABLE a (id int)", "CREATE TABLE b (id int)");
    RestOfStep first = new RestOfStep(step, 0, after);
    RestOfStep last = new RestOfStep(step, 1, after);
    // The step's other statements first, whatever they name, then the changes after the step;
    // after its last statement, those changes alone.
    assertArrayEquals(new int[] {0, 1, 3}, LaterNames.naming(first, "a"));
    assertArrayEquals(new int[] {0, 3}, LaterNames.naming(first, "b"));
    assertArrayEquals(new int[] {0, 2}, LaterNames.naming(last, "a"));
    // A name of more than one word is looked for everywhere.
    assertArrayEquals(new int[] {0, 1, 2, 3}, LaterNames.naming(first, "a b"));
    // Every change that holds the name as a word is among those read.
    for (List<Change> later : List.of(first, last)) {
      for (String name : List.of("a", "b", "c", "other", "id")) {
        int[] naming = LaterNames.naming(later, name);
        for (int i = 0; i < later.size(); i++) {
          if (LaterNames.of(later.get(i)).contains(name)) {
            assertTrue(Arrays.binarySearch(naming, i) >= 0, name + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void aLongStepsRestIsItsRemainingStatementsInSharedBlocks() {
    List<String> step = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      step.add(i == 250 ? "ALTER TABLE t RENAME TO u" : "INSERT INTO t VALUES (" + i + ")");
    }
    List<Change> after = List.of(sql("ALTER TABLE u RENAME TO v"));
    PgDdl ddl = new PgDdl("public");
    for (int i : new int[] {0, 9, 62, 63, 64, 100, 249, 250, 298, 299}) {
      RestOfStep rest = new RestOfStep(step, i, after);
      // Read in order, the rest is the statements after this one, then the changes after.
      StringBuilder own = new StringBuilder();
      for (int k = 0; k < rest.own(); k++) {
        own.append(own.length() == 0 ? "" : ";\n").append(LaterSql.text(rest.get(k)));
      }
      assertEquals(String.join(";\n", step.subList(i + 1, step.size())), own.toString(), "at " + i);
      assertEquals(after.get(0), rest.get(rest.own()));
      assertEquals(rest.own() + 1, rest.size());
      assertEquals(
          i < 250 ? "v" : null,
          new LaterChanges(rest, ddl).relationRenamedTo("public", "t"),
          "at " + i);
    }
    // The later blocks are joined once, for every statement of the step.
    RestOfStep a = new RestOfStep(step, 3, after);
    RestOfStep b = new RestOfStep(step, 40, after);
    assertTrue(a.get(a.own() - 1) == b.get(b.own() - 1));
    assertTrue(a.own() <= 1 + 300 / 64 + 1, "changes: " + a.own());
  }

  private static Change sql(String text) {
    return new Change.Sql(text, true, false, null);
  }

  @Test
  void aQuoteInAStringHidesNoWord() {
    // The quote in the string pairs with the index's, and the pattern alone reads
    // "hi'; ALTER TABLE t DROP COLUMN c; CREATE INDEX " as one name.
    Set<String> words =
        LaterNames.words(
            "COMMENT ON TABLE t IS 'say \"hi'; ALTER TABLE t DROP COLUMN c; CREATE INDEX \"i\" ON t (x)");
    assertTrue(words.containsAll(Set.of("drop", "column", "c", "i", "x")), words.toString());
  }

  // A name the index holds as it is: one unquoted word.
  private static final Pattern ONE_WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

  @Test
  void takesAsOneWordWhatThePatternMatchesWhole() {
    Random random = new Random(11);
    for (int n = 0; n < 20_000; n++) {
      String name = text(random, 6);
      assertEquals(ONE_WORD.matcher(name).matches(), LaterNames.oneWord(name), name);
    }
  }

  @Test
  void readsIdentifiersOfAnyScript() {
    assertEquals(
        Set.of(
            "create",
            "table",
            "public",
            "straße",
            "a²",
            "int",
            "中文",
            "text",
            "mixed case",
            "mixed",
            "case"),
        LaterNames.words("CREATE TABLE public.Straße (a² int, 中文 text, \"Mixed Case\" int)"));
    // A number cannot begin one: what follows it can.
    assertEquals(Set.of("_1$", "x"), LaterNames.words("Ⅻ_1$ 9x"));
  }
}
