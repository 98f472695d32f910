package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import dev.migrate.support.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first project from nothing: init, a revision, an upgrade that records it. */
class InitRevisionTest {
  @TempDir Path dir;

  @Test
  void initThenRevisionThenUpgrade() throws Exception {
    Cli.Result init = new Cli().in(dir).run("init");
    assertEquals(0, init.code(), init.toString());
    assertTrue(
        Files.readString(dir.resolve("migrate.yaml")).contains("changelog: db/changelog.yaml"));
    assertTrue(Files.isDirectory(dir.resolve("db/changes")));
    assertEquals(".migrate/\n", Files.readString(dir.resolve(".gitignore")));
    Cli.Result again = new Cli().in(dir).run("init");
    assertEquals(2, again.code(), again.toString());
    assertTrue(
        again.err().startsWith("error: init would overwrite db/changelog.yaml, migrate.yaml in "),
        again.err());

    Cli.Result revision =
        new Cli().in(dir).run("revision", "-m", "Create users: \"first\"", "--author", "ana");
    assertEquals(0, revision.code(), revision.toString());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir.resolve("db/changes"))) {
      files = list.toList();
    }
    assertEquals(1, files.size());
    String name = files.get(0).getFileName().toString();
    assertTrue(name.matches("\\d{8}T\\d{6}Z_create_users_first\\.yaml"), name);
    assertEquals("  created  db/changes/" + name + "\n", revision.out());

    TestDb db = new TestDb("init_revision");
    Cli.Result upgrade = new Cli().in(dir).run("upgrade", "--url", db.libpqUrl());
    assertEquals(0, upgrade.code(), upgrade.toString());
    assertEquals(List.of(name.replace(".yaml", "") + "|applied"), db.revisions());
    assertEquals("Create users: \"first\"", db.one("SELECT description FROM migrate_revisions"));
    assertEquals("ana", db.one("SELECT author FROM migrate_revisions"));
  }

  @Test
  void newIsRevisionAsAlembicUsersTypeIt() {
    assertEquals(0, new Cli().in(dir).run("init").code());
    Cli.Result created = new Cli().in(dir).run("new", "-m", "add orders");
    assertEquals(0, created.code(), created.toString());
    assertTrue(
        created.out().matches("  created  db/changes/\\d{8}T\\d{6}Z_add_orders\\.yaml\n"),
        created.out());
  }

  @Test
  void theCompletionScriptIsBashThatKnowsEveryCommand() throws Exception {
    Cli.Result script = new Cli().run("completion");
    assertEquals(0, script.code(), script.toString());
    for (String command : List.of("upgrade", "downgrade", "stamp", "current", "check", "new")) {
      assertTrue(script.out().contains(command), command);
    }
    Path file = dir.resolve("migrate-completion.bash");
    Files.writeString(file, script.out());
    Process syntax = new ProcessBuilder("bash", "-n", file.toString()).start();
    assertEquals(0, syntax.waitFor(), new String(syntax.getErrorStream().readAllBytes()));
  }

  @Test
  void anExistingGitignoreGainsTheLocalDataFolderOnce() throws Exception {
    Files.writeString(dir.resolve(".gitignore"), "target/");
    Cli.Result init = new Cli().in(dir).run("init");
    assertEquals(0, init.code(), init.toString());
    assertTrue(init.out().contains("  updated  .gitignore\n"), init.out());
    assertEquals("target/\n.migrate/\n", Files.readString(dir.resolve(".gitignore")));

    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve(".gitignore"), "/.migrate\n");
    Cli.Result second = new Cli().in(other).run("init");
    assertEquals(0, second.code(), second.toString());
    assertTrue(!second.out().contains(".gitignore"), second.out());
    assertEquals("/.migrate\n", Files.readString(other.resolve(".gitignore")));
  }
}
