package dev.migrate.fuzz;

import dev.migrate.fuzz.GeneratedChangelog.Format;
import java.util.ArrayList;
import java.util.List;

/** Root changelogs that only include other files, in YAML, JSON or XML. */
final class Includes {
  private Includes() {}

  static String root(Format format, List<String> files) {
    List<String> items = new ArrayList<>();
    for (String file : files) {
      items.add(
          switch (format) {
            case YAML ->
                "  - include:\n      file: "
                    + Quote.yaml(file)
                    + "\n      relativeToChangelogFile: true\n";
            case JSON ->
                "  {\"include\": {\"file\": "
                    + Quote.json(file)
                    + ", \"relativeToChangelogFile\": true}}";
            case XML ->
                "  <include file=" + Quote.xml(file) + " relativeToChangelogFile=\"true\"/>\n";
            case SQL ->
                throw new IllegalArgumentException(
                    "a formatted SQL changelog includes nothing here");
          });
    }
    return switch (format) {
      case YAML -> "databaseChangeLog:\n" + String.join("", items);
      case JSON -> "{\"databaseChangeLog\": [\n" + String.join(",\n", items) + "\n]}\n";
      case XML ->
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
              + String.join("", items)
              + "</databaseChangeLog>\n";
      case SQL ->
          throw new IllegalArgumentException("a formatted SQL changelog includes nothing here");
    };
  }

  /** An includeAll of a directory, as YAML. */
  static String includeAll(String directory) {
    return "databaseChangeLog:\n  - includeAll:\n      path: "
        + Quote.yaml(directory)
        + "\n      relativeToChangelogFile: true\n";
  }
}
