package dev.migrate.changelog;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Dbms;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Preconditions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a Liquibase-format YAML changelog and everything it includes into a {@link Changelog},
 * validating it whole: any error names file:line:column and is raised before a connection opens.
 */
public final class ChangelogParser {
  private final ParseOptions options;
  private final List<Path> searchPath;
  private final Warnings warnings;
  private final ChangelogProperties properties;
  private final Set<String> removed = new HashSet<>();
  // In the order they run: Liquibase moves a changeset with runOrder first before every other
  // (after the firsts read before it), and one with runOrder last after every other, whichever
  // file of the changelog holds it.
  private final List<Changeset> first = new ArrayList<>();
  private final List<Changeset> changesets = new ArrayList<>();
  private final List<Changeset> last = new ArrayList<>();
  private final Map<String, Changeset> byKey = new HashMap<>();
  private final Deque<Path> including = new ArrayDeque<>();
  private final Inputs inputs = new Inputs();
  // Changelog-level preConditions left for the database to decide.
  private final List<Preconditions> preconditions = new ArrayList<>();

  private ChangelogParser(ParseOptions options) {
    this.options = options;
    this.searchPath = options.searchPath();
    this.warnings = new Warnings(options.strict());
    this.properties = new ChangelogProperties(ChangelogProperties.sources(options), inputs);
  }

  /** Every change type the readers know, by the name a changelog writes it under. */
  public static java.util.Set<String> changeTypes() {
    return ChangeReader.TYPES;
  }

  /** Parses with no properties, contexts or labels (see {@link #parse(String, ParseOptions)}). */
  public static Changelog parse(String changelog, List<Path> searchPath, boolean strict) {
    return parse(changelog, ParseOptions.defaults(searchPath, strict));
  }

  /**
   * Parses {@code changelog}; it and every include that is not relative to its changelog file are
   * looked up in the current directory, then in the search path. The name a changeset records is
   * Liquibase's: the root file's path below the search-path entry that holds it (else as written),
   * each include's path as written, without {@code classpath:} or a leading {@code /}. So a project
   * run from its root, through {@code --search-path}, or from another directory records the same
   * identities (docs/formats.md, "Paths").
   */
  public static Changelog parse(String changelog, ParseOptions options) {
    return read(changelog, options).changelog();
  }

  /** A changelog and what its parse consulted besides its options. */
  record Read(Changelog changelog, List<Inputs.Entry> inputs) {}

  static Read read(String changelog, ParseOptions options) {
    ChangelogParser parser = new ChangelogParser(options);
    Path physical = parser.find(changelog);
    if (physical == null) {
      throw MigrateException.invalid(
          "changelog file '"
              + changelog
              + "' not found"
              + " (looked in the current directory and the search path "
              + parser.searchPath
              + ")");
    }
    String logical = parser.logicalName(physical, changelog);
    parser.readFile(physical, logical, null);
    return new Read(
        new Changelog(
            logical,
            parser.inOrder(),
            parser.warnings.messages(),
            List.copyOf(parser.preconditions)),
        parser.inputs.entries());
  }

