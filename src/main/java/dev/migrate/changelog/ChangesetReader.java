package dev.migrate.changelog;

import dev.migrate.model.Changeset;
import dev.migrate.model.Dbms;
import dev.migrate.model.Durations;
import dev.migrate.model.Identifier;
import dev.migrate.model.Location;
import dev.migrate.model.MigrateException;
import dev.migrate.model.ModifySql;
import dev.migrate.model.Preconditions;
import dev.migrate.model.Rollback;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one {@code changeSet} entry: its attributes, preconditions, changes and modifySql. */
final class ChangesetReader {
  private final String file;
  private final Warnings warnings;
  private final ChangeReader changes;
  private final ParseOptions options;

  // The changeset's runOrder as read: first, last, or null.
  private String runOrder;
  private final Earlier earlier;

  /**
   * The changesets read before this one of that file path, author and id, in the order they run:
   * what a rollback that names another changeset undoes with.
   */
  interface Earlier {
    List<Changeset> find(String path, String author, String id);
  }

  ChangesetReader(
      String file, Warnings warnings, ChangeReader changes, ParseOptions options, Earlier earlier) {
    this.file = file;
    this.warnings = warnings;
    this.changes = changes;
    this.options = options;
    this.earlier = earlier;
  }

  /** The runOrder of the changeset last read ({@code first}, {@code last}), or null. */
  String runOrder() {
    return runOrder;
  }

