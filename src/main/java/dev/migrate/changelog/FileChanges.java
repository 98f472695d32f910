package dev.migrate.changelog;

import dev.migrate.model.Change;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Value;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
  private final Function<String, Path> besideRecorded;
  private final Inputs inputs;
  private final Warnings warnings;
  // What the changes read since the last take(): the files' texts, which the changeset's checksum
  // counts, and a loadData as checksums before m2 counted it.
  private final List<String> texts = new ArrayList<>();
  private String legacy;

  /**
   * @param locate finds a path that is not relative to the changelog file (current directory, then
   *     the search path), or returns null
   * @param besideRecorded the same for a path relative to the folder of the changelog's recorded
   *     name, as Liquibase finds a valueBlobFile
   */
  FileChanges(
      Path changelogDirectory,
      Function<String, Path> locate,
      Function<String, Path> besideRecorded,
      Warnings warnings,
      Inputs inputs) {
    this.changelogDirectory = changelogDirectory;
    this.locate = locate;
    this.besideRecorded = besideRecorded;
    this.inputs = inputs;
    this.warnings = warnings;
  }

  /** The texts of the files read since the last call, in the order read. */
  List<String> takeTexts() {
    List<String> taken = List.copyOf(texts);
    texts.clear();
    return taken;
  }

  /** The loadData read since the last call, as an m1 checksum counted it; null for none. */
  String takeLegacy() {
    String taken = legacy;
    legacy = null;
    return taken;
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
    Rows read = rows(map, "loadData");
    legacy =
        new Change.LoadData(map.string("schemaName"), read.table(), read.columns(), read.legacy())
            .toString();
    return new Change.LoadData(map.string("schemaName"), read.table(), read.columns(), read.rows());
  }

  /**
   * {@code loadUpdateData}: the rows of a CSV file as loadData reads them, and the columns that
   * find each one's row already in the table. Liquibase splits {@code primaryKey} at its commas and
   * keeps the spaces, so that {@code "id, name"} names a column " name" and fails as it runs; here
   * each name is trimmed; one that is no column of the file matches as NULL, as in Liquibase, with
   * a warning.
   */
  Change loadUpdateData(YamlMap map) {
    String type = "loadUpdateData";
    String keys = map.requiredString("primaryKey", type);
    boolean onlyUpdate = map.bool("onlyUpdate", false);
    Rows read = rows(map, type);
    List<String> primaryKey = new ArrayList<>();
    for (String key : keys.split(",", -1)) {
      String name = key.strip();
      if (!name.isEmpty() && !read.columns().contains(name)) {
        // Liquibase matches such a key with IS NULL: the row is inserted (a key column never holds
        // NULL), unless a row whose column is NULL is there to update.
        warnings.warn(
            map.location("primaryKey"),
            type
                + " primaryKey '"
                + name
                + "' is not a column the file loads: every row is taken to have none there, and"
                + " is inserted unless a row with "
                + name
                + " NULL is there, as Liquibase loads it");
      } else if (name.isEmpty()) {
        throw MigrateException.invalid(
            map.location("primaryKey"),
            type
                + " primaryKey '"
                + keys
                + "' names "
                + (name.isEmpty() ? "an empty column" : "'" + name + "'")
                + ", which is not a column the file loads ("
                + String.join(", ", read.columns())
                + ")");
      }
      if (!primaryKey.contains(name)) {
        primaryKey.add(name);
      }
    }
    return new Change.LoadUpdateData(
        map.string("schemaName"),
        read.table(),
        read.columns(),
        read.rows(),
        List.copyOf(primaryKey),
        onlyUpdate);
  }

  /** A CSV file's rows as the columns a load names them, and as an m1 checksum counted them. */
  private record Rows(
      String table, List<String> columns, List<List<Value>> rows, List<List<Value>> legacy) {}

  private Rows rows(YamlMap map, String changeType) {
    Path path = file(map, "file", changeType);
    String table = map.requiredString("tableName", changeType);
    String separator = map.has("separator") ? map.string("separator") : ",";
    String quote = map.has("quotchar") ? map.string("quotchar") : "\"";
    String comment = map.has("commentLineStartsWith") ? map.string("commentLineStartsWith") : "#";
    map.optionalBool("usePreparedStatements");
    Map<String, Cells> cells = new HashMap<>();
    Map<String, String> renames = new HashMap<>();
    ColumnReader reader = new ColumnReader(map.file(), warnings, java.util.Set.of());
    for (YamlMap column : reader.items(map, changeType)) {
      String header = column.has("header") ? column.string("header") : column.string("name");
      String name = column.has("name") ? column.string("name") : header;
      if (header == null) {
        throw MigrateException.invalid(
            column.location(), "a " + changeType + " column needs 'name' or 'header'");
      }
      renames.put(header, name);
      String type = column.string("type");
      cells.put(
          header,
          new Cells(
              type == null ? null : type.toUpperCase(Locale.ROOT),
              column.string("nullPlaceholder"),
              reader.value(
                  column, "defaultValue", changeType + " column '" + header + "'", false)));
      column.integer("index", true); // columns are matched by header; the index is checked only
      warnings.unknownKeys(column, changeType + " column '" + header + "'");
    }
    List<Csv.Row> records =
        Csv.parse(
            read(map, path), separator.charAt(0), quote.isEmpty() ? 0 : quote.charAt(0), comment);
    if (records.isEmpty()) {
      throw MigrateException.invalid(
          map.location(), changeType + " file " + path + " has no header line");
    }
    List<String> header = records.get(0).fields();
    List<String> columns = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (!"SKIP".equals(cells.getOrDefault(header.get(i), Cells.NONE).type())) {
        columns.add(renames.getOrDefault(header.get(i), header.get(i)));
        kept.add(i);
      }
    }
    List<List<Value>> rows = new ArrayList<>();
    List<List<Value>> legacyRows = new ArrayList<>();
    for (Csv.Row line : records.subList(1, records.size())) {
      List<String> record = line.fields();
      if (record.size() != header.size()) {
        throw MigrateException.invalid(
            map.location(),
            changeType
                + " file "
                + path
                + ": a row has "
                + record.size()
                + " fields, the header "
                + header.size());
      }
      List<Value> row = new ArrayList<>();
      List<Value> legacyRow = new ArrayList<>();
      for (int i : kept) {
        legacyRow.add(legacyValue(record.get(i), cells.getOrDefault(header.get(i), Cells.NONE)));
        String name = header.get(i);
        Value value = cells.getOrDefault(name, Cells.NONE).value(record.get(i));
        if (value == null) {
          throw MigrateException.invalid(
              new Location(path.toString(), line.line(), 1),
              changeType
                  + " column '"
                  + name
                  + "' is NUMERIC, and '"
                  + record.get(i)
                  + "' is not a number; a CSV value is data, never run as SQL (type it"
                  + " COMPUTED if it is an SQL expression)");
        }
        if (value.kind() == Value.Kind.STRING
            && "BLOB".equals(cells.getOrDefault(name, Cells.NONE).type())) {
          value = blobCell(value.text(), new Location(path.toString(), line.line(), 1), name);
        }
        row.add(value);
      }
      rows.add(List.copyOf(row));
      legacyRows.add(List.copyOf(legacyRow));
    }
    return new Rows(table, List.copyOf(columns), List.copyOf(rows), List.copyOf(legacyRows));
  }

  /**
   * How the cells of one CSV column become values, as Liquibase 4.33 reads them: {@code NULL} in
   * any case, and the column's {@code nullPlaceholder} exactly, are SQL NULL; an empty cell is the
   * column's {@code defaultValue*}, or NULL, or '' when the column is typed STRING; NUMERIC must be
   * a number, BOOLEAN is TRUE for true, t, yes, y or 1 in any case and FALSE for anything else;
   * COMPUTED is an SQL expression; any other type is a quoted string.
   */
  // A cell as checksums before m2 counted it (Cells.value before the Liquibase rules above), so a
  // revision row recorded then still counts.
  private static Value legacyValue(String text, Cells cells) {
    if (text.equalsIgnoreCase("NULL")) {
      return new Value(Value.Kind.NULL, null);
    }
    return switch (cells.type() == null ? "" : cells.type()) {
      case "NUMERIC" -> new Value(Value.Kind.NUMERIC, text);
      case "BOOLEAN" -> new Value(Value.Kind.BOOLEAN, text);
      case "COMPUTED" -> new Value(Value.Kind.COMPUTED, text);
      case "DATE" -> new Value(Value.Kind.DATE, text);
      default -> new Value(Value.Kind.STRING, text);
    };
  }

  private record Cells(String type, String nullPlaceholder, Value whenEmpty) {
    static final Cells NONE = new Cells(null, null, null);

    /** The cell's value; null when a NUMERIC cell is not a number. */
    Value value(String text) {
      if (text.equalsIgnoreCase("NULL") || text.equals(nullPlaceholder)) {
        return new Value(Value.Kind.NULL, null);
      }
      if (text.isEmpty()) {
        return whenEmpty != null
            ? whenEmpty
            : "STRING".equals(type) ? new Value(Value.Kind.STRING, "") : NULL;
      }
      if (type == null) {
        return new Value(Value.Kind.STRING, text);
      }
      return switch (type) {
        case "NUMERIC" ->
            NUMBER.matcher(text.strip()).matches()
                ? new Value(Value.Kind.NUMERIC, text.strip())
                : null;
        case "BOOLEAN" ->
            new Value(
                Value.Kind.BOOLEAN,
                TRUE.contains(text.toLowerCase(Locale.ROOT)) ? "TRUE" : "FALSE");
        case "COMPUTED" -> new Value(Value.Kind.COMPUTED, text);
        case "DATE" -> new Value(Value.Kind.DATE, text);
        default -> new Value(Value.Kind.STRING, text);
      };
    }

    private static final Value NULL = new Value(Value.Kind.NULL, null);
    private static final java.util.Set<String> TRUE =
        java.util.Set.of("true", "t", "yes", "y", "1");
    private static final java.util.regex.Pattern NUMBER =
        java.util.regex.Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  }

  private Path file(YamlMap map, String key, String type) {
    String given = map.requiredString(key, type).replace('\\', '/');
    boolean relative = map.bool("relativeToChangelogFile", false);
    Path path = relative ? changelogDirectory.resolve(given) : locate.apply(given);
    if (path == null || !inputs.isRegularFile(path)) {
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

  /**
   * The value a column of insert or update takes from a file, or null: valueBlobFile's bytes (a
   * bytea literal), valueClobFile's text (in its {@code encoding}, UTF-8 by default). Liquibase
   * finds such a file by the folder of the changelog's name (next to it, or under that name in the
   * search path), and counts its name, not what it holds, in the checksum: so it is not among the
   * texts read.
   */
  Value lob(YamlMap item) {
    String blob = item.string("valueBlobFile");
    String clob = item.string("valueClobFile");
    String encoding = item.string("encoding");
    if (blob == null && clob == null) {
      return null;
    }
    String key = blob != null ? "valueBlobFile" : "valueClobFile";
    if (blob != null && clob != null) {
      throw MigrateException.invalid(
          item.location(), "a column value is given by both valueBlobFile and valueClobFile");
    }
    String given = item.string(key);
    try {
      byte[] bytes = inputs.read(lobFile(given, item.location(key), key));
      return blob != null
          ? bytea(bytes)
          : new Value(Value.Kind.STRING, Inputs.text(bytes, encoding));
    } catch (IOException | IllegalArgumentException e) {
      throw MigrateException.invalid(
          item.location(key), "cannot read " + given + ": " + e.getMessage());
    }
  }

  // A file a value names, as Liquibase finds it: by the folder of the changelog's name.
  private Path lobFile(String name, Location at, String what) {
    String given = name.replace('\\', '/');
    Path path = changelogDirectory.resolve(given).normalize();
    if (!inputs.isRegularFile(path)) {
      path = besideRecorded.apply(given);
    }
    if (path == null || !inputs.isRegularFile(path)) {
      throw MigrateException.invalid(
          at, what + " file '" + given + "' not found next to the changelog");
    }
    return path;
  }

  /** Bytes as a bytea literal, which RowGuards makes a large object for an oid column. */
  static Value bytea(byte[] bytes) {
    return new Value(
        Value.Kind.COMPUTED, "'\\x" + java.util.HexFormat.of().formatHex(bytes) + "'::bytea");
  }

  // A cell of a BLOB column names a file, whose bytes it loads, as Liquibase 4.33 does; its name,
  // not what it holds, is what the checksum counts (the CSV's text).
  private Value blobCell(String name, Location at, String column) {
    try {
      return bytea(inputs.read(lobFile(name, at, "BLOB column '" + column + "':")));
    } catch (IOException e) {
      throw MigrateException.invalid(at, "cannot read " + name + ": " + e.getMessage());
    }
  }

  private String read(YamlMap map, Path path) {
    String encoding = map.string("encoding");
    try {
      byte[] bytes = inputs.read(path);
      String text = Inputs.text(bytes, encoding);
      // The checksum reads the file as it did before a byte-order mark was dropped, so that no
      // changeset recorded then is found changed now.
      String counted = text;
      if (Inputs.marked(bytes)) {
        try {
          counted =
              Inputs.decode(
                  bytes, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
        } catch (java.nio.charset.CharacterCodingException e) {
          counted = text; // not readable so before: no changeset was recorded with it
        }
      }
      texts.add(counted);
      return text;
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
