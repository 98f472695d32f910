package dev.migrate.cli;

import dev.migrate.engine.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the build wrote into the jar. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "migrate " + Version.current(), "Java " + System.getProperty("java.version")
    };
  }
}
