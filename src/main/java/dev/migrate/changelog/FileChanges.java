package dev.migrate.changelog;

import dev.migrate.model.Change;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Value;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The change types whose content lives in another file ({@code sqlFile}, {@code loadData}): the
 * file is read when the changelog is parsed, so a missing or malformed one is found before any
 * connection opens.
 */
final class FileChanges {
  private final Path changelogDirectory;
  private final Function<String, Path> locate;
  private final Warnings warnings;

  /**
   * @param locate finds a path that is not relative to the changelog file (current directory, then
   *     the search path), or returns null
   */
  FileChanges(Path changelogDirectory, Function<String, Path> locate, Warnings warnings) {
    this.changelogDirectory = changelogDirectory;
    this.locate = locate;
    this.warnings = warnings;
  }

  Change sqlFile(YamlMap map) {
    Path path = file(map, "path", "sqlFile");
    String text = read(map, path);
    return new Change.Sql(
        text,
        map.bool("splitStatements", true),
        map.bool("stripComments", false),
        map.string("endDelimiter"));
  }

  /**
   * The text of the file a createProcedure or createView names in {@code path} (its procedure, its
   * query), found as sqlFile finds its file.
   */
  String text(YamlMap map, String type) {
    return read(map, file(map, "path", type));
  }

  Change loadData(YamlMap map) {
    Path path = file(map, "file", "loadData");
    String table = map.requiredString("tableName", "loadData");
    String separator = map.has("separator") ? map.string("separator") : ",";
    String quote = map.has("quotchar") ? map.string("quotchar") : "\"";
    String comment = map.has("commentLineStartsWith") ? map.string("commentLineStartsWith") : "#";
    map.optionalBool("usePreparedStatements");
    Map<String, String> types = new HashMap<>();
    Map<String, String> renames = new HashMap<>();
    for (YamlMap column :
        new ColumnReader(map.file(), warnings, java.util.Set.of()).items(map, "loadData")) {
      String header = column.has("header") ? column.string("header") : column.string("name");
      String name = column.has("name") ? column.string("name") : header;
      if (header == null) {
        throw MigrateException.invalid(
            column.location(), "a loadData column needs 'name' or 'header'");
      }
      renames.put(header, name);
      String type = column.string("type");
      if (type != null) {
        types.put(header, type.toUpperCase(Locale.ROOT));
      }
      column.integer("index", true); // columns are matched by header; the index is checked only
      warnings.unknownKeys(column, "loadData column '" + header + "'");
    }
    List<List<String>> records =
        Csv.parse(
            read(map, path), separator.charAt(0), quote.isEmpty() ? 0 : quote.charAt(0), comment);
    if (records.isEmpty()) {
      throw MigrateException.invalid(
          map.location(), "loadData file " + path + " has no header line");
    }
    List<String> header = records.get(0);
    List<String> columns = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!"SKIP".equals(types.get(header.get(i)))) {
        columns.add(renames.getOrDefault(header.get(i), header.get(i)));
        kept.add(i);
      }
    }
    List<List<Value>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() != header.size()) {
        throw MigrateException.invalid(
            map.location(),
            "loadData file "
                + path
                + ": a row has "
                + record.size()
                + " fields, the header "
                + header.size());
      }
      List<Value> row = new ArrayList<>();
      for (int i : kept) {
        row.add(value(record.get(i), types.get(header.get(i))));
      }
      rows.add(List.copyOf(row));
    }
    return new Change.LoadData(
        map.string("schemaName"), table, List.copyOf(columns), List.copyOf(rows));
  }

  // "NULL" (any case) is SQL NULL, as in Liquibase; typed columns keep their kind.
  private static Value value(String text, String type) {
    if (text.equalsIgnoreCase("NULL")) {
      return new Value(Value.Kind.NULL, null);
    }
    if (type == null) {
      return new Value(Value.Kind.STRING, text);
    }
    return switch (type) {
      case "NUMERIC" -> new Value(Value.Kind.NUMERIC, text);
      case "BOOLEAN" -> new Value(Value.Kind.BOOLEAN, text);
      case "COMPUTED" -> new Value(Value.Kind.COMPUTED, text);
      case "DATE" -> new Value(Value.Kind.DATE, text);
      default -> new Value(Value.Kind.STRING, text);
    };
  }

  private Path file(YamlMap map, String key, String type) {
    String given = map.requiredString(key, type).replace('\\', '/');
    boolean relative = map.bool("relativeToChangelogFile", false);
    Path path = relative ? changelogDirectory.resolve(given) : locate.apply(given);
    if (path == null || !Files.isRegularFile(path)) {
      throw MigrateException.invalid(
          map.location(key),
          type
              + " file '"
              + given
              + "' not found"
              + (relative
                  ? " next to the changelog"
                  : " in the current directory or the search path"));
    }
    return path;
  }

  private static String read(YamlMap map, Path path) {
    String encoding = map.string("encoding");
    try {
      return Files.readString(
          path, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw MigrateException.invalid(
          map.location(),
          "cannot read "
              + path
              + ": it is not "
              + (encoding == null ? "UTF-8" : encoding)
              + " text; save it in that encoding, or name its encoding with 'encoding:'");
    } catch (IOException | IllegalArgumentException e) {
      throw MigrateException.invalid(map.location(), "cannot read " + path + ": " + e.getMessage());
    }
  }
}
