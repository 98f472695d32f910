package dev.migrate.changelog;

import dev.migrate.model.Background;
import dev.migrate.model.Changelog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The changelogs read before, kept in a folder so that a run whose changelog has not changed need
 * not read it again: about a second per thousand changesets, most of a run with nothing to do.
 *
 * <p>An entry is used only where it cannot differ from a fresh parse. Its name is the digest of
 * everything a parse takes besides files and properties (the code that parses, the working
 * directory, the root changelog as given, the search path, strictness, the default schema,
 * contexts, label filter, locale and charset); inside it, the {@link Inputs} the parse consulted
 * must all answer as they did: every file's bytes, every path's kind, every listed folder's files,
 * every property's value. Anything else (an entry that cannot be read, of another version, or
 * naming a class {@link RecordCodec} does not read) is a miss, and a miss is only a parse. The
 * folder and its files are the user's alone (0700, 0600): a changelog may hold text a property put
 * there.
 */
public final class ParseCache {
  private static final String FORMAT = "migrate-parse-cache-3";

  private final Path folder;
  private final String code;
  private CompletableFuture<Kept> ahead;

  /**
   * @param folder where entries are kept (made on the first write)
   * @param code names the code that parses: an entry of other code is never used
   */
  public ParseCache(Path folder, String code) {
    this.folder = folder;
    this.code = code;
  }

  /**
   * The cache the environment asks for: {@code MIGRATE_CACHE_DIR} ({@code off} for none), else
   * {@code $XDG_CACHE_HOME/migrate}, else {@code ~/.cache/migrate}; none when the code is not a jar
   * (its identity would be unknown) or no folder is named.
   */
  public static ParseCache of(Map<String, String> environment) {
    String named = environment.get("MIGRATE_CACHE_DIR");
    Path folder;
    if (named != null && !named.isBlank()) {
      folder = named.equals("off") ? null : Path.of(named);
    } else if (environment.get("XDG_CACHE_HOME") != null) {
      folder = Path.of(environment.get("XDG_CACHE_HOME"), "migrate");
    } else if (environment.get("HOME") != null) {
      folder = Path.of(environment.get("HOME"), ".cache", "migrate");
    } else {
      folder = null;
    }
    String code = codeIdentity();
    return folder == null || code == null ? null : new ParseCache(folder, code);
  }