  /** The changeset, or null when dbms, ignore, contexts or labels leave it out of this run. */
  Changeset read(Node value, String fileName) {
    YamlMap map = YamlMap.of(value, file, "changeSet");
    Location at = map.location();
    String id = map.requiredString("id", "a changeSet");
    String author = map.requiredString("author", "changeSet '" + id + "'");
    if (!included(map)) {
      return null;
    }
    NameFolding names = new NameFolding(quoting(map, id), warnings);
    String path = map.has("logicalFilePath") ? map.string("logicalFilePath") : fileName;
    boolean runInTransaction = map.bool("runInTransaction", true);
    Preconditions preconditions = null;
    for (String key : List.of("preConditions", "preconditions")) {
      if (map.has(key)) {
        preconditions = new PreconditionReader(file, warnings).read(map.node(key));
      }
    }
    Rollback rollback = rollback(map, path);
    List<ModifySql> modifySql = new ArrayList<>();
    map.list("modifySql").forEach(node -> modifySql(node, modifySql));
    List<Node> counted = new ArrayList<>();
    List<Node> legacy = new ArrayList<>(); // as an m1 checksum counted them
    boolean readsFiles = false;
    List<Step> steps = new ArrayList<>();
    try {
      for (Node change : changeNodes(map)) {
        String type = ChangeReader.typeOf(change);
        if ("modifySql".equals(type)) {
          modifySql(((MappingNode) change).getValue().get(0).getValueNode(), modifySql);
          continue;
        }
        if ("rollback".equals(type)) {
          continue; // Liquibase takes a rollback written among the changes as the changeset's
        }
        Step step = changes.read(change);
        List<String> files = changes.filesRead();
        String legacyLoadData = changes.legacyLoadData();
        if (step != null) {
          steps.add(step);
          counted.add(change);
          legacy.add(change);
          // The file's content is part of the change: an edited file is an edited changeset.
          files.forEach(text -> counted.add(scalar("file " + text)));
          if (!files.isEmpty()) {
            readsFiles = true;
            legacy.add(scalar(legacyLoadData != null ? legacyLoadData : step.change().toString()));
          }
        }
      }
    } catch (MigrateException e) {
      throw new MigrateException(
          e.exitCode(), e.getMessage() + " (in changeset '" + id + "' by " + author + ")");
    }
    // Liquibase records such a changeset only when it has a rollback block (seen in the corpus:
    // orca's modify-status-column-enum is recorded, its mariadb-only changesets are not).
    if (runInTransaction) {
      refuseOutsideTransactionSteps(steps, id, author);
    }
    boolean onlyOtherDatabases =
        steps.isEmpty()
            && !map.list("changes").isEmpty()
            && map.list("changes").stream()
                .anyMatch(n -> !"modifySql".equals(ChangeReader.typeOf(n)))
            // An empty is a change for every database, with nothing to run: it is recorded.
            && map.list("changes").stream().noneMatch(n -> "empty".equals(ChangeReader.typeOf(n)))
            && YamlMap.isNull(map.node("rollback"));
    List<String> validCheckSums = new ArrayList<>();
    for (String key : List.of("validCheckSum", "validCheckSums")) {
      for (Node node : map.list(key)) {
        if (node instanceof ScalarNode scalar) {
          validCheckSums.add(scalar.getValue().trim());
        }
      }
    }
    String comment = map.string("comment");
    map.string("description");
    map.string("created");
    runOrder = map.string("runOrder");
    if (runOrder != null && !List.of("first", "last").contains(runOrder)) {
      throw MigrateException.invalid(
          map.location("runOrder"),
          "changeSet '" + id + "': runOrder must be 'first' or 'last', not '" + runOrder + "'");
    }
    boolean runOnChange = map.bool("runOnChange", false);
    boolean runAlways = map.bool("runAlways", false) || map.bool("alwaysRun", false);
    boolean failOnError = map.bool("failOnError", true);
    String onValidationFail = map.string("onValidationFail");
    if (onValidationFail != null && !List.of("HALT", "MARK_RAN").contains(onValidationFail)) {
      throw MigrateException.invalid(
          map.location("onValidationFail"),
          "changeSet '"
              + id
              + "': onValidationFail must be HALT or MARK_RAN, not '"
              + onValidationFail
              + "'");
    }
    Changeset.Timeouts timeouts =
        new Changeset.Timeouts(millis(map, "lockTimeout"), millis(map, "statementTimeout"));
    warnings.unknownKeys(map, "changeSet '" + id + "'");
    return new Changeset(
        id,
        author,
        path,
        at,
        comment,
        runInTransaction,
        names.steps(steps),
        names.preconditions(preconditions),
        readsFiles
            ? Checksums.of(Checksums.FILES, counted, modifySqlNodes(map))
            : Checksums.of(counted, modifySqlNodes(map)),
        List.copyOf(modifySql),
        runOnChange,
        runAlways,
        failOnError,
        List.copyOf(validCheckSums),
        onlyOtherDatabases,
        names.rollback(rollback),
        timeouts,
        "MARK_RAN".equals(onValidationFail),
        // A row recorded when the checksum counted what migrate made of the files still counts.
        readsFiles ? Checksums.of(legacy, modifySqlNodes(map)) : null,
        writtenAs(map, id, author));
  }

  // Earlier versions recorded an id or author as written (007) where Liquibase reads another (7).
  private static Changeset.WrittenAs writtenAs(YamlMap map, String id, String author) {
    String writtenId = map.writtenOtherwise("id");
    String writtenAuthor = map.writtenOtherwise("author");
    if (writtenId == null && writtenAuthor == null) {
      return null;
    }
    return new Changeset.WrittenAs(
        writtenId == null ? id : writtenId, writtenAuthor == null ? author : writtenAuthor);
  }

  // How Liquibase writes this changeset's names, which decides the names PostgreSQL stores.
  private static Identifier.Quoting quoting(YamlMap map, String id) {
    String written = map.string("objectQuotingStrategy");
    if (written == null) {
      return Identifier.Quoting.LEGACY;
    }
    Identifier.Quoting quoting = Identifier.Quoting.named(written);
    if (quoting == null) {
      throw MigrateException.invalid(
          map.location("objectQuotingStrategy"),
          "changeSet '"
              + id
              + "': objectQuotingStrategy '"
              + written
              + "' is not one of LEGACY, QUOTE_ALL_OBJECTS, QUOTE_ONLY_RESERVED_WORDS");
    }
    return quoting;
  }

