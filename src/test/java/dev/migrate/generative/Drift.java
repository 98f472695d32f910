package dev.migrate.generative;

import dev.migrate.support.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A change made by hand to a database the changelog built, which {@code check} must report: a
 * column dropped or retyped, a default changed, an ENUM label added, a view or an index dropped, an
 * index made invalid. {@code object} is the name the report must mention.
 */
record Drift(String sql, String object) {
  /** One drift that this database allows, picked at random; null when it has nothing to drift. */
  static Drift pick(TestDb db, Random random) {
    List<Drift> all = new ArrayList<>();
    for (String row :
        db.rows(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0
               AND NOT a.attisdropped AND a.attname <> 'id'
               AND c.relname NOT LIKE 'migrate_revisions%'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refobjid = c.oid
                                AND d.refobjsubid = a.attnum AND d.deptype = 'n')
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                WHERE (k.conrelid = c.oid AND a.attnum = ANY (k.conkey))
                                   OR (k.confrelid = c.oid AND a.attnum = ANY (k.confkey)))
             ORDER BY 1, 2""")) {
      String[] r = row.split("\\|");
      String column = "public." + r[0];
      all.add(new Drift("ALTER TABLE " + column + " DROP COLUMN " + r[1], r[1]));
      if (!r[2].equals("text")) {
        all.add(new Drift("ALTER TABLE " + column + " ALTER COLUMN " + r[1] + " TYPE text", r[1]));
      } else {
        all.add(
            new Drift(
                "ALTER TABLE " + column + " ALTER COLUMN " + r[1] + " SET DEFAULT 'drifted'",
                r[1]));
      }
    }
    for (String type :
        db.rows(
            "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1")) {
      all.add(new Drift("ALTER TYPE public." + type + " ADD VALUE 'drifted'", type));
    }
    for (String view :
        db.rows("SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 1")) {
      all.add(new Drift("DROP VIEW public." + view + " CASCADE", view));
    }
    for (String index :
        db.rows(
            "SELECT indexname FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS"
                + " (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
                + " AND indexname NOT LIKE 'migrate_revisions%' ORDER BY 1")) {
      all.add(new Drift("DROP INDEX public." + index, index));
      all.add(
          new Drift(
              "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'public."
                  + index
                  + "'::regclass",
              index));
    }
    return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
  }
}