  // The jar this class was loaded from, by path, size and time: a new build is other code.
  private static String codeIdentity() {
    try {
      Path jar =
          Path.of(ParseCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        return null;
      }
      return jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Starts reading, on a thread of its own, the entry that the last run from this working directory
   * used, while the command line is still being read: a run that repeats the last one (the usual
   * case) then finds its entry already read. Only an entry of the very name {@link #parse} asks for
   * is taken from it, and only once its inputs are seen to hold, as for any entry.
   *
   * @return done when the read is (a failed read is no entry, not a failure)
   */
  public CompletableFuture<Void> readAhead() {
    ahead = Background.start("migrate-cache-ahead", () -> read(lastUsed()));
    return ahead.handle((kept, failure) -> null);
  }

  /** The changelog, from an entry where one holds, else parsed (and kept for the next run). */
  public Changelog parse(String changelog, ParseOptions options) {
    Path entry = entry(changelog, options);
    Changelog kept = kept(entry, options);
    if (kept == null) {
      ChangelogParser.Read read = ChangelogParser.read(changelog, options);
      keep(entry, read);
      kept = read.changelog();
    }
    remember(entry);
    return kept;
  }

  /** Whether a {@link #parse} of these arguments now would be answered from an entry. */
  public boolean holds(String changelog, ParseOptions options) {
    return kept(entry(changelog, options), options) != null;
  }

  // The entry's file: named by the digest of the key, which holds the options' values as given.
  private Path entry(String changelog, ParseOptions options) {
    return folder.resolve(Inputs.digest(key(changelog, options)) + ".bin");
  }

  private String key(String changelog, ParseOptions options) {
    Map<String, Object> key = new TreeMap<>();
    key.put("code", code);
    key.put("format", FORMAT);
    key.put("directory", directory());
    key.put("changelog", changelog);
    key.put(
        "searchPath",
        options.searchPath().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    key.put("strict", options.strict());
    key.put("defaultSchema", options.defaultSchema());
    key.put("contexts", String.valueOf(options.contexts()));
    key.put("labelFilter", String.valueOf(options.labelFilter()));
    key.put("locale", Locale.getDefault().toLanguageTag());
    key.put("charset", Charset.defaultCharset().name());
    return key.toString();
  }

  private static String directory() {
    return Path.of("").toAbsolutePath().normalize().toString();
  }

  // The file that names the entry last used from this directory by this code.
  private Path last() {
    return folder.resolve("last-" + Inputs.digest(code + "\n" + directory()));
  }

  // The entry the last run here used, where one is named: a file of the folder, nothing else.
  private Path lastUsed() throws IOException {
    Path last = last();
    if (!Files.isRegularFile(last)) {
      return null;
    }
    Path named = folder.resolve(Files.readString(last));
    return folder.equals(named.getParent()) ? named : null;
  }

  /** An entry as read back: its inputs, whose files are being checked, and its changelog. */
  private record Kept(
      Path entry,
      List<Inputs.Entry> inputs,
      CompletableFuture<Boolean> files,
      Changelog changelog) {

    Changelog holding(ParseOptions options) {
      return Inputs.propertiesHold(inputs, ChangelogProperties.sources(options)) && files.join()
          ? changelog
          : null;
    }
  }

  private Changelog kept(Path entry, ParseOptions options) {
    Kept kept = aheadOf(entry);
    if (kept == null) {
      kept = read(entry);
    }
    try {
      return kept == null ? null : kept.holding(options);
    } catch (RuntimeException e) {
      return null;
    }
  }

  // The entry read ahead, where it is this one.
  private Kept aheadOf(Path entry) {
    try {
      Kept kept = ahead == null ? null : ahead.join();
      return kept != null && kept.entry().equals(entry) ? kept : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Kept read(Path entry) {
    if (entry == null || !Files.isRegularFile(entry)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(entry), 1 << 16))) {
      if (!FORMAT.equals(in.readUTF())) {
        return null;
      }
      @SuppressWarnings("unchecked")
      List<Inputs.Entry> inputs = (List<Inputs.Entry>) RecordCodec.read(in);
      // Whether the files still hold (read again and digested) is worked out on a second core
      // while the changelog is read back on this one: each takes about as long.
      CompletableFuture<Boolean> files =
          Background.start("migrate-cache-check", () -> Inputs.filesHold(inputs));
      return new Kept(entry, inputs, files, (Changelog) RecordCodec.read(in));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  // Names the entry in this directory's file for the next run's read ahead; written only when it
  // names another, so that a run like the last writes nothing.
  private void remember(Path entry) {
    String name = entry.getFileName().toString();
    try {
      Path last = last();
      if (Files.isRegularFile(last) && name.equals(Files.readString(last))) {
        return;
      }
      write(last, out -> out.write(name.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      // Not named: the next run reads its entry after its command line, as without a read ahead.
    }
  }

  // A failure to write costs the next run a parse, nothing else.
  private void keep(Path entry, ChangelogParser.Read read) {
    try {
      write(
          entry,
          out -> {
            out.writeUTF(FORMAT);
            RecordCodec.write(out, read.inputs());
            RecordCodec.write(out, read.changelog());
          });
    } catch (IOException | RuntimeException e) {
      // Not kept: the next run parses again.
    }
  }

  private interface Content {
    void writeTo(DataOutputStream out) throws IOException;
  }

  // Written whole to a file of its own, then moved into place: a reader sees a file complete or
  // not at all.
  private void write(Path file, Content content) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      setPermissions(folder, "rwx------");
    }
    Path written = Files.createTempFile(folder, "entry", ".tmp");
    try {
      setPermissions(written, "rw-------");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(written), 1 << 16))) {
        content.writeTo(out);
      }
      move(written, file);
    } finally {
      Files.deleteIfExists(written);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void setPermissions(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: its own rules apply.
    }
  }
}
