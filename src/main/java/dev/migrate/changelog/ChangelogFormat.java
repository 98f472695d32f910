package dev.migrate.changelog;

import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The changelog formats Liquibase reads, told apart by file extension as Liquibase tells them
 * apart. Each reads a file into the same node tree, so one reader handles them all.
 */
enum ChangelogFormat {
  YAML,
  JSON,
  XML,
  SQL;

  /**
   * A file read: its tree, and whether {@code ${…}} parameters are replaced in it (everywhere but
   * in a plain SQL file, which Liquibase runs exactly as written).
   */
  record Document(Node root, boolean parameters) {}

  /** The format of a file name; null when Liquibase would not read it as a changelog. */
  static ChangelogFormat of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".xml")) {
      return XML;
    }
    return name.endsWith(".sql") ? SQL : null;
  }

  /** Reads a file of this format; {@code logical} is the name errors and identities use. */
  Document read(Path physical, String logical, Warnings warnings, Inputs inputs) {
    String text = readUtf8(physical, logical, inputs);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark some editors write
    }
    return switch (this) {
      case YAML -> new Document(compose(text, logical, ""), true);
      // Liquibase reads JSON as YAML, so a tab that indents JSON is refused there as here.
      case JSON ->
          new Document(
              compose(
                  text,
                  logical,
                  " (JSON is read as YAML, as Liquibase reads it, and YAML refuses tabs: indent with spaces)"),
              true);
      case XML -> new Document(XmlChangelog.read(text, logical, warnings), true);
      case SQL ->
          SqlChangelog.isFormatted(text)
              ? new Document(SqlChangelog.formatted(text, logical), true)
              : new Document(SqlChangelog.plain(text, logical), false);
    };
  }

  // Files.readString would say only "Input length = 1"; a person needs the line and the byte.
  private static String readUtf8(Path physical, String logical, Inputs inputs) {
    byte[] bytes;
    try {
      bytes = inputs.read(physical);
    } catch (IOException e) {
      throw MigrateException.invalid("cannot read changelog '" + logical + "': " + e.getMessage());
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    if (decoder.decode(in, out, true).isError()) {
      int bad = in.position();
      String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
      int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
      int column = before.length() - before.lastIndexOf('\n');
      throw MigrateException.invalid(
          new Location(logical, line, column),
          String.format(
              "byte 0x%02X is not UTF-8; changelogs are read as UTF-8, as Liquibase reads them: save the file as UTF-8",
              bytes[bad] & 0xff));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static Node compose(String text, String logical, String hint) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(1000);
    options.setCodePointLimit(64 * 1024 * 1024);
    try {
      Node node = new Yaml(options).compose(new StringReader(text));
      if (node == null) {
        throw MigrateException.invalid(new Location(logical, 1, 1), "the file is empty");
      }
      return node;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      Location at =
          mark == null
              ? new Location(logical, 1, 1)
              : new Location(logical, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw MigrateException.invalid(
          at, "invalid YAML: " + context + problem + (problem.contains("TAB") ? hint : ""));
    } catch (YAMLException e) {
      // The loader's limits (nesting depth, aliases) carry no position: find it from the events.
      throw MigrateException.invalid(
          overLimit(text, logical, options),
          "invalid YAML: "
              + e.getMessage()
              + "; a changelog needs neither so many levels nor so many aliases (*name) to lists and mappings: write it out plainly");
    }
  }

  private static Location overLimit(String text, String logical, LoaderOptions options) {
    int depth = 0;
    int aliases = 0;
    try {
      for (Event event : new Yaml(options).parse(new StringReader(text))) {
        if (event instanceof CollectionStartEvent) {
          depth++;
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        } else if (event instanceof AliasEvent) {
          aliases++;
        }
        if (depth > options.getNestingDepthLimit()
            || aliases > options.getMaxAliasesForCollections()) {
          return new Location(
              logical, event.getStartMark().getLine() + 1, event.getStartMark().getColumn() + 1);
        }
      }
    } catch (YAMLException e) {
      // no better place than the start
    }
    return new Location(logical, 1, 1);
  }
}
