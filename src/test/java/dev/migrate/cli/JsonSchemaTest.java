package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every document {@code --json} prints, from every command that reports, in its success and its
 * error forms, against the one published schema, docs/json/migrate-output.schema.json: a field the
 * schema does not name, or one it names with another type, fails here.
 */
class JsonSchemaTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final List<String> failures = new ArrayList<>();
  private int validated;

  // The published document, asked to hold one of its definitions.
  private void validate(String definition, String document) throws Exception {
    ObjectNode schema =
        (ObjectNode) JSON.readTree(Path.of("docs/json/migrate-output.schema.json").toFile());
    schema.put("$ref", "#/$defs/" + definition);
    JsonNode node = JSON.readTree(document);
    assertEquals(Reports.FORMAT_VERSION, node.get("formatVersion").asInt(), document);
    for (Error e : SCHEMAS.getSchema(schema.toString()).validate(node)) {
      failures.add(definition + ": " + e + "\n" + document);
    }
    validated++;
  }

  private static Cli.Result run(TestDb db, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--json", "--changelog", EXAMPLE));
    if (db != null) {
      all.addAll(List.of("--url", db.libpqUrl()));
    }
    return new Cli().run(all.toArray(String[]::new));
  }

  @Test
  void everyCommandsDocumentHoldsToThePublishedSchema() throws Exception {
    TestDb db = new TestDb("json_schema");
    validate("history", run(null, "history").out());
    validate("upgrade", run(db, "upgrade", "+1").out());
    validate("current", run(db, "current").out());
    validate("upgrade", run(db, "upgrade").out());
    validate("current", run(db, "current", "-v").out());
    validate("history", run(db, "history").out());
    validate("check", run(db, "check").out());
    db.execute("DROP INDEX ix_import_rows_batch_line");
    db.execute("ALTER TABLE categories ADD COLUMN note text");
    Cli.Result drifted = run(db, "check");
    assertEquals(3, drifted.code(), drifted.toString());
    validate("check", drifted.out());
    validate("current", run(db, "current", "-v").out());
    Cli.Result refused = run(db, "repair");
    assertEquals(1, refused.code(), refused.toString());
    validate("error", refused.err());
    db.execute("ALTER TABLE categories DROP COLUMN note");
    validate("repair", run(db, "repair").out());
    validate("downgrade", run(db, "downgrade", "-1").out());
    validate("stamp", run(db, "stamp", "head", "--force").out());
    validate("stamp", run(db, "stamp", "--accept-edits").out());
    validate("stamp", run(db, "stamp", "base", "--force").out());
    Cli.Result usage = run(db, "upgrade", "no_such_revision");
    assertEquals(2, usage.code(), usage.toString());
    validate("error", usage.err());

    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    assertEquals(16, validated);
  }
}
