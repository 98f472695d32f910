package dev.migrate.fuzz;

import dev.migrate.fuzz.GeneratedChangelog.Format;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Whole inputs built to hurt: alias and entity bombs, external entities and DTDs that point at a
 * local listener or a local file, include cycles, missing and empty includes, property cycles,
 * empty roots and hostile names. {@code trap} is a URL nothing may fetch; {@code secretFile} a
 * local file whose text must never reach any output.
 */
final class HostileInputs {
  /** Names a changelog may give a table: each must create exactly that name or be refused. */
  static final List<String> NAMES =
      List.of(
          "x(); DROP TABLE fuzz_sentinel; --",
          "a\"b",
          "a'b",
          "semi;colon",
          "par(en)",
          "dollar$$sign",
          "$1",
          "$tag$x$tag$",
          "do.t",
          "sch.tab.col",
          "with space",
          " lead",
          "trail ",
          "Ünïcødé_表",
          "emoji😀",
          "t".repeat(63),
          "t".repeat(64),
          "é".repeat(40),
          "CamelCase",
          "select",
          "user",
          "1abc",
          "back\\slash",
          "new\nline",
          "",
          " ",
          "nul\u0000byte",
          "${undefined}",
          "%s%n",
          "--comment",
          "/*c*/",
          "\"",
          "''",
          "a".repeat(200) + "b");

  private final String trap;
  private final String secretFile;

  HostileInputs(String trap, String secretFile) {
    this.trap = trap;
    this.secretFile = secretFile;
  }