  // PostgreSQL refuses these inside a transaction block; say so before anything runs.
  private static final java.util.regex.Pattern NO_TRANSACTION =
      java.util.regex.Pattern.compile(
          "(?is)^\\s*(CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY"
              + "|VACUUM|ALTER\\s+SYSTEM|CREATE\\s+DATABASE|DROP\\s+DATABASE|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE"
              + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY)\\b.*");

  private static void refuseOutsideTransactionSteps(List<Step> steps, String id, String author) {
    for (Step step : steps) {
      String statement = null;
      if (step.change() instanceof dev.migrate.model.Change.CreateIndex c && c.concurrently()) {
        statement = "createIndex with concurrently: true";
      } else if (step.change() instanceof dev.migrate.model.Change.Sql sql) {
        statement =
            SqlSplitter.split(sql.sql(), sql.endDelimiter(), true).stream()
                .filter(s -> NO_TRANSACTION.matcher(s).matches())
                .findFirst()
                .orElse(null);
      }
      if (statement != null) {
        throw MigrateException.invalid(
            step.location(),
            "changeset '"
                + id
                + "' by "
                + author
                + " runs in a transaction, but "
                + firstLine(statement)
                + " cannot; set runInTransaction: false on the changeset");
      }
    }
  }

  // A text counted in a checksum as one more node.
  private static ScalarNode scalar(String text) {
    return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 70 ? line.substring(0, 67) + "..." : line;
  }

  // The keys of a changeSet Liquibase reads by name; any other key holding a mapping is a change.
  private static final Set<String> CHANGESET_BLOCKS =
      Set.of(
          "changes",
          "rollback",
          "validCheckSum",
          "validCheckSums",
          "modifySql",
          "preConditions",
          "preconditions");

  /**
   * The changes in the order Liquibase meets them among the changeSet's keys: those listed under
   * 'changes', and a change written straight under the changeSet ('createTable:' beside
   * 'changes:'), which Liquibase takes as a change too. Any other key holding a mapping (directly,
   * or as an item of a list) Liquibase reads as a change of that name, and refuses for want of such
   * a type.
   */
  private List<Node> changeNodes(YamlMap map) {
    List<Node> nodes = new ArrayList<>();
    for (String key : List.copyOf(map.keys())) {
      Node value = map.peek(key);
      if (key.equals("changes")) {
        nodes.addAll(changeItems(map.list("changes")));
      } else if (ChangeReader.TYPES.contains(key)) {
        map.node(key);
        nodes.add(
            new MappingNode(
                Tag.MAP,
                true,
                List.of(new NodeTuple(map.keyNode(key), value)),
                map.keyNode(key).getStartMark(),
                value.getEndMark(),
                DumperOptions.FlowStyle.BLOCK));
      } else if (!CHANGESET_BLOCKS.contains(key) && holdsMapping(value)) {
        throw MigrateException.invalid(
            map.location(key),
            "'"
                + key
                + "' holds a mapping, which Liquibase reads as a change of that name, and there is"
                + " no change type '"
                + key
                + "'");
      }
    }
    return nodes;
  }

  // A mapping with keys, or a list with one as an item: what Liquibase takes for nodes of its own.
  private static boolean holdsMapping(Node node) {
    return node instanceof SequenceNode sequence
        ? sequence.getValue().stream().anyMatch(ChangesetReader::keyed)
        : keyed(node);
  }

  private static boolean keyed(Node node) {
    return node instanceof MappingNode mapping && !mapping.getValue().isEmpty();
  }

