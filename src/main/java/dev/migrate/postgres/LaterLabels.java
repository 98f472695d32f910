package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.Facts.Fact;
import dev.migrate.plan.Facts.Kind;
import dev.migrate.plan.Facts.Verb;
import java.util.ArrayList;
import java.util.List;

/**
 * What the changes after the step being guarded do to the labels of an ENUM type: addEnumValue and
 * renameEnumValue, and ALTER TYPE … ADD VALUE / RENAME VALUE in raw SQL, in changelog order.
 */
final class LaterLabels {
  private final LaterChanges later;

  LaterLabels(LaterChanges later) {
    this.later = later;
  }

  /**
   * The label later renames give this label of this type (itself when none does): renameEnumValue,
   * or ALTER TYPE … RENAME VALUE in raw SQL.
   */
  String enumLabelRenamedTo(String schema, String type, String label) {
    String name = label;
    for (String[] change : enumLabelChanges(schema, type)) {
      if (change[0] != null && change[0].equals(name)) {
        name = change[1];
      }
    }
    return name;
  }

  /**
   * The labels later changes add to this enum type (addEnumValue, or ALTER TYPE … ADD VALUE in raw
   * SQL), each under the name later renames give it.
   */
  List<String> enumLabelsAdded(String schema, String type) {
    List<String> labels = new ArrayList<>();
    for (String[] change : enumLabelChanges(schema, type)) {
      if (change[0] == null) {
        labels.add(change[1]);
      } else {
        labels.replaceAll(l -> l.equals(change[0]) ? change[1] : l);
      }
    }
    return labels;
  }

  // What later changes do to this type's labels, in order: [null, label] adds, [old, new]
  // renames.
  private List<String[]> enumLabelChanges(String schema, String type) {
    List<String[]> all = new ArrayList<>();
    for (int i : later.naming(type).toArray()) {
      Change change = later.changes().get(i);
      all.addAll(LaterSql.enumLabelChanges(LaterSql.text(change), type));
      for (Fact f : later.facts(i)) {
        if (f.kind() == Kind.LABEL && later.on(f, schema, type)) {
          all.add(
              f.verb() == Verb.RENAMES
                  ? new String[] {f.name(), f.to()}
                  : new String[] {null, f.name()});
        }
      }
    }
    return all;
  }
}
