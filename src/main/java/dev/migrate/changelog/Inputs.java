package dev.migrate.changelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything outside its options that a parse consulted: each file it read (by the SHA-256 of its
 * bytes), each path it asked whether it is a file or a folder, each folder it listed, and each
 * property it looked up in the command line, the environment and the built-ins. Reading a changelog
 * is a function of these and of its options, so while every one of them answers as recorded a parse
 * would give the same changelog ({@link ParseCache}). Values are kept as digests: a password given
 * as a property is not written down.
 */
final class Inputs {
  /** What was asked, of what, and a digest of the answer. */
  record Entry(Kind kind, String subject, String answer) {}

  enum Kind {
    BYTES,
    IS_FILE,
    IS_DIRECTORY,
    FILES_BELOW,
    PROPERTY
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  byte[] read(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    note(Kind.BYTES, subject(path), digest(bytes));
    return bytes;
  }

  boolean isRegularFile(Path path) {
    boolean answer = Files.isRegularFile(path);
    note(Kind.IS_FILE, subject(path), Boolean.toString(answer));
    return answer;
  }

  boolean isDirectory(Path path) {
    boolean answer = Files.isDirectory(path);
    note(Kind.IS_DIRECTORY, subject(path), Boolean.toString(answer));
    return answer;
  }

  /** The regular files below a folder, sub-folders included, as paths relative to it. */
  List<String> filesBelow(Path dir) throws IOException {
    List<String> files = listFiles(dir);
    note(Kind.FILES_BELOW, subject(dir), digest(String.join("\n", files)));
    return files;
  }

  /** Notes the value a property source gave a name (null: none). */
  void property(String name, String value) {
    note(Kind.PROPERTY, name, value == null ? "" : "=" + digest(value));
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Whether every file, path and folder entry still answers as recorded. */
  static boolean filesHold(List<Entry> entries) {
    return entries.stream()
        .filter(entry -> entry.kind() != Kind.PROPERTY)
        .allMatch(entry -> answers(entry, null));
  }

  /** Whether every property entry answers as recorded, given the property sources now. */
  static boolean propertiesHold(List<Entry> entries, Map<String, String> properties) {
    return entries.stream()
        .filter(entry -> entry.kind() == Kind.PROPERTY)
        .allMatch(entry -> answers(entry, properties));
  }

  private static boolean answers(Entry entry, Map<String, String> properties) {
    String now;
    try {
      now =
          switch (entry.kind()) {
            case BYTES -> digest(Files.readAllBytes(Path.of(entry.subject())));
            case IS_FILE -> Boolean.toString(Files.isRegularFile(Path.of(entry.subject())));
            case IS_DIRECTORY -> Boolean.toString(Files.isDirectory(Path.of(entry.subject())));
            case FILES_BELOW -> digest(String.join("\n", listFiles(Path.of(entry.subject()))));
            case PROPERTY -> {
              String value = properties.get(entry.subject());
              yield value == null ? "" : "=" + digest(value);
            }
          };
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return now.equals(entry.answer());
  }

  private void note(Kind kind, String subject, String answer) {
    entries.putIfAbsent(kind + " " + subject, new Entry(kind, subject, answer));
  }

  private static String subject(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  private static List<String> listFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<String> files = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .map(file -> dir.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .forEach(files::add);
      return files;
    }
  }

  /** The text of bytes in a charset, refusing bytes that are not of it (as Files.readString). */
  /**
   * The text of a file a change reads (sqlFile, loadData, valueClobFile), as Liquibase reads it: a
   * byte-order mark at its start is dropped whatever {@code encoding} names, and names the encoding
   * when none is named; else UTF-8. A Unicode encoding named that is not the mark's is refused.
   */
  static String text(byte[] bytes, String encoding) throws CharacterCodingException {
    Charset named = encoding == null ? null : Charset.forName(encoding);
    for (Map.Entry<byte[], Charset> mark : MARKS.entrySet()) {
      byte[] m = mark.getKey();
      if (bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length)) {
        Charset charset = named == null ? mark.getValue() : named;
        if (charset.name().startsWith("UTF") && !charset.equals(mark.getValue())) {
          throw new IllegalArgumentException(
              "its encoding is given as "
                  + encoding
                  + ", but it starts with the byte-order mark of "
                  + mark.getValue().name());
        }
        return charset
            .newDecoder()
            .decode(ByteBuffer.wrap(bytes, m.length, bytes.length - m.length))
            .toString();
      }
    }
    return decode(bytes, named == null ? StandardCharsets.UTF_8 : named);
  }

  /** Whether {@code bytes} start with a byte-order mark. */
  static boolean marked(byte[] bytes) {
    return MARKS.keySet().stream()
        .anyMatch(
            m -> bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length));
  }

  // The byte-order marks, longest first (UTF-32LE's begins as UTF-16LE's does).
  private static final Map<byte[], Charset> MARKS = new LinkedHashMap<>();

  static {
    MARKS.put(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, Charset.forName("UTF-32BE"));
    MARKS.put(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, Charset.forName("UTF-32LE"));
    MARKS.put(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8);
    MARKS.put(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE);
    MARKS.put(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE);
  }

  static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
    return charset.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  static String digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
