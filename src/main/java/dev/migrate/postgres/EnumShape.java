package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The labels a createEnumType wants, against a type of that name that exists. Labels the database
 * lacks are added in their place; a label it has that neither the changelog nor a later change
 * gives, or labels in another order, is drift. Decided once, in two forms side by side: over the
 * catalog for {@code upgrade} and {@code check}, and as PL/pgSQL for the {@code --sql} script,
 * which adds the same labels and raises the same sentence.
 */
final class EnumShape {
  private final Change.CreateEnumType change;
  private final PgDdl ddl;
  private final String schema;
  private final String name;
  private final LaterChanges after;

  EnumShape(Change.CreateEnumType change, LaterChanges after, PgDdl ddl) {
    this.change = change;
    this.ddl = ddl;
    this.schema = ddl.schema(change.schemaName());
    this.name = PgNames.qualified(schema, change.typeName());
    this.after = after;
  }

  // What later changes do to the type is read only where it exists: a run that makes it, every
  // fresh run, has no use for it.

  /** A later change drops or renames the type: what it is now is that change's to check. */
  private boolean goneLater() {
    return after.typeGoneLater(schema, change.typeName());
  }

  /** The labels later changes add to the type. */
  private List<String> addedLater() {
    return after.labels().enumLabelsAdded(schema, change.typeName());
  }

