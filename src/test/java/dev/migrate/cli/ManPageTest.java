package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code migrate man}: a page groff reads without a warning, naming every command and every option
 * of the command model, so it cannot fall behind --help.
 */
class ManPageTest {
  @TempDir Path dir;

  @Test
  void thePageNamesEveryCommandAndOptionAndGroffReadsItCleanly() throws Exception {
    Cli.Result man = new Cli().run("man");
    assertEquals(0, man.code(), man.toString());
    String page = man.out();
    assertTrue(page.startsWith(".TH MIGRATE 1 "), page);

    CommandLine model = Main.commandLine(new ConfigSources(Map.of(), dir), Main.SUBCOMMANDS);
    assertTrue(model.getSubcommands().keySet().containsAll(Main.SUBCOMMANDS));
    for (OptionSpec option : model.getCommandSpec().options()) {
      assertTrue(page.contains(troff(option.longestName())), option.longestName());
    }
    for (Map.Entry<String, CommandLine> sub : model.getSubcommands().entrySet()) {
      var spec = sub.getValue().getCommandSpec();
      if (!spec.name().equals(sub.getKey())) {
        continue; // an alias
      }
      assertTrue(page.contains(".SS migrate " + spec.name() + "\n"), spec.name());
      for (OptionSpec option : spec.options()) {
        assertTrue(
            page.contains(troff(option.longestName())), spec.name() + " " + option.longestName());
      }
    }

    Path file = dir.resolve("migrate.1");
    Files.writeString(file, page);
    Process groff =
        new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", file.toString())
            .redirectErrorStream(true)
            .start();
    String warnings = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, groff.waitFor(), warnings);
    assertEquals("", warnings);
  }

  private static String troff(String option) {
    return option.replace("-", "\\-");
  }
}
