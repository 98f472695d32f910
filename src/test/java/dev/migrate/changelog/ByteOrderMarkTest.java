package dev.migrate.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A file a change reads that starts with a byte-order mark is read as Liquibase reads it: the mark
 * is dropped whatever the encoding named, names the encoding when none is, and a Unicode encoding
 * named that is not the mark's is refused.
 */
class ByteOrderMarkTest {
  private static byte[] marked(int[] mark, String text, Charset charset) {
    byte[] bytes = text.getBytes(charset);
    byte[] all = new byte[mark.length + bytes.length];
    for (int i = 0; i < mark.length; i++) {
      all[i] = (byte) mark[i];
    }
    System.arraycopy(bytes, 0, all, mark.length, bytes.length);
    return all;
  }

  private static final int[] UTF_8 = {0xEF, 0xBB, 0xBF};

  @Test
  void theMarkIsDroppedWhateverTheEncodingNamed() throws Exception {
    assertEquals("id,né", Inputs.text(marked(UTF_8, "id,né", StandardCharsets.UTF_8), null));
    assertEquals("id,né", Inputs.text(marked(UTF_8, "id,né", StandardCharsets.UTF_8), "UTF-8"));
    assertEquals(
        "id,né",
        Inputs.text(marked(UTF_8, "id,né", Charset.forName("windows-1252")), "windows-1252"));
    assertEquals("id,né", Inputs.text("id,né".getBytes(StandardCharsets.UTF_8), null));
  }

  @Test
  void withNoEncodingNamedTheMarkNamesIt() throws Exception {
    assertEquals(
        "id", Inputs.text(marked(new int[] {0xFF, 0xFE}, "id", StandardCharsets.UTF_16LE), null));
    assertEquals(
        "id", Inputs.text(marked(new int[] {0xFE, 0xFF}, "id", StandardCharsets.UTF_16BE), null));
    assertEquals(
        "id",
        Inputs.text(marked(new int[] {0xFF, 0xFE, 0, 0}, "id", Charset.forName("UTF-32LE")), null));
  }

  @Test
  void aUnicodeEncodingThatIsNotTheMarksIsRefused() {
    byte[] bytes = marked(new int[] {0xFF, 0xFE}, "id", StandardCharsets.UTF_16LE);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Inputs.text(bytes, "UTF-8"));
    assertEquals(
        "its encoding is given as UTF-8, but it starts with the byte-order mark of UTF-16LE",
        e.getMessage());
    assertEquals(true, Inputs.marked(bytes));
    assertEquals(false, Inputs.marked(Arrays.copyOfRange(bytes, 2, bytes.length)));
  }
}