  /** The decision over the type as the catalog shows it (null when there is none). */
  Decision decide(TypeInfo existing) {
    List<String> wanted = change.values();
    if (existing == null) {
      return new Decision.Act(List.of(ddl.createEnumType(change)), "created type " + name);
    }
    if (goneLater()) {
      return new Decision.Skip("type " + name + " exists, and a later change drops or renames it");
    }
    if (!existing.isEnum()) {
      return new Decision.Drift(notEnum());
    }
    // A wanted label the database has under the name a later renameEnumValue gives it counts as
    // there, under its name here; labels are added next to it by its name in the database.
    List<String> have =
        existing.labels().stream().map(l -> asWanted(l, existing.labels())).toList();
    List<String> addedLater = addedLater();
    boolean extraExplained =
        have.stream().filter(l -> !wanted.contains(l)).allMatch(addedLater::contains);
    boolean sameOrder =
        have.stream()
            .filter(wanted::contains)
            .toList()
            .equals(wanted.stream().filter(have::contains).toList());
    if (!extraExplained || !sameOrder) {
      return new Decision.Drift(differs() + labels(have));
    }
    List<String> sql = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      String label = wanted.get(i);
      if (!have.contains(label)) {
        String previous = i == 0 ? null : wanted.get(i - 1);
        String next =
            have.stream()
                .filter(l -> wanted.indexOf(l) > wanted.indexOf(label))
                .findFirst()
                .orElse(null);
        sql.add(
            previous != null
                ? ddl.addEnumValue(
                    change.schemaName(),
                    change.typeName(),
                    label,
                    null,
                    inDatabase(previous, existing.labels()))
                : ddl.addEnumValue(
                    change.schemaName(),
                    change.typeName(),
                    label,
                    next == null ? null : inDatabase(next, existing.labels()),
                    null));
        added.add(label);
      }
    }
    if (sql.isEmpty()) {
      return new Decision.Skip("type " + name + " exists with the same labels");
    }
    return Decision.adjust(sql, "type " + name + " existed; added " + labels(added));
  }

  private String asWanted(String label, List<String> labels) {
    return change.values().stream()
        .filter(
            w ->
                !labels.contains(w)
                    && after
                        .labels()
                        .enumLabelRenamedTo(schema, change.typeName(), w)
                        .equals(label))
        .findFirst()
        .orElse(label);
  }

  private String inDatabase(String wanted, List<String> labels) {
    return labels.contains(wanted)
        ? wanted
        : after.labels().enumLabelRenamedTo(schema, change.typeName(), wanted);
  }

  private String notEnum() {
    return "type "
        + name
        + " exists but is not an ENUM type; the changelog wants ENUM "
        + labels(change.values());
  }

  private String differs() {
    return "type "
        + name
        + ": the changelog wants ENUM "
        + labels(change.values())
        + ", the database has ENUM ";
  }

  /**
   * The same decision in PL/pgSQL: create the type, or stop with the same sentence, or add the
   * missing labels. A first label the database lacks goes before the first wanted label it has.
   */
  List<String> render() {
    return render(ddl.createEnumType(change));
  }

  /** The same, with {@code create} making the type where it is absent. */
  List<String> render(String create) {
    String type =
        "pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = "
            + literal(schema)
            + " AND t.typname = "
            + literal(change.typeName());
    String oid = "(SELECT t.oid FROM " + type + ")";
    String from = "FROM pg_catalog.pg_enum e WHERE e.enumtypid = " + oid;
    // A wanted label the type has under the name a later rename gives it counts as there, under
    // its name here (as asWanted reads it online).
    String label = "e.enumlabel";
    for (String w : change.values()) {
      String renamed = after.labels().enumLabelRenamedTo(schema, change.typeName(), w);
      if (!renamed.equals(w)) {
        label =
            "CASE WHEN e.enumlabel = "
                + literal(renamed)
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = "
                + oid
                + " AND x.enumlabel = "
                + literal(w)
                + ") THEN "
                + literal(w)
                + " ELSE "
                + label
                + " END";
      }
    }
    String have = "SELECT " + label + " " + from;
    String wanted = array(change.values());
    String explained = array(concat(change.values(), addedLater()));
    List<String> lines = new ArrayList<>();
    lines.add("IF NOT EXISTS (SELECT 1 FROM " + type + ") THEN");
    lines.add("  EXECUTE " + literal(create.strip()) + ";");
    if (goneLater()) {
      lines.add("END IF;");
      return lines;
    }
    lines.add("ELSIF (SELECT t.typtype FROM " + type + ") <> 'e' THEN");
    lines.add("  RAISE EXCEPTION '%', " + literal(notEnum()) + ";");
    lines.add("ELSIF EXISTS (" + have + " AND " + label + " <> ALL (" + explained + "))");
    lines.add(
        "    OR ARRAY("
            + have
            + " AND "
            + label
            + " = ANY ("
            + wanted
            + ") ORDER BY e.enumsortorder)");
    lines.add(
        "       <> ARRAY(SELECT w FROM unnest("
            + wanted
            + ") WITH ORDINALITY AS u(w, i) WHERE w IN ("
            + have
            + ") ORDER BY i) THEN");
    lines.add(
        "  RAISE EXCEPTION '%', "
            + literal(differs())
            + " || '(' || (SELECT string_agg(quote_literal("
            + label
            + "), ', ' ORDER BY e.enumsortorder) "
            + from
            + ") || ')';");
    lines.add("ELSE");
    List<String> values = change.values();
    for (int i = 0; i < values.size(); i++) {
      String add =
          "ALTER TYPE "
              + PgNames.qualified(schema, change.typeName())
              + " ADD VALUE "
              + literal(values.get(i));
      lines.add(
          "  IF NOT EXISTS (" + have + " AND " + label + " = " + literal(values.get(i)) + ") THEN");
      if (i > 0) {
        // After the label before it, by the name the type has it under.
        String previous = literal(values.get(i - 1));
        lines.add(
            label.equals("e.enumlabel")
                ? "    EXECUTE " + literal(add + " AFTER " + previous) + ";"
                : "    EXECUTE "
                    + literal(add + " AFTER ")
                    + " || quote_literal((SELECT e.enumlabel "
                    + from
                    + " AND "
                    + label
                    + " = "
                    + previous
                    + "));");
      } else {
        String first =
            "(SELECT e.enumlabel "
                + from
                + " AND "
                + label
                + " = ANY ("
                + wanted
                + ") ORDER BY e.enumsortorder LIMIT 1)";
        lines.add(
            "    EXECUTE "
                + literal(add)
                + " || COALESCE(' BEFORE ' || quote_literal("
                + first
                + "), '');");
      }
      lines.add("  END IF;");
    }
    lines.add("END IF;");
    return lines;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String array(List<String> labels) {
    return labels.isEmpty()
        ? "ARRAY[]::name[]"
        : "ARRAY["
            + labels.stream().map(PgNames::literal).collect(Collectors.joining(", "))
            + "]::name[]";
  }

  static String labels(List<String> labels) {
    return "(" + String.join(", ", labels.stream().map(PgNames::literal).toList()) + ")";
  }
}