  // An item holding several keys ('- tagDatabase:' with a mis-indented 'tag:' beside it) is read
  // key by key, as Liquibase reads it: change types are changes, other keys are ignored. A key
  // written twice keeps its place and its last value, as a YAML loader's map keeps it.
  private List<Node> changeItems(List<Node> items) {
    List<Node> split = new ArrayList<>();
    for (Node item : items) {
      if (!(item instanceof MappingNode mapping)
          || mapping.getValue().size() < 2
          || ChangeReader.typeOf(item) != null) {
        split.add(item);
        continue;
      }
      java.util.Map<String, NodeTuple> byKey = new java.util.LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        byKey.put(tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?", tuple);
      }
      for (NodeTuple tuple : byKey.values()) {
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
        if (ChangeReader.TYPES.contains(key) || key.equals("modifySql") || key.equals("rollback")) {
          split.add(
              new MappingNode(
                  Tag.MAP,
                  true,
                  List.of(tuple),
                  tuple.getKeyNode().getStartMark(),
                  tuple.getValueNode().getEndMark(),
                  mapping.getFlowStyle()));
        } else {
          warnings.warn(
              YamlMap.at(tuple.getKeyNode(), file),
              "'" + key + "' beside a change in 'changes' is ignored");
        }
      }
    }
    return split;
  }