  FuzzCase yamlBomb(long seed, Random random) {
    StringBuilder b =
        new StringBuilder(
            "x0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    int levels = 5 + random.nextInt(6);
    for (int i = 1; i <= levels; i++) {
      b.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    String bomb = "*a" + levels;
    if (random.nextInt(6) == 0) {
      // Many aliases rather than deep ones: past the loader's count of aliases to collections.
      String many = ("*a0, ").repeat(1200 + random.nextInt(2000));
      return single(
          seed,
          "yamlBomb",
          "bomb.yaml",
          b
              + "databaseChangeLog:\n  - changeSet:\n      id: many\n      author: fuzz\n"
              + "      comment: ["
              + many
              + "*a0]\n      changes:\n        - sql: {sql: SELECT 1}\n",
          true);
    }
    String body =
        switch (random.nextInt(5)) {
          case 0 -> "databaseChangeLog: " + bomb + "\n";
          case 1 ->
              "databaseChangeLog:\n  - changeSet:\n      id: bomb\n      author: fuzz\n      comment: "
                  + bomb
                  + "\n      changes:\n"
                  + "        - sql: {sql: SELECT 1}\n";
          case 2 ->
              "databaseChangeLog:\n  - changeSet:\n      id: bomb\n      author: fuzz\n      changes: "
                  + bomb
                  + "\n";
          case 3 ->
              "databaseChangeLog:\n  - property: {name: p, value: "
                  + bomb
                  + "}\n  - changeSet:\n      id: bomb\n      author: fuzz\n"
                  + "      changes:\n        - sql: {sql: \"SELECT '${p}'\"}\n";
          default ->
              "databaseChangeLog:\n  - changeSet:\n      id: bomb\n      author: fuzz\n      changes:\n        - createTable:\n"
                  + "            tableName: bomb\n            columns: "
                  + bomb
                  + "\n";
        };
    return single(seed, "yamlBomb", "bomb.yaml", b + body, true);
  }

  FuzzCase xmlHostile(long seed, Random random) {
    String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    String changeset =
        "  <changeSet id=\"1\" author=\"fuzz\">\n    <sql>SELECT '&e;'</sql>\n  </changeSet>\n";
    String kind;
    String doctype;
    switch (random.nextInt(6)) {
      case 0 -> {
        kind = "xmlEntityBomb";
        StringBuilder d =
            new StringBuilder("<!DOCTYPE databaseChangeLog [\n  <!ENTITY e0 \"lol\">\n");
        for (int i = 1; i <= 10; i++) {
          d.append("  <!ENTITY e")
              .append(i)
              .append(" \"")
              .append(("&e" + (i - 1) + ";").repeat(10))
              .append("\">\n");
        }
        doctype = d.append("  <!ENTITY e \"&e10;\">\n]>\n").toString();
      }
      case 1 -> {
        kind = "xmlExternalEntityHttp";
        doctype =
            "<!DOCTYPE databaseChangeLog [\n  <!ENTITY e SYSTEM \"" + trap + "/entity\">\n]>\n";
      }
      case 2 -> {
        kind = "xmlExternalEntityFile";
        doctype =
            "<!DOCTYPE databaseChangeLog [\n  <!ENTITY e SYSTEM \"file://"
                + secretFile
                + "\">\n]>\n";
      }
      case 3 -> {
        kind = "xmlExternalDtd";
        doctype = "<!DOCTYPE databaseChangeLog SYSTEM \"" + trap + "/dtd\">\n";
      }
      case 4 -> {
        kind = "xmlParameterEntity";
        doctype =
            "<!DOCTYPE databaseChangeLog [\n  <!ENTITY % p SYSTEM \""
                + trap
                + "/param\">\n  %p;\n]>\n";
      }
      default -> {
        kind = "xmlXInclude";
        doctype = "";
        changeset =
            "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + trap
                + "/xinclude\"/>\n"
                + "  <changeSet id=\"1\" author=\"fuzz\">\n    <sql>SELECT 1</sql>\n  </changeSet>\n";
      }
    }
    String xml =
        head
            + doctype
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
            + trap
            + "/xsd\">\n"
            + changeset
            + "</databaseChangeLog>\n";
    return single(seed, kind, "hostile.xml", xml, true);
  }

  /**
   * YAML tags that name Java classes, and a URL include: composing must never build or fetch them.
   */
  FuzzCase foreignReference(long seed, Random random) {
    String value =
        switch (random.nextInt(3)) {
          case 0 ->
              "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\""
                  + trap
                  + "/tag\"]]]]";
          case 1 -> "!!java.net.URL \"" + trap + "/scalar\"";
          default -> null;
        };
    if (value == null) {
      String yaml = "databaseChangeLog:\n  - include:\n      file: " + trap + "/include.yaml\n";
      return single(seed, "includeUrl", "changelog.yaml", yaml, true);
    }
    String yaml =
        "databaseChangeLog:\n  - changeSet:\n      id: tag\n      author: fuzz\n      changes:\n        - createTable:\n"
            + "            tableName: "
            + value
            + "\n            columns:\n              - column: {name: id, type: int}\n";
    return single(seed, "yamlJavaTag", "changelog.yaml", yaml, false);
  }

  FuzzCase includes(long seed, Random random) {
    Format format = List.of(Format.YAML, Format.JSON, Format.XML).get(random.nextInt(3));
    String ext = format.extension;
    Map<String, byte[]> files = new LinkedHashMap<>();
    String root = "changelog." + ext;
    String kind;
    boolean mustFail = true;
    switch (random.nextInt(6)) {
      case 0 -> {
        kind = "includeSelf";
        files.put(root, bytes(Includes.root(format, List.of(root))));
      }
      case 1 -> {
        kind = "includeCycle";
        files.put(root, bytes(Includes.root(format, List.of("a/one." + ext))));
        files.put("a/one." + ext, bytes(Includes.root(format, List.of("../b/two." + ext))));
        files.put("b/two." + ext, bytes(Includes.root(format, List.of("../a/one." + ext))));
      }
      case 2 -> {
        kind = "includeMissing";
        files.put(root, bytes(Includes.root(format, List.of("missing/nowhere." + ext))));
      }
      case 3 -> {
        kind = "includeEmpty";
        mustFail = false;
        String[] empties = {
          "",
          "   \n",
          "# nothing\n",
          "\uFEFF",
          "---\n",
          "<!-- nothing -->\n",
          "null\n",
          "{}\n",
          "[]\n"
        };
        files.put(root, bytes(Includes.root(format, List.of("empty." + ext))));
        files.put("empty." + ext, bytes(empties[random.nextInt(empties.length)]));
      }
      case 4 -> {
        kind = "includeAllEmptyDirectory";
        mustFail = false;
        root = "changelog.yaml";
        files.put(root, bytes(Includes.includeAll(random.nextBoolean() ? "nothing-here/" : "")));
      }
      default -> {
        kind = "includeDirectoryAsFile";
        files.put(root, bytes(Includes.root(format, List.of("."))));
      }
    }
    return new FuzzCase(seed, "hostile", kind, root, files, true, mustFail, null);
  }

  /** Parameters that double at each step: ${p40} would be a trillion characters long. */
  FuzzCase propertyBomb(long seed, Random random) {
    StringBuilder yaml =
        new StringBuilder("databaseChangeLog:\n  - property: {name: p0, value: lol}\n");
    int levels = 30 + random.nextInt(20);
    for (int i = 1; i <= levels; i++) {
      yaml.append("  - property: {name: p")
          .append(i)
          .append(", value: \"${p")
          .append(i - 1)
          .append("}${p")
          .append(i - 1)
          .append("}\"}\n");
    }
    String use = random.nextBoolean() ? "p" + levels : "p" + (levels / 2);
    yaml.append(
            "  - changeSet:\n      id: bomb\n      author: fuzz\n      changes:\n        - sql: {sql: \"SELECT '${")
        .append(use)
        .append("}'\"}\n");
    return single(seed, "propertyBomb", "changelog.yaml", yaml.toString(), true);
  }

  /** Elements nested far deeper than any changelog, where reading the tree recurses per level. */
  FuzzCase deepXml(long seed, Random random) {
    int depth = 1000 + random.nextInt(200_000);
    String xml =
        "<?xml version=\"1.0\"?>\n<databaseChangeLog>\n  <changeSet id=\"1\" author=\"fuzz\">\n    <createTable tableName=\"t\">"
            + "<column name=\"c\" type=\"int\">".repeat(depth)
            + "</column>".repeat(depth)
            + "</createTable>\n  </changeSet>\n</databaseChangeLog>\n";
    return single(seed, "deepXml", "deep.xml", xml, true);
  }

  FuzzCase propertyCycle(long seed, Random random) {
    String yaml =
        "databaseChangeLog:\n  - property: {name: a, value: \"${b}\"}\n  - property: {name: b, value: \"${a}x\"}\n"
            + "  - property: {name: c, value: \"${c}${c}\"}\n"
            + "  - changeSet:\n      id: props\n      author: fuzz\n      changes:\n        - createTable:\n            tableName: \"t_${"
            + (random.nextBoolean() ? "a" : "c")
            + "}\"\n            columns:\n              - column: {name: id, type: int}\n";
    return single(seed, "propertyCycle", "changelog.yaml", yaml, false);
  }

  FuzzCase emptyRoot(long seed, Random random) {
    String[] texts = {
      "",
      " ",
      "\n\n",
      "\uFEFF",
      "databaseChangeLog:\n",
      "databaseChangeLog: []\n",
      "{}\n",
      "[]\n",
      "null\n",
      "databaseChangeLog: 5\n",
      "databaseChangeLog:\n  - {}\n",
      "databaseChangeLog:\n  - changeSet:\n",
      "---\n---\n"
    };
    String[] names = {
      "changelog.yaml", "changelog.json", "changelog.xml", "changelog.sql", "changelog.txt"
    };
    return single(
        seed,
        "emptyRoot",
        names[random.nextInt(names.length)],
        texts[random.nextInt(texts.length)],
        false);
  }

  /**
   * A generated changelog whose tables carry a hostile name; a run that succeeds must create
   * exactly it.
   */
  static FuzzCase named(long seed, Random random) {
    String name = NAMES.get(random.nextInt(NAMES.size()));
    GeneratedChangelog changelog = GeneratedChangelog.random(random, "n").named(name);
    Format format = List.of(Format.YAML, Format.JSON, Format.XML).get(random.nextInt(3));
    String root = "changelog." + format.extension;
    return new FuzzCase(
        seed,
        "generated:" + format.extension,
        "hostileName",
        root,
        FuzzCase.files(root, changelog.render(format)),
        true,
        false,
        name);
  }

  private static FuzzCase single(
      long seed, String kind, String root, String text, boolean mustFail) {
    return new FuzzCase(
        seed, "hostile", kind, root, FuzzCase.files(root, text), true, mustFail, null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