  // The root changelog's name: below the first search-path entry holding it, else the path as
  // written when it stays inside the current directory, else below the current directory, else
  // as given.
  private String logicalName(Path physical, String given) {
    Path file = physical.toAbsolutePath().normalize();
    for (Path root : searchPath) {
      Path base = root.toAbsolutePath().normalize();
      if (file.startsWith(base) && !file.equals(base)) {
        return normalize(base.relativize(file).toString());
      }
    }
    String written = recorded(given);
    if (!Path.of(stripClasspath(given)).isAbsolute()
        && !written.startsWith("../")
        && !written.equals("..")) {
      return written;
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (file.startsWith(cwd)) {
      return normalize(cwd.relativize(file).toString());
    }
    // Outside every root: the path as given, as earlier versions recorded it.
    return normalize(stripClasspath(given));
  }

  /**
   * A path as Liquibase records it: forward slashes, no {@code classpath:}, no leading {@code /}.
   */
  static String recorded(String path) {
    String name = normalize(stripClasspath(path));
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    return name;
  }

  private static String stripClasspath(String path) {
    String trimmed = path.trim();
    return trimmed.regionMatches(true, 0, "classpath:", 0, 10) ? trimmed.substring(10) : trimmed;
  }

  /**
   * @param inherited the logicalFilePath in force where the file is included, which Liquibase 4.33
   *     gives every changeset of an included file that sets none of its own; null when none is
   */
  private void readFile(Path physical, String logical, String inherited) {
    Path real = physical.toAbsolutePath().normalize();
    if (including.contains(real)) {
      throw MigrateException.invalid(
          "changelog '" + logical + "' includes itself (through " + including.peek() + ")");
    }
    including.push(real);
    try {
      ChangelogFormat format = ChangelogFormat.of(physical.getFileName().toString());
      ChangelogFormat.Document document =
          (format == null ? ChangelogFormat.YAML : format)
              .read(physical, logical, warnings, inputs);
      readDocument(document, physical, logical, inherited);
    } finally {
      including.pop();
    }
  }

  private void readDocument(
      ChangelogFormat.Document file, Path physical, String logical, String inherited) {
    YamlMap document = YamlMap.of(file.root(), logical, "a changelog");
    if (!document.has("databaseChangeLog")) {
      throw MigrateException.invalid(
          document.location(), "a changelog starts with 'databaseChangeLog:'");
    }
    Node body = document.node("databaseChangeLog");
    for (String key : document.unread()) {
      warnings.warn(
          document.location(key),
          "top-level key '" + key + "' is not part of a changelog and is ignored");
    }
    if (YamlMap.isNull(body)) {
      return;
    }
    if (!(body instanceof SequenceNode items)) {
      throw MigrateException.invalid(
          YamlMap.at(body, logical),
          "databaseChangeLog must be a list; each changeset begins with '- changeSet:'");
    }
    // Liquibase gathers a file's properties first, then substitutes ${...} in the whole file.
    ChangelogProperties.Scope scope = properties.scope();
    for (Node item : items.getValue()) {
      if ("property".equals(ChangeReader.typeOf(item))) {
        property(((MappingNode) item).getValue().get(0).getValueNode(), physical, logical, scope);
      }
    }
    if (file.parameters()) {
      scope.substitute(body, logical, warnings);
    }
    String explicit = inherited;
    FileChanges files =
        new FileChanges(
            physical.toAbsolutePath().getParent(),
            this::find,
            name -> find(normalize(parentOf(logical) + name)),
            warnings,
            inputs);
    for (Node item : items.getValue()) {
      String kind = ChangeReader.typeOf(item);
      if (kind == null) {
        throw MigrateException.invalid(
            YamlMap.at(item, logical),
            "each item of databaseChangeLog must be one of changeSet, include, includeAll, property");
      }
      Node value = ((MappingNode) item).getValue().get(0).getValueNode();
      Location at = YamlMap.at(item, logical);
      switch (kind) {
        case "changeSet" -> {
          ChangeReader changes = new ChangeReader(logical, warnings, files, Set.copyOf(removed));
          ChangesetReader reader =
              new ChangesetReader(logical, warnings, changes, options, this::readBefore);
          addChangeset(
              reader.read(recordedLogicalPath(value), explicit != null ? explicit : logical),
              reader.runOrder());
        }
        case "include" -> include(value, physical, logical, explicit);
        case "includeAll" -> includeAll(value, physical, logical, explicit);
        case "property" -> {} // read above
        case "logicalFilePath" ->
            explicit =
                YamlMap.isNull(value) ? inherited : recorded(((ScalarNode) value).getValue());
        case "removeChangeSetProperty" -> {
          YamlMap map = YamlMap.of(value, logical, "removeChangeSetProperty");
          removed.addAll(ChangesetReader.removal(map));
          warnings.unknownKeys(map, "removeChangeSetProperty");
        }
        case "preConditions" -> {
          Preconditions left = new ChangelogPreconditions(logical, warnings).check(value);
          if (left != null) {
            preconditions.add(left);
          }
        }
        case "modifyChangeSets" -> modifyChangeSets(value, physical, logical, explicit);
        default ->
            throw MigrateException.invalid(
                at,
                "unexpected item '"
                    + kind
                    + "' in databaseChangeLog; expected changeSet, include, includeAll or property");
      }
    }
  }

  // A changeset's logicalFilePath is recorded as Liquibase records it: "/var/x.yaml" as
  // "var/x.yaml".
  private static Node recordedLogicalPath(Node changeSet) {
    if (changeSet instanceof MappingNode mapping) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals("logicalFilePath")
            && tuple.getValueNode() instanceof ScalarNode path
            && !YamlMap.isNull(path)) {
          tuple =
              new NodeTuple(
                  key,
                  new ScalarNode(
                      path.getTag(),
                      recorded(path.getValue()),
                      path.getStartMark(),
                      path.getEndMark(),
                      path.getScalarStyle()));
        }
        tuples.add(tuple);
      }
      mapping.setValue(tuples);
    }
    return changeSet;
  }

  private void property(
      Node value, Path physical, String logical, ChangelogProperties.Scope scope) {
    YamlMap map = YamlMap.of(value, logical, "property");
    boolean applies = Dbms.matchesPostgres(map.string("dbms"));
    String context = map.has("contextFilter") ? map.string("contextFilter") : map.string("context");
    map.string("context");
    map.string("labels"); // Liquibase reads labels on a property and does not apply them
    applies &= options.selectsContext(context);
    boolean global = map.bool("global", true);
    if (map.has("file")) {
      String name = map.string("file");
      Path path =
          map.bool("relativeToChangelogFile", false)
              ? physical.toAbsolutePath().getParent().resolve(name)
              : find(name);
      boolean required = map.bool("errorIfMissing", true);
      if (path == null || !inputs.isRegularFile(path)) {
        if (required) {
          throw MigrateException.invalid(
              map.location("file"), "properties file '" + name + "' not found");
        }
      } else if (applies) {
        java.util.Properties loaded = new java.util.Properties();
        try {
          loaded.load(new StringReader(Inputs.decode(inputs.read(path), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw MigrateException.invalid(
              map.location("file"), "cannot read '" + name + "': " + e.getMessage());
        }
        loaded
            .stringPropertyNames()
            .forEach(key -> scope.define(key, loaded.getProperty(key), global));
      }
    } else {
      String name = map.requiredString("name", "property");
      String text = map.string("value");
      if (applies) {
        try {
          scope.define(name, text == null ? "" : text, global);
        } catch (MigrateException e) {
          throw MigrateException.invalid(map.location("value"), e.getMessage());
        }
      }
    }
    map.string("target");
    warnings.unknownKeys(map, "property");
  }

  /**
   * A file named in the changelog, not relative to it: the current directory, then the search path.
   * {@code classpath:} is dropped, and a leading {@code /} that names no file on disk is read
   * against the search path, as Liquibase reads it against its classpath root.
   */
  private Path find(String name) {
    return resolve(name, inputs::isRegularFile);
  }

  private Path resolve(String name, java.util.function.Predicate<Path> wanted) {
    String path = stripClasspath(name).replace('\\', '/');
    if (path.isEmpty()) {
      return null;
    }
    if (wanted.test(Path.of(path))) {
      return Path.of(path);
    }
    String relative = recorded(path);
    if (relative.isEmpty()) {
      return null;
    }
    if (!relative.equals(path) && wanted.test(Path.of(relative))) {
      return Path.of(relative);
    }
    for (Path root : searchPath) {
      if (wanted.test(root.resolve(relative))) {
        return root.resolve(relative);
      }
    }
    return null;
  }

  private void include(Node value, Path physical, String logical, String inherited) {
    // Some changelogs write '- include:' followed by a list holding one mapping.
    List<Node> forms = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
    for (Node form : forms) {
      YamlMap map = YamlMap.of(form, logical, "include");
      String file = map.requiredString("file", "include").replace('\\', '/');
      boolean relative = map.bool("relativeToChangelogFile", false);
      boolean required = map.bool("errorIfMissing", true);
      boolean wanted = includedHere(map);
      map.string("logicalFilePath"); // Liquibase 4.33 ignores it on include
      warnings.unknownKeys(map, "include");
      String beside = besideChangelog(file);
      String childLogical = relative ? normalize(parentOf(logical) + beside) : recorded(file);
      Path child = relative ? physical.toAbsolutePath().getParent().resolve(beside) : find(file);
      if (child == null || !inputs.isRegularFile(child)) {
        if (!required) {
          continue;
        }
        throw relative
            ? MigrateException.invalid(
                map.location(), "included file '" + file + "' not found next to " + logical)
            : MigrateException.invalid(
                map.location(),
                "changelog file '"
                    + childLogical
                    + "' not found (looked in the current directory and the search path "
                    + searchPath
                    + ")");
      }
      if (wanted && including.contains(child.toAbsolutePath().normalize())) {
        throw MigrateException.invalid(
            map.location("file"),
            "include cycle: '"
                + childLogical
                + "' is already being read, so including it here would never end; remove this include");
      }
      if (wanted) {
        readFile(child, childLogical, inherited);
      }
    }
  }

  // modifyChangeSets gives the changesets of the includes it holds a native executor (runWith,
  // runWithSpoolFile). migrate runs every changeset over its own connection: those keys are
  // unknown here, as on a changeset, and the includes are read as any other, in order.
  private void modifyChangeSets(Node value, Path physical, String logical, String inherited) {
    List<Node> forms = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
    for (Node form : forms) {
      YamlMap map = YamlMap.of(form, logical, "modifyChangeSets");
      for (NodeTuple entry : ((MappingNode) form).getValue()) {
        String key = entry.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
        if (key.equals("include") || key.equals("includeAll")) {
          map.node(key);
          if (key.equals("include")) {
            include(entry.getValueNode(), physical, logical, inherited);
          } else {
            includeAll(entry.getValueNode(), physical, logical, inherited);
          }
        }
      }
      warnings.unknownKeys(map, "modifyChangeSets");
    }
  }

  // ignore, contexts and labels on an include decide whether its file belongs to this run.
  private boolean includedHere(YamlMap map) {
    return !map.bool("ignore", false) && options.selects(map);
  }

  private void includeAll(Node value, Path physical, String logical, String inherited) {
    YamlMap map = YamlMap.of(value, logical, "includeAll");
    String path = map.requiredString("path", "includeAll").replace('\\', '/');
    boolean relative = map.bool("relativeToChangelogFile", false);
    boolean wanted = includedHere(map);
    boolean required = map.bool("errorIfMissingOrEmpty", true);
    IncludeAllFilter filter = IncludeAllFilter.of(map);
    warnings.unknownKeys(map, "includeAll");
    if (!wanted) {
      return;
    }
    String beside = besideChangelog(path);
    String dirLogical = relative ? normalize(parentOf(logical) + beside) : recorded(path);
    Path dir =
        relative
            ? physical.toAbsolutePath().getParent().resolve(beside)
            : resolve(path, inputs::isDirectory);
    if (dir == null || !inputs.isDirectory(dir)) {
      if (!required) {
        return;
      }
      throw MigrateException.invalid(
          map.location(),
          "includeAll path '"
              + path
              + "' is not a directory"
              + (relative
                  ? " next to " + logical
                  : " in the current directory or the search path " + searchPath));
    }
    List<String> files =
        changelogsBelow(dir, map.location()).stream()
            .filter(file -> filter.takes(dir, file))
            .toList();
    if (files.isEmpty()) {
      if (!required) {
        return;
      }
      throw MigrateException.invalid(
          map.location(),
          "includeAll path '"
              + path
              + "' holds no changelog"
              + " (.xml, .yaml, .yml, .json or .sql)"
              + filter.described());
    }
    String prefix =
        dirLogical.isEmpty() || dirLogical.endsWith("/") ? dirLogical : dirLogical + "/";
    for (String file : files) {
      readFile(dir.resolve(file), prefix + file, inherited);
    }
  }

  // Every changelog below the folder, sub-folders included, in the order of their paths compared
  // as plain strings ("0008-a.sql" before "0008.sql"), which is Liquibase's includeAll order.
  private List<String> changelogsBelow(Path dir, Location at) {
    try {
      return inputs.filesBelow(dir).stream()
          .filter(file -> ChangelogFormat.of(file.substring(file.lastIndexOf('/') + 1)) != null)
          .toList();
    } catch (IOException e) {
      throw MigrateException.invalid(at, "cannot list '" + dir + "': " + e.getMessage());
    }
  }

  // The changesets read so far of that path, author and id, compared as Liquibase compares them.
  private List<Changeset> readBefore(String path, String author, String id) {
    String wanted = recorded(path);
    return inOrder().stream()
        .filter(
            c ->
                c.id().equalsIgnoreCase(id)
                    && c.author().equalsIgnoreCase(author)
                    && recorded(c.path()).equalsIgnoreCase(wanted))
        .toList();
  }

  private List<Changeset> inOrder() {
    List<Changeset> all = new ArrayList<>(first);
    all.addAll(changesets);
    all.addAll(last);
    return List.copyOf(all);
  }

  private void addChangeset(Changeset changeset, String runOrder) {
    if (changeset == null) {
      return;
    }
    Changeset earlier = byKey.putIfAbsent(changeset.key(), changeset);
    if (earlier != null) {
      throw MigrateException.invalid(
          changeset.location(),
          "changeset '"
              + changeset.id()
              + "' by "
              + changeset.author()
              + " is defined twice in "
              + changeset.path()
              + "; the first is at "
              + earlier.location());
    }
    ("first".equals(runOrder) ? first : "last".equals(runOrder) ? last : changesets).add(changeset);
  }

  /**
   * An include's path relative to its changelog. Liquibase appends it to the changelog's folder, so
   * a leading {@code /} names a file under that folder too, not one at the root of the disk ({@code
   * file="/changes/a.xml"} beside {@code db/master.xml} is {@code db/changes/a.xml}). It does so
   * for include and includeAll only: sqlFile and loadData read such a path as absolute.
   */
  private static String besideChangelog(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  private static String parentOf(String logical) {
    int slash = logical.lastIndexOf('/');
    return slash < 0 ? "" : logical.substring(0, slash + 1);
  }

  /** Forward slashes, no "./", and "dir/../" folded, so the same file always has the same name. */
  static String normalize(String path) {
    String unix = path.replace('\\', '/');
    Deque<String> parts = new ArrayDeque<>();
    boolean absolute = unix.startsWith("/");
    for (String part : unix.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return (absolute ? "/" : "") + String.join("/", parts);
  }
}
