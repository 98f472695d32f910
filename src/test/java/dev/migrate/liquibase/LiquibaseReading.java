package dev.migrate.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.change.Change;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

/**
 * A changelog as Liquibase 4.33 reads it, with no database: the changesets it would consider on
 * PostgreSQL (dbms, ignore and contexts applied as its update applies them), and each changeset
 * written back out by Liquibase's own YAML serializer.
 */
final class LiquibaseReading {
  private LiquibaseReading() {}

  static List<ChangeSet> changeSets(
      Path root, String master, Map<String, String> parameters, String contexts) {
    try {
      DirectoryResourceAccessor files = new DirectoryResourceAccessor(root);
      PostgresDatabase postgres = new PostgresDatabase();
      ChangeLogParameters values = new ChangeLogParameters(postgres);
      parameters.forEach(values::set);
      DatabaseChangeLog changelog =
          ChangeLogParserFactory.getInstance()
              .getParser(master, files)
              .parse(master, values, files);
      DbmsChangeSetFilter dbms = new DbmsChangeSetFilter(postgres);
      IgnoreChangeSetFilter ignore = new IgnoreChangeSetFilter();
      ContextChangeSetFilter context = new ContextChangeSetFilter(new Contexts(contexts));
      List<ChangeSet> kept = new ArrayList<>();
      for (ChangeSet changeSet : changelog.getChangeSets()) {
        if (dbms.accepts(changeSet).isAccepted()
            && ignore.accepts(changeSet).isAccepted()
            && (contexts == null || context.accepts(changeSet).isAccepted())) {
          kept.add(changeSet);
        }
      }
      return kept;
    } catch (Exception e) {
      throw new IllegalStateException("Liquibase cannot read " + master + ": " + e.getMessage(), e);
    }
  }

  /** The changes of the changeset's rollback, as the changes of a one-changeset YAML changelog. */
  static Path rollbackAsYamlFile(ChangeSet changeSet, Path directory, int index) {
    ChangeSet undo =
        new ChangeSet(
            "undo",
            "a",
            false,
            false,
            changeSet.getFilePath(),
            null,
            null,
            changeSet.getChangeLog());
    changeSet.getRollback().getChanges().stream()
        .filter(change -> !(change instanceof EmptyChange))
        .forEach(undo::addChange);
    return asYamlFile(undo, directory, -1 - index);
  }

  /**
   * The changeset as a one-changeset YAML changelog file, written the way Liquibase serialises it.
   * Files its changes read relative to the changelog are named from the project root instead, since
   * the copy lies elsewhere; preconditions are left out (Liquibase writes them in a form of its
   * own).
   */
  static Path asYamlFile(ChangeSet changeSet, Path directory, int index) {
    String folder = changeSet.getChangeLog().getPhysicalFilePath().replace('\\', '/');
    folder = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/') + 1) : "";
    for (Change change : changeSet.getChanges()) {
      if (change instanceof SQLFileChange file
          && Boolean.TRUE.equals(file.isRelativeToChangelogFile())) {
        file.setPath(folder + file.getPath());
        file.setRelativeToChangelogFile(false);
      } else if (change instanceof LoadDataChange data
          && Boolean.TRUE.equals(data.isRelativeToChangelogFile())) {
        data.setFile(folder + data.getFile());
        data.setRelativeToChangelogFile(false);
      }
    }
    changeSet.setPreconditions(null);
    String body = new YamlChangeLogSerializer().serialize(changeSet, true);
    StringBuilder text = new StringBuilder("databaseChangeLog:\n");
    boolean first = true;
    for (String line : body.split("\n", -1)) {
      text.append(first ? "- " : "  ").append(line).append('\n');
      first = false;
    }
    try {
      return Files.writeString(directory.resolve("serialized-" + index + ".yaml"), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
