package dev.migrate.postgres;

import dev.migrate.model.Column;
import dev.migrate.plan.Facts.Aspect;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import java.util.Set;

/**
 * One column the changelog declares against the column of that name the catalog shows: its type,
 * nullability, identity and default, as createTable and addColumn compare them ({@link TableShape}
 * writes the same comparison as SQL for the script).
 */
final class ColumnShape {
  private ColumnShape() {}

  /**
   * Null when the column matches; otherwise one line saying what each side has. A NOT NULL the
   * changelog does not ask for is no difference when a later primary key covers the column.
   */
  static String difference(
      Column wanted, ColumnInfo have, boolean pkLater, PgDdl ddl, PgCatalog catalog) {
    return difference(wanted, have, pkLater, ddl, Set.of(), catalog);
  }

  /** The same, leaving out what later changes set of the column ({@code ignored}). */
  static String difference(
      Column wanted,
      ColumnInfo have,
      boolean pkLater,
      PgDdl ddl,
      Set<Aspect> ignored,
      PgCatalog catalog) {
    return differs(wanted, PgType.of(wanted.type()), have, pkLater, ddl, ignored, catalog)
        ? "column "
            + wanted.name()
            + ": the changelog wants "
            + ColumnText.describe(wanted, ddl)
            + ", the database has "
            + ColumnText.describe(have)
        : null;
  }

  static boolean differs(
      Column wanted,
      PgType type,
      ColumnInfo have,
      boolean pkLater,
      PgDdl ddl,
      Set<Aspect> ignored,
      PgCatalog catalog) {
    boolean generated = wanted.autoIncrement() || type.isSerial();
    boolean typeDiffers = !type.matches(have.type());
    boolean nullDiffers =
        (wanted.notNull() || generated) != have.notNull() && !(have.notNull() && pkLater);
    boolean sequenceDefault =
        have.defaultExpression() != null && have.defaultExpression().startsWith("nextval(");
    // An identity column must be GENERATED ALWAYS or BY DEFAULT as asked; a sequence default will
    // do for BY DEFAULT (Liquibase's addAutoIncrement makes one).
    boolean identityDiffers =
        generated
            && (have.isIdentity()
                ? have.identity().equals("a")
                    != (wanted.autoIncrement() && wanted.identity().always())
                : !sequenceDefault || wanted.autoIncrement() && wanted.identity().always());
    // A default other than the changelog's, or one where it gives none (a generated column's
    // sequence default aside).
    boolean defaultDiffers =
        wanted.defaultValue() != null
            ? !Defaults.same(
                have.defaultExpression(), Defaults.of(wanted, ddl), have.type(), catalog)
            // A stored NULL constant (DEFAULT NULL written in raw SQL) is no default.
            : have.defaultExpression() != null
                && !Defaults.same(null, have.defaultExpression())
                && !generated;
    return typeDiffers && !ignored.contains(Aspect.TYPE)
        || nullDiffers && !ignored.contains(Aspect.NULLABILITY)
        || identityDiffers && !ignored.contains(Aspect.IDENTITY)
        || defaultDiffers && !ignored.contains(Aspect.DEFAULT);
  }
}
