package dev.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.support.Changelogs;
import dev.migrate.support.Cli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server as a managed service runs one: TLS only (a plain connection is rejected) and SCRAM
 * passwords. migrate reaches it with psql's settings (PGSSLMODE, PGSSLROOTCERT, PGPASSWORD), checks
 * the certificate when asked to, and never prints the password, right or wrong.
 */
class TlsScramTest {
  private static final String EXAMPLE = Changelogs.example().toString();
  private static final String PASSWORD = "Scr4m-secret-9";

  @TempDir static Path dir;
  private static EmbeddedPostgres server;
  private static Path certificate;

  @BeforeAll
  static void tlsOnlyScramServer() throws Exception {
    // A self-signed certificate for localhost, made with the JDK's keytool and written as PEM.
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .inheritIO()
            .start();
    assertEquals(0, keytool.waitFor());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(store.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    certificate = dir.resolve("server.crt");
    Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
    Path key = dir.resolve("server.key");
    Files.writeString(
        key, pem("PRIVATE KEY", keys.getKey("server", "changeit".toCharArray()).getEncoded()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    server =
        EmbeddedPostgres.builder()
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certificate.toString())
            .setServerConfig("ssl_key_file", key.toString())
            .setServerConfig("password_encryption", "scram-sha-256")
            .start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE app LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
      for (String db : new String[] {"tls_require", "tls_verify"}) {
        s.execute("CREATE DATABASE " + db + " OWNER app");
      }
      Path hba;
      try (var r = s.executeQuery("SHOW hba_file")) {
        r.next();
        hba = Path.of(r.getString(1));
      }
      Files.writeString(
          hba,
          "hostssl all app all scram-sha-256\n"
              + "hostnossl all all all reject\n"
              + "host all postgres all trust\n");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Cli psqlEnvironment(String database, String password) {
    return new Cli()
        .env("PGHOST", "localhost")
        .env("PGPORT", String.valueOf(server.getPort()))
        .env("PGDATABASE", database)
        .env("PGUSER", "app")
        .env("PGPASSWORD", password);
  }

  @Test
  void requireConnectsOverTlsWithAScramPassword() {
    Cli.Result run =
        psqlEnvironment("tls_require", PASSWORD)
            .env("PGSSLMODE", "require")
            .run("upgrade", "--changelog", EXAMPLE);
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("Done: 2 changesets recorded"), run.out());
  }

  @Test
  void verifyFullChecksTheCertificateItIsGiven() {
    Cli.Result verified =
        psqlEnvironment("tls_verify", PASSWORD)
            .env("PGSSLMODE", "verify-full")
            .env("PGSSLROOTCERT", certificate.toString())
            .run("upgrade", "--changelog", EXAMPLE);
    assertEquals(0, verified.code(), verified.toString());

    // Another certificate authority than the server's: refused before any password is sent.
    Path stranger = dir.resolve("stranger.crt");
    Cli.Result refused;
    try {
      Files.writeString(stranger, Files.readString(Path.of("/etc/ssl/certs/ca-certificates.crt")));
      refused =
          psqlEnvironment("tls_verify", PASSWORD)
              .env("PGSSLMODE", "verify-full")
              .env("PGSSLROOTCERT", stranger.toString())
              .run("current", "--changelog", EXAMPLE);
    } catch (java.io.IOException e) {
      return; // no system bundle on this machine: the positive case above still ran
    }
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().startsWith("error: cannot connect to "), refused.err());
  }

  @Test
  void aPlainConnectionIsRejectedAndAWrongPasswordIsNotPrinted() {
    Cli.Result plain =
        psqlEnvironment("tls_require", PASSWORD)
            .env("PGSSLMODE", "disable")
            .run("current", "--changelog", EXAMPLE);
    assertEquals(1, plain.code(), plain.toString());
    assertTrue(plain.err().contains("no encryption"), plain.err());

    String wrong = "Wr0ng-" + PASSWORD;
    Cli.Result denied =
        psqlEnvironment("tls_require", wrong)
            .env("PGSSLMODE", "require")
            .run("current", "--debug", "--changelog", EXAMPLE);
    assertEquals(1, denied.code(), denied.toString());
    assertTrue(denied.err().contains("password authentication failed"), denied.err());
    assertFalse(denied.toString().contains(wrong), denied.toString());
  }
}
