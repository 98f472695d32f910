package dev.migrate.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes input number {@code i} of a run from the run's seed alone: a valid changelog, then one
 * mutation of it (or a hostile input built whole). The same seed always makes the same input.
 */
final class Mutator {
  private final ValidChangelogs valid;
  private final HostileInputs hostile;

  Mutator(ValidChangelogs valid, HostileInputs hostile) {
    this.valid = valid;
    this.hostile = hostile;
  }

  /** The seed of input {@code index} of a run seeded {@code runSeed}. */
  static long inputSeed(long runSeed, int index) {
    return new Random(runSeed * 1_000_003L + index).nextLong();
  }

  FuzzCase make(long seed) {
    Random random = new Random(seed);
    int roll = random.nextInt(100);
    if (roll < 3) {
      return hostile.yamlBomb(seed, random);
    }
    if (roll < 7) {
      return hostile.xmlHostile(seed, random);
    }
    if (roll < 9) {
      return hostile.foreignReference(seed, random);
    }
    if (roll < 14) {
      return hostile.includes(seed, random);
    }
    if (roll < 15) {
      return switch (random.nextInt(3)) {
        case 0 -> hostile.propertyBomb(seed, random);
        case 1 -> hostile.deepXml(seed, random);
        default -> hostile.propertyCycle(seed, random);
      };
    }
    if (roll < 17) {
      return hostile.emptyRoot(seed, random);
    }
    if (roll < 24) {
      return HostileInputs.named(seed, random);
    }
    if (roll < 26) {
      return valid.pick(seed, random); // unchanged: the baseline must pass or fail cleanly too
    }
    FuzzCase base = valid.pick(seed, random);
    for (int attempt = 0; attempt < 8; attempt++) {
      FuzzCase mutated = mutate(base, random);
      if (mutated != null) {
        return mutated;
      }
    }
    return base.with(
        "truncate",
        edit(base, base.root(), TextMutations.truncate(base.files().get(base.root()), random)),
        true,
        false);
  }

  private FuzzCase mutate(FuzzCase base, Random random) {
    List<String> names = new ArrayList<>(base.files().keySet());
    String file = names.get(random.nextInt(names.size()));
    byte[] bytes = base.files().get(file);
    int kind = random.nextInt(100);
    if (kind < 14) {
      return base.with(
          "truncate", edit(base, file, TextMutations.truncate(bytes, random)), true, false);
    }
    if (kind < 26) {
      return result(base, "lines", file, TextMutations.lines(bytes, random), false);
    }
    if (kind < 40) {
      return result(base, "wrongType", file, TextMutations.wrongType(bytes, file, random), false);
    }
    if (kind < 50) {
      return result(base, "unknownKey", file, TextMutations.unknownKey(bytes, file, random), false);
    }
    if (kind < 60) {
      return result(
          base,
          "unknownChangeType",
          file,
          TextMutations.unknownChangeType(bytes, file, random),
          false);
    }
    if (kind < 68) {
      // Liquibase does not count a changeset another database's (dbms), context's or an ignored one
      // as a duplicate.
      byte[] twice = TextMutations.duplicateChangeset(bytes, file, random);
      String text =
          twice == null ? "" : TextMutations.text(twice).toLowerCase(java.util.Locale.ROOT);
      // A plain SQL file (no "--liquibase formatted sql" header) is one changeset whatever its
      // text.
      boolean plainSql =
          file.endsWith(".sql") && !text.stripLeading().startsWith("--liquibase formatted");
      return result(
          base,
          "duplicateChangeset",
          file,
          twice,
          !plainSql
              && !text.contains("dbms")
              && !text.contains("context")
              && !text.contains("label")
              && !text.contains("ignore"));
    }
    if (kind < 78) {
      byte[] foreign = TextMutations.foreignBytes(bytes, random);
      return result(base, "nonUtf8", file, foreign, !isUtf8(foreign));
    }
    if (kind < 85) {
      return result(base, "hugeValue", file, TextMutations.hugeValue(bytes, file, random), false);
    }
    String name = HostileInputs.NAMES.get(random.nextInt(HostileInputs.NAMES.size()));
    return result(
        base, "hostileNameInFile", file, TextMutations.hostileName(bytes, file, name), false);
  }

  private static FuzzCase result(
      FuzzCase base, String kind, String file, byte[] mutated, boolean mustFail) {
    if (mutated == null) {
      return null;
    }
    return base.with(kind, edit(base, file, mutated), true, mustFail);
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static Map<String, byte[]> edit(FuzzCase base, String file, byte[] bytes) {
    Map<String, byte[]> files = new LinkedHashMap<>(base.files());
    files.put(file, bytes);
    return files;
  }
}
