package dev.migrate.changelog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to read a changelog.
 *
 * @param searchPath where includes that are not relative to their file are looked up, after the
 *     current directory
 * @param properties {@code -Dname=value} from the command line
 * @param environment the process environment, a property source after the command line
 * @param defaultSchema the value of {@code ${database.defaultSchemaName}}
 * @param contexts the run's contexts ({@code --contexts}); null runs every changeset
 * @param labelFilter an expression over changeset labels ({@code --label-filter}); null runs all
 */
public record ParseOptions(
    List<Path> searchPath,
    boolean strict,
    Map<String, String> properties,
    Map<String, String> environment,
    String defaultSchema,
    String contexts,
    String labelFilter) {

  /** Defaults for tests and tools: no properties, no filters, schema public. */
  public static ParseOptions defaults(List<Path> searchPath, boolean strict) {
    return new ParseOptions(searchPath, strict, Map.of(), Map.of(), "public", null, null);
  }

  /** Whether the run's contexts select an element with this context expression (none: always). */
  boolean selectsContext(String context) {
    return contexts == null || Expressions.matches(context, Expressions.words(contexts));
  }

  /**
   * Whether a changeset, an include or an includeAll belongs to this run: its context expression
   * ({@code contextFilter}, or the older {@code context}) matches the run's contexts, and the run's
   * label filter matches its labels. Either left out selects it.
   */
  boolean selects(YamlMap map) {
    String context = map.has("contextFilter") ? map.string("contextFilter") : map.string("context");
    map.string("context"); // read either way: not an unknown key
    String labels = map.string("labels");
    return selectsContext(context)
        && (labelFilter == null
            || labels == null
            || Expressions.matches(labelFilter, Expressions.words(labels)));
  }
}
