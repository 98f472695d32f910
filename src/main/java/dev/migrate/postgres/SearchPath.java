package dev.migrate.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search path a raw statement sets, read as PostgreSQL reads it: {@code SET [SESSION | LOCAL]
 * search_path TO a, b}, {@code SET SCHEMA 'a'}, {@code SELECT set_config('search_path', 'a, b',
 * …)}, and {@code RESET search_path} or {@code RESET ALL}, which go back to the session's own.
 *
 * <p>Unqualified names that follow are made in the first schema it lists, so that is where the
 * guards look for them. {@code "$user"}, {@code pg_catalog} and {@code pg_temp} are passed over:
 * the first names a schema that seldom exists, and no changelog makes its tables in the others.
 * Liquibase sets the search path back to the session's own after every changeset, so what a
 * changeset sets lasts to its end, and the next changeset starts from the default schema again.
 */
public final class SearchPath {
  private static final Pattern SET =
      Pattern.compile(
          "(?is)SET\\s+(?:(?:SESSION|LOCAL)\\s+)?(?:search_path\\s*(?:TO\\b|=)|SCHEMA\\b)(.*?)[\\s;]*");
  private static final Pattern SET_CONFIG =
      Pattern.compile(
          "(?is)SELECT\\s+(?:pg_catalog\\s*\\.\\s*)?set_config\\s*\\(\\s*'search_path'\\s*,"
              + "\\s*'((?:[^']++|'')*)'\\s*,\\s*\\w+\\s*\\)[\\s;]*");
  private static final Pattern RESET =
      Pattern.compile("(?is)(?:RESET\\s+(?:search_path|ALL)|DISCARD\\s+ALL)[\\s;]*");
  private static final Pattern ITEM =
      Pattern.compile("\\s*(?:\"((?:[^\"]++|\"\")*)\"|'((?:[^']++|'')*)'|([^,\\s]+))\\s*(?:,|$)");

  private SearchPath() {}

  /**
   * The schema unqualified names are in after {@code statement} runs, when before it they were in
   * {@code schema} (null: the default one).
   */
  public static String after(String schema, String statement) {
    String code = SqlName.withoutLeadingComments(statement);
    if (code.length() < 5) {
      return schema;
    }
    Matcher set = SET.matcher(code);
    if (set.matches()) {
      return first(set.group(1));
    }
    Matcher config = SET_CONFIG.matcher(code);
    if (config.matches()) {
      return first(config.group(1).replace("''", "'"));
    }
    return RESET.matcher(code).matches() ? null : schema;
  }

  /** Whether {@code statement} sets the search path (or sets it back). */
  public static boolean sets(String statement) {
    String code = SqlName.withoutLeadingComments(statement);
    return SET.matcher(code).matches()
        || SET_CONFIG.matcher(code).matches()
        || RESET.matcher(code).matches();
  }

  /** The schema for each of {@code statements}, before it runs, from {@code schema} before all. */
  public static List<String> along(List<String> statements, String schema) {
    List<String> schemas = new ArrayList<>(statements.size());
    for (String statement : statements) {
      schemas.add(schema);
      schema = after(schema, statement);
    }
    return schemas;
  }

  // The first schema of a list as SET writes it; null (the default) for DEFAULT or none.
  private static String first(String list) {
    Matcher item = ITEM.matcher(list.strip());
    while (item.lookingAt()) {
      String name =
          item.group(1) != null
              ? item.group(1).replace("\"\"", "\"")
              : item.group(2) != null
                  ? item.group(2).replace("''", "'")
                  : item.group(3).toLowerCase(Locale.ROOT);
      if (item.group(3) != null && name.equals("default")) {
        return null;
      }
      if (!name.equals("$user") && !name.equals("pg_catalog") && !name.startsWith("pg_temp")) {
        return name.isEmpty() ? null : name;
      }
      item.region(item.end(), list.strip().length());
    }
    return null;
  }
}