  // A rollback is SQL text, a list of changes, or empty (undo nothing). As in Liquibase, every
  // rollback block of the changeset counts, in the order written: the changeSet's own key and any
  // 'rollback' among the changes, alone in an item or beside a change. A block that cannot be read
  // is kept as a problem, reported only if a downgrade needs it.
  private Rollback rollback(YamlMap map, String path) {
    List<Node> blocks = new ArrayList<>();
    if (map.node("rollback") != null) {
      blocks.add(map.node("rollback"));
    }
    for (Node change : map.list("changes")) {
      if (change instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("rollback")) {
            blocks.add(tuple.getValueNode());
          }
        }
      }
    }
    if (blocks.isEmpty()) {
      return Rollback.NONE;
    }
    blocks.sort(
        java.util.Comparator.comparingInt((Node n) -> n.getStartMark().getLine())
            .thenComparingInt(n -> n.getStartMark().getColumn()));
    List<Step> steps = new ArrayList<>();
    for (Node block : blocks) {
      if (reuses(block)) {
        // Liquibase refuses the changelog when that changeset is not there: so does migrate.
        steps.addAll(reused(YamlMap.of(block, file, "rollback"), path));
        continue;
      }
      try {
        Rollback one = rollbackBlock(block);
        if (one.problem() != null) {
          return one;
        }
        steps.addAll(one.steps());
      } catch (MigrateException e) {
        return new Rollback(List.of(), true, e.getMessage());
      }
    }
    return new Rollback(List.copyOf(steps), true, null);
  }

  private Rollback rollbackBlock(Node node) {
    if (YamlMap.isNull(node)) {
      return new Rollback(List.of(), true, null);
    }
    if (node instanceof ScalarNode scalar) {
      return new Rollback(
          List.of(
              new Step(
                  new dev.migrate.model.Change.Sql(scalar.getValue(), true, false, null),
                  YamlMap.at(node, file))),
          true,
          null);
    }
    List<Node> items =
        node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq ? seq.getValue() : List.of(node);
    List<Step> steps = new ArrayList<>();
    for (Node item : changeItems(items)) {
      Step step = changes.read(item);
      if (step != null) {
        steps.add(step);
      }
    }
    return new Rollback(List.copyOf(steps), true, null);
  }

  private static boolean reuses(Node node) {
    return node instanceof MappingNode mapping
        && mapping.getValue().stream()
            .anyMatch(
                t ->
                    t.getKeyNode() instanceof ScalarNode k && k.getValue().startsWith("changeSet"));
  }

  // A rollback that names another changeset (changeSetId, changeSetAuthor, and changeSetPath,
  // by default this changeset's file) undoes with that changeset's changes, as Liquibase does: it
  // must be read before this one, and the names are compared ignoring case.
  private List<Step> reused(YamlMap ref, String path) {
    String id = ref.requiredString("changeSetId", "a rollback that names another changeset");
    String author =
        ref.requiredString("changeSetAuthor", "a rollback that names another changeset");
    String in =
        ref.has("changeSetPath") ? ChangelogParser.recorded(ref.string("changeSetPath")) : path;
    warnings.unknownKeys(ref, "a rollback that names another changeset");
    List<Changeset> found = earlier.find(in, author, id);
    if (found.isEmpty()) {
      throw MigrateException.invalid(
          ref.location(),
          "the rollback names changeset "
              + in
              + "::"
              + id
              + "::"
              + author
              + ", which is not in the changelog before it");
    }
    List<Step> steps = new ArrayList<>();
    found.forEach(c -> steps.addAll(c.steps()));
    return steps;
  }

  // dbms, ignore, contexts and labels decide whether the changeset belongs to this run at all.
  private boolean included(YamlMap map) {
    if (map.has("dbms") && !Dbms.matchesPostgres(map.string("dbms"))) {
      return false; // Liquibase leaves a changeset for another database out of the changelog
    }
    if (map.bool("ignore", false)) {
      return false;
    }
    return options.selects(map);
  }

  private List<Node> modifySqlNodes(YamlMap map) {
    List<Node> nodes = new ArrayList<>(map.list("modifySql"));
    for (Node change : map.list("changes")) {
      if ("modifySql".equals(ChangeReader.typeOf(change))) {
        nodes.add(change);
      }
    }
    return nodes;
  }

  // A modifySql block: its dbms decides; then one or more of replace, regExpReplace, prepend,
  // append.
  private void modifySql(Node node, List<ModifySql> into) {
    List<Node> blocks =
        node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq ? seq.getValue() : List.of(node);
    for (Node block : blocks) {
      YamlMap map = YamlMap.of(block, file, "modifySql");
      boolean applies = Dbms.matchesPostgres(map.string("dbms"));
      map.string("context");
      map.string("contextFilter");
      map.string("labels");
      map.optionalBool("applyToRollback");
      for (String kind : List.of("replace", "regExpReplace", "prepend", "append")) {
        if (!map.has(kind)) {
          continue;
        }
        YamlMap body = YamlMap.of(map.node(kind), file, kind);
        ModifySql rewrite =
            switch (kind) {
              case "replace" ->
                  new ModifySql(
                      ModifySql.Kind.REPLACE,
                      body.requiredString("replace", kind),
                      orEmpty(body.string("with")));
              case "regExpReplace" ->
                  new ModifySql(
                      ModifySql.Kind.REGEX_REPLACE,
                      body.requiredString("replace", kind),
                      orEmpty(body.string("with")));
              case "prepend" ->
                  new ModifySql(ModifySql.Kind.PREPEND, null, body.requiredString("value", kind));
              default ->
                  new ModifySql(ModifySql.Kind.APPEND, null, body.requiredString("value", kind));
            };
        // Liquibase reads a dbms written inside the rewrite as well as one beside it.
        boolean here = Dbms.matchesPostgres(body.string("dbms"));
        warnings.unknownKeys(body, kind);
        if (applies && here) {
          into.add(rewrite);
        }
      }
      warnings.unknownKeys(map, "modifySql");
    }
  }

  // 500ms, 5s, 2m, or a bare number of milliseconds, as PostgreSQL reads its timeouts.
  private static Long millis(YamlMap map, String key) {
    String text = map.string(key);
    if (text == null) {
      return null;
    }
    java.time.Duration duration = Durations.parse(text, java.time.temporal.ChronoUnit.MILLIS);
    if (duration == null) {
      throw MigrateException.invalid(
          map.location(key),
          "'" + key + "' must be a duration such as 500ms, 5s or 2m, not '" + text + "'");
    }
    return duration.toMillis();
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  static Set<String> removal(YamlMap map) {
    String change = map.requiredString("change", "removeChangeSetProperty");
    String remove = map.requiredString("remove", "removeChangeSetProperty");
    boolean applies = Dbms.matchesPostgres(map.string("dbms"));
    return applies ? Set.of(change + "." + remove) : Set.of();
  }
}
