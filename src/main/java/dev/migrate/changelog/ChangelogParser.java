package dev.migrate.changelog;

import dev.migrate.model.Changelog;
import dev.migrate.model.Changeset;
import dev.migrate.model.Dbms;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Step;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
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
  private final List<Changeset> changesets = new ArrayList<>();
  private final Map<String, Changeset> byKey = new HashMap<>();
  private final Deque<Path> including = new ArrayDeque<>();

  private ChangelogParser(ParseOptions options) {
    this.options = options;
    this.searchPath = options.searchPath();
    this.warnings = new Warnings(options.strict());
    this.properties = new ChangelogProperties(options.properties(), options.environment(), options.defaultSchema());
  }

  /** Parses with no properties, contexts or labels (see {@link #parse(String, ParseOptions)}). */
  public static Changelog parse(String changelog, List<Path> searchPath, boolean strict) {
    return parse(changelog, ParseOptions.defaults(searchPath, strict));
  }

  /**
   * Parses {@code changelog}; it and every include that is not relative to its changelog file are
   * looked up in the current directory, then in the search path. The root file's name in
   * changeset identities is the path as written when relative, so an absolute and a relative
   * spelling of the same file give the same identities.
   */
  public static Changelog parse(String changelog, ParseOptions options) {
    ChangelogParser parser = new ChangelogParser(options);
    String given = normalize(changelog);
    Path physical = parser.locate(given, null);
    String logical = parser.logicalName(physical, given);
    parser.readFile(physical, logical);
    return new Changelog(logical, List.copyOf(parser.changesets), parser.warnings.messages());
  }

  // A relative path is the name as written (found in the current directory or a search path entry
  // under that same name); an absolute one is made relative to the directory that holds it.
  private String logicalName(Path physical, String given) {
    if (!Path.of(given).isAbsolute()) {
      return given;
    }
    Path file = physical.toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of(""));
    roots.addAll(searchPath);
    for (Path root : roots) {
      Path base = root.toAbsolutePath().normalize();
      if (file.startsWith(base)) {
        return normalize(base.relativize(file).toString());
      }
    }
    return given;
  }

  private Path locate(String logical, Location includedAt) {
    Path given = Path.of(logical);
    if (Files.isRegularFile(given)) {
      return given;
    }
    if (!given.isAbsolute()) {
      for (Path root : searchPath) {
        Path candidate = root.resolve(logical);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    String message = "changelog file '" + logical + "' not found";
    if (!given.isAbsolute()) {
      message += " (looked in the current directory and the search path " + searchPath + ")";
    }
    throw includedAt == null
        ? MigrateException.invalid(message)
        : MigrateException.invalid(includedAt, message);
  }

  private void readFile(Path physical, String logical) {
    Path real = physical.toAbsolutePath().normalize();
    if (including.contains(real)) {
      throw MigrateException.invalid("changelog '" + logical + "' includes itself (through " + including.peek() + ")");
    }
    including.push(real);
    try {
      Node root = compose(physical, logical);
      readDocument(root, physical, logical);
    } finally {
      including.pop();
    }
  }

  private static Node compose(Path physical, String logical) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(1000);
    options.setCodePointLimit(64 * 1024 * 1024);
    try (Reader reader = Files.newBufferedReader(physical, StandardCharsets.UTF_8)) {
      Node node = new Yaml(options).compose(reader);
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
      throw MigrateException.invalid(at, "invalid YAML: " + context + problem);
    } catch (IOException e) {
      throw MigrateException.invalid("cannot read changelog '" + logical + "': " + e.getMessage());
    }
  }

  private void readDocument(Node root, Path physical, String logical) {
    YamlMap document = YamlMap.of(root, logical, "a changelog");
    if (!document.has("databaseChangeLog")) {
      throw MigrateException.invalid(document.location(), "a changelog starts with 'databaseChangeLog:'");
    }
    Node body = document.node("databaseChangeLog");
    for (String key : document.unread()) {
      warnings.warn(document.location(key), "top-level key '" + key + "' is not part of a changelog and is ignored");
    }
    if (YamlMap.isNull(body)) {
      return;
    }
    if (!(body instanceof SequenceNode items)) {
      throw MigrateException.invalid(YamlMap.at(body, logical),
          "databaseChangeLog must be a list; each changeset begins with '- changeSet:'");
    }
    // Liquibase gathers a file's properties first, then substitutes ${...} in the whole file.
    ChangelogProperties.Scope scope = properties.scope();
    for (Node item : items.getValue()) {
      if ("property".equals(ChangeReader.typeOf(item))) {
        property(((MappingNode) item).getValue().get(0).getValueNode(), physical, logical, scope);
      }
    }
    scope.substitute(body);
    String fileName = logical;
    FileChanges files = new FileChanges(physical.toAbsolutePath().getParent(), this::find, warnings);
    for (Node item : items.getValue()) {
      String kind = ChangeReader.typeOf(item);
      if (kind == null) {
        throw MigrateException.invalid(YamlMap.at(item, logical),
            "each item of databaseChangeLog must be one of changeSet, include, includeAll, property");
      }
      Node value = ((MappingNode) item).getValue().get(0).getValueNode();
      Location at = YamlMap.at(item, logical);
      switch (kind) {
        case "changeSet" -> {
          ChangeReader changes = new ChangeReader(logical, warnings, files, Set.copyOf(removed));
          addChangeset(new ChangesetReader(logical, warnings, changes, options).read(value, fileName));
        }
        case "include" -> include(value, physical, logical);
        case "includeAll" -> includeAll(value, physical, logical);
        case "property" -> { } // read above
        case "logicalFilePath" -> fileName = YamlMap.isNull(value) ? logical : ((ScalarNode) value).getValue();
        case "removeChangeSetProperty" -> {
          YamlMap map = YamlMap.of(value, logical, "removeChangeSetProperty");
          removed.addAll(ChangesetReader.removal(map));
          warnings.unknownKeys(map, "removeChangeSetProperty");
        }
        case "preConditions", "modifyChangeSets" ->
            throw MigrateException.invalid(at, "'" + kind + "' at changelog level is not supported yet");
        default ->
            throw MigrateException.invalid(at, "unexpected item '" + kind
                + "' in databaseChangeLog; expected changeSet, include, includeAll or property");
      }
    }
  }

  private void property(Node value, Path physical, String logical, ChangelogProperties.Scope scope) {
    YamlMap map = YamlMap.of(value, logical, "property");
    boolean applies = Dbms.matchesPostgres(map.string("dbms"));
    String context = map.has("contextFilter") ? map.string("contextFilter") : map.string("context");
    map.string("context");
    map.string("labels");
    if (options.contexts() != null && !Expressions.matches(context, Expressions.words(options.contexts()))) {
      applies = false;
    }
    boolean global = map.bool("global", true);
    if (map.has("file")) {
      String name = map.string("file");
      Path path = map.bool("relativeToChangelogFile", false) ? physical.toAbsolutePath().getParent().resolve(name) : find(name);
      boolean required = map.bool("errorIfMissing", true);
      if (path == null || !Files.isRegularFile(path)) {
        if (required) {
          throw MigrateException.invalid(map.location("file"), "properties file '" + name + "' not found");
        }
      } else if (applies) {
        java.util.Properties loaded = new java.util.Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
          loaded.load(reader);
        } catch (IOException e) {
          throw MigrateException.invalid(map.location("file"), "cannot read '" + name + "': " + e.getMessage());
        }
        loaded.stringPropertyNames().forEach(key -> scope.define(key, loaded.getProperty(key), global));
      }
    } else {
      String name = map.requiredString("name", "property");
      String text = map.string("value");
      if (applies) {
        scope.define(name, text == null ? "" : text, global);
      }
    }
    map.string("target");
    warnings.unknownKeys(map, "property");
  }

  /** A file named in the changelog, not relative to it: the current directory, then the search path. */
  private Path find(String name) {
    Path given = Path.of(name);
    if (Files.isRegularFile(given)) {
      return given;
    }
    for (Path root : searchPath) {
      if (Files.isRegularFile(root.resolve(name))) {
        return root.resolve(name);
      }
    }
    return null;
  }

  private void include(Node value, Path physical, String logical) {
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
      String childLogical = normalize(relative ? parentOf(logical) + file : file);
      Path child = relative ? physical.toAbsolutePath().getParent().resolve(file) : find(childLogical);
      if (child == null || !Files.isRegularFile(child)) {
        if (!required) {
          continue;
        }
        throw relative
            ? MigrateException.invalid(map.location(), "included file '" + file + "' not found next to " + logical)
            : MigrateException.invalid(map.location(), "changelog file '" + childLogical
                + "' not found (looked in the current directory and the search path " + searchPath + ")");
      }
      if (wanted) {
        readFile(child, childLogical);
      }
    }
  }

  // ignore, contexts and labels on an include decide whether its file belongs to this run.
  private boolean includedHere(YamlMap map) {
    boolean ignore = map.bool("ignore", false);
    String context = map.has("contextFilter") ? map.string("contextFilter") : map.string("context");
    map.string("context");
    String labels = map.string("labels");
    if (ignore || (options.contexts() != null && !Expressions.matches(context, Expressions.words(options.contexts())))) {
      return false;
    }
    return options.labelFilter() == null || labels == null || Expressions.matches(options.labelFilter(), Expressions.words(labels));
  }

  private void includeAll(Node value, Path physical, String logical) {
    YamlMap map = YamlMap.of(value, logical, "includeAll");
    String path = map.requiredString("path", "includeAll").replace('\\', '/');
    boolean relative = map.bool("relativeToChangelogFile", false);
    boolean wanted = includedHere(map);
    boolean required = map.bool("errorIfMissingOrEmpty", true);
    warnings.unknownKeys(map, "includeAll");
    if (!wanted) {
      return;
    }
    String dirLogical = relative ? normalize(parentOf(logical) + path) : normalize(path);
    Path dir;
    try {
      dir = relative ? physical.toAbsolutePath().getParent().resolve(path) : locateDir(dirLogical, map.location());
    } catch (MigrateException e) {
      if (!required) {
        return;
      }
      throw e;
    }
    if (!Files.isDirectory(dir) && !required) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw MigrateException.invalid(map.location(), "includeAll path '" + path + "' is not a directory");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(Files::isRegularFile).filter(ChangelogParser::isYaml).sorted().toList();
    } catch (IOException e) {
      throw MigrateException.invalid(map.location(), "cannot list '" + path + "': " + e.getMessage());
    }
    if (files.isEmpty() && !required) {
      return;
    }
    if (files.isEmpty()) {
      throw MigrateException.invalid(map.location(), "includeAll path '" + path + "' holds no .yaml or .yml file");
    }
    String prefix = dirLogical.endsWith("/") ? dirLogical : dirLogical + "/";
    for (Path file : files) {
      readFile(file, prefix + file.getFileName());
    }
  }

  private Path locateDir(String logical, Location at) {
    Path given = Path.of(logical);
    if (Files.isDirectory(given)) {
      return given;
    }
    for (Path root : searchPath) {
      if (Files.isDirectory(root.resolve(logical))) {
        return root.resolve(logical);
      }
    }
    throw MigrateException.invalid(at, "includeAll path '" + logical + "' not found");
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private void addChangeset(Changeset changeset) {
    if (changeset == null) {
      return;
    }
    Changeset earlier = byKey.putIfAbsent(changeset.key(), changeset);
    if (earlier != null) {
      throw MigrateException.invalid(
          changeset.location(),
          "changeset '" + changeset.id() + "' by " + changeset.author() + " is defined twice in " + changeset.path() + "; the first is at " + earlier.location());
    }
    changesets.add(changeset);
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
