package dev.migrate.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.model.Location;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the parse cache writes comes back equal and shaped as it was: nulls, numbers, text in any
 * script, shared records, lists that may be changed and lists that may not. A stream that names
 * another class, or a value of a kind it does not know, is refused, so the cache parses instead.
 */
class RecordCodecTest {
  enum Colour {
    RED,
    GREEN
  }

  record Leaf(String text, int number, Long big, boolean flag, Colour colour) {}

  record Tree(List<Leaf> leaves, Leaf first, List<String> names, Location where) {}

  record Odd(Set<String> names) {}

  private static byte[] written(Object graph) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      RecordCodec.write(out, graph);
    }
    return bytes.toByteArray();
  }

  private static Object read(byte[] bytes) throws IOException {
    return RecordCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  @Test
  void aGraphOfRecordsReadsBackEqualWithWhatWasSharedStillShared() throws IOException {
    Leaf shared = new Leaf("ünï ☃ 𝄞", -7, Long.MIN_VALUE, true, Colour.GREEN);
    Leaf other = new Leaf(null, 0, null, false, null);
    List<Leaf> leaves = new ArrayList<>(List.of(shared, other, shared));
    Tree tree =
        new Tree(leaves, shared, Arrays.asList("a", null, "a"), new Location("c.yaml", 3, 5));

    Tree back = (Tree) read(written(tree));

    assertEquals(tree, back);
    assertSame(back.first(), back.leaves().get(0));
    assertSame(back.first(), back.leaves().get(2));
    back.leaves().add(other); // a list that could be changed still can
    assertThrows(UnsupportedOperationException.class, () -> back.names().add("b"));
  }

  @Test
  void aValueOfAKindItDoesNotKnowIsNotWritten() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> written(new Odd(Set.of("a"))));
    assertTrue(e.getMessage().startsWith("cannot keep a java.util."), e.getMessage());
  }

  @Test
  void aStreamNamingAClassOutsideTheChangelogIsRefused() throws IOException {
    byte[] bytes = written(new Location("c.yaml", 1, 1));
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    String name = "java.lang.ProcessBuilder..."; // as long as the name it replaces
    byte[] forged =
        text.replace("dev.migrate.model.Location", name.substring(0, 26))
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    IOException e = assertThrows(IOException.class, () -> read(forged));
    assertEquals("not a kept changelog: class " + name.substring(0, 26), e.getMessage());
  }
}
