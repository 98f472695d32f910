package dev.migrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.support.Capture;
import dev.migrate.support.Changelogs;
import dev.migrate.support.TestDb;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings migrate makes for its session hold for every statement a changeset runs: what a
 * changeset's SQL reads from {@code current_setting} is what the command line asked for.
 */
class SessionSettingsTest {
  @TempDir Path dir;

  @Test
  void aChangesetRunsUnderTheSessionsSettings() {
    TestDb db = new TestDb("session_settings");
    Path file =
        Changelogs.write(
            dir,
            "settings.yaml",
            Changelogs.changeset(
                "seen",
                "- sql: CREATE TABLE seen AS SELECT"
                    + " current_setting('standard_conforming_strings') AS strings,"
                    + " current_setting('lock_timeout') AS lock_timeout,"
                    + " current_setting('statement_timeout') AS statement_timeout,"
                    + " COALESCE(current_setting('client_connection_check_interval', true), '-')"
                    + " AS check_interval,"
                    + " current_schema() AS schema"));
    Capture.Run run =
        Capture.run(
            dir,
            Map.of(),
            "upgrade",
            "--url",
            db.libpqUrl(),
            "--changelog",
            "" + file,
            "--lock-timeout",
            "7s",
            "--statement-timeout",
            "90s");
    assertEquals(0, run.code(), run.everything());
    boolean checks = Integer.parseInt(db.one("SHOW server_version_num")) >= 140000;
    assertEquals(
        "on|7s|90s|" + (checks ? "1s" : "-") + "|public",
        db.one(
            "SELECT strings || '|' || lock_timeout || '|' || statement_timeout || '|'"
                + " || check_interval || '|' || schema FROM seen"));
  }
}
