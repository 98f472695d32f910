package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Change;
import dev.migrate.postgres.PgCatalog.ColumnInfo;
import dev.migrate.postgres.PgCatalog.ConstraintInfo;
import dev.migrate.postgres.PgCatalog.TableInfo;
import dev.migrate.postgres.PgCatalog.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The guards of the change types that alter, drop or rename: drop what exists and skip what is
 * gone; rename when only the old name exists and skip when only the new one does; alter what
 * differs and skip what already matches.
 */
final class AlterGuards {
  private final PgCatalog catalog;
  private final PgDdl ddl;
  private final PgAlter alter;

  AlterGuards(PgCatalog catalog, PgDdl ddl) {
    this.catalog = catalog;
    this.ddl = ddl;
    this.alter = new PgAlter(ddl);
  }

  /** The decision, or null when {@code change} is not one of these types. */
  Decision decide(Change change, LaterChanges after, Decision.Excuse excuse) {
    if (change instanceof Change.ModifyDataType c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> PgType.of(c.newDataType()).matches(have.type())
          ? skip("column %s is already %s", c.columnName(), have.type())
          : act(alter.modifyDataType(c), "changed the type of " + c.columnName() + " from " + have.type()));
    } else if (change instanceof Change.AddNotNullConstraint c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> have.notNull()
          ? skip("column %s is already NOT NULL", c.columnName())
          : new Decision.Act(alter.addNotNull(c), "made " + c.columnName() + " NOT NULL"));
    } else if (change instanceof Change.DropNotNullConstraint c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> !have.notNull()
          ? skip("column %s is already nullable", c.columnName())
          : act(alter.dropNotNull(c), "made " + c.columnName() + " nullable"));
    } else if (change instanceof Change.AddDefaultValue c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> sameDefault(have.defaultExpression(), ddl.expression(c.defaultValue()))
          ? skip("column %s already has DEFAULT %s", c.columnName(), have.defaultExpression())
          : new Decision.Act(alter.addDefaultValue(c), "set the default of " + c.columnName()));
    } else if (change instanceof Change.DropDefaultValue c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> have.defaultExpression() == null
          ? skip("column %s has no default", c.columnName())
          : act(alter.dropDefaultValue(c), "dropped the default of " + c.columnName()));
    } else if (change instanceof Change.AddAutoIncrement c) {
      return onColumn(after, c.schemaName(), c.tableName(), c.columnName(), have -> have.identity() || nextval(have)
          ? skip("column %s is already generated", c.columnName())
          : new Decision.Act(alter.addAutoIncrement(c), "gave " + c.columnName() + " a sequence default"));
    } else if (change instanceof Change.DropColumn c) {
      return dropColumn(c, after);
    } else if (change instanceof Change.RenameColumn c) {
      return renameColumn(c, after);
    } else if (change instanceof Change.RenameTable c) {
      return rename("table", c.schemaName(), c.oldTableName(), c.newTableName(), alter.renameTable(c));
    } else if (change instanceof Change.RenameView c) {
      return rename("view", c.schemaName(), c.oldViewName(), c.newViewName(), alter.renameView(c));
    } else if (change instanceof Change.RenameSequence c) {
      return rename("sequence", c.schemaName(), c.oldSequenceName(), c.newSequenceName(), alter.renameSequence(c));
    } else if (change instanceof Change.DropIndex c) {
      PgCatalog.IndexInfo index = catalog.index(ddl.schema(c.schemaName()), c.indexName());
      return index == null || !index.kind().equals("i")
          ? skip("index %s does not exist", name(c.schemaName(), c.indexName()))
          : act(ddl.dropIndex(c.schemaName(), c.indexName()), "dropped index " + name(c.schemaName(), c.indexName()));
    } else if (change instanceof Change.DropPrimaryKey c) {
      return dropConstraint(c.schemaName(), c.tableName(), c.constraintName(), "p", "primary key");
    } else if (change instanceof Change.DropUniqueConstraint c) {
      return dropConstraint(c.schemaName(), c.tableName(), c.constraintName(), "u", "unique constraint");
    } else if (change instanceof Change.DropForeignKeyConstraint c) {
      return dropConstraint(c.baseSchemaName(), c.baseTableName(), c.constraintName(), "f", "foreign key");
    } else if (change instanceof Change.DropView c) {
      return relationKind(c.schemaName(), c.viewName()) == null
          ? skip("view %s does not exist", name(c.schemaName(), c.viewName()))
          : act(alter.dropView(c), "dropped view " + name(c.schemaName(), c.viewName()));
    } else if (change instanceof Change.CreateView c) {
      return createView(c, after, excuse);
    } else if (change instanceof Change.CreateSequence c) {
      String kind = relationKind(c.schemaName(), c.sequenceName());
      if (kind == null) {
        Decision renamed = renamedLater("sequence", c.schemaName(), c.sequenceName(), after);
        return renamed != null ? renamed : act(alter.createSequence(c), "created sequence " + name(c.schemaName(), c.sequenceName()));
      }
      return kind.equals("S")
          ? skip("sequence %s exists", name(c.schemaName(), c.sequenceName()))
          : new Decision.Drift(name(c.schemaName(), c.sequenceName()) + " exists but is not a sequence (relkind " + kind + ")");
    } else if (change instanceof Change.AlterSequence c) {
      return act(alter.alterSequence(c), "altered sequence " + name(c.schemaName(), c.sequenceName()));
    } else if (change instanceof Change.DropSequence c) {
      return relationKind(c.schemaName(), c.sequenceName()) == null
          ? skip("sequence %s does not exist", name(c.schemaName(), c.sequenceName()))
          : act(alter.dropSequence(c), "dropped sequence " + name(c.schemaName(), c.sequenceName()));
    } else if (change instanceof Change.CreateExtension c) {
      return catalog.extensionExists(c.extensionName())
          ? skip("extension %s exists", c.extensionName())
          : act(alter.createExtension(c), "created extension " + c.extensionName());
    } else if (change instanceof Change.DropEnumType c) {
      return catalog.type(ddl.schema(c.schemaName()), c.typeName()) == null
          ? skip("type %s does not exist", name(c.schemaName(), c.typeName()))
          : act(alter.dropEnumType(c), "dropped type " + name(c.schemaName(), c.typeName()));
    } else if (change instanceof Change.RenameEnumValue c) {
      return renameEnumValue(c);
    }
    return null;
  }

  private Decision dropColumn(Change.DropColumn c, LaterChanges after) {
    TableInfo table = catalog.table(ddl.schema(c.schemaName()), c.tableName());
    if (table == null) {
      return skip("table %s does not exist", name(c.schemaName(), c.tableName()));
    }
    List<String> sql = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String column : c.columnNames()) {
      // A later change renames another column onto this name, and that column is gone: the one
      // of this name is it, renamed already (history was lost), and is kept.
      String onto = after.renamedOnto(ddl.schema(c.schemaName()), c.tableName(), column);
      if (onto != null && table.column(onto) == null && table.column(column) != null) {
        kept.add(column + " (it is " + onto + ", renamed by a later change)");
        continue;
      }
      if (table.column(column) != null) {
        sql.add(alter.dropColumn(c.schemaName(), c.tableName(), column));
        dropped.add(column);
      }
    }
    if (sql.isEmpty()) {
      return kept.isEmpty()
          ? skip("table %s has no column %s", name(c.schemaName(), c.tableName()), String.join(", ", c.columnNames()))
          : skip("table %s keeps column %s", name(c.schemaName(), c.tableName()), String.join(", ", kept));
    }
    return new Decision.Act(sql, "dropped " + String.join(", ", dropped) + " from " + name(c.schemaName(), c.tableName())
        + (kept.isEmpty() ? "" : "; kept " + String.join(", ", kept)));
  }

  private Decision renameColumn(Change.RenameColumn c, LaterChanges after) {
    String table = name(c.schemaName(), c.tableName());
    TableInfo info = catalog.table(ddl.schema(c.schemaName()), c.tableName());
    if (info == null && after.goneLater(ddl.schema(c.schemaName()), c.tableName())) {
      return skip("table %s is absent, and a later change drops or renames it", table);
    }
    if (info == null) {
      return new Decision.Drift("table " + table + " does not exist, so column " + c.oldColumnName() + " cannot be renamed");
    }
    boolean old = info.column(c.oldColumnName()) != null;
    boolean renamed = info.column(c.newColumnName()) != null;
    if (old && !renamed) {
      return act(alter.renameColumn(c), "renamed " + c.oldColumnName() + " to " + c.newColumnName() + " in " + table);
    }
    if (renamed && !old) {
      return skip("table %s already has %s and no %s", table, c.newColumnName(), c.oldColumnName());
    }
    if (renamed && after.touchColumn(ddl.schema(c.schemaName()), c.tableName(), c.oldColumnName())) {
      return skip("table %s already has %s; its %s is a later change's", table, c.newColumnName(), c.oldColumnName());
    }
    return new Decision.Drift("table " + table + " has " + (old ? "both columns " : "neither column ")
        + c.oldColumnName() + " and " + c.newColumnName() + "; the changelog renames one to the other");
  }

  private Decision rename(String what, String schema, String oldName, String newName, String sql) {
    boolean old = relationKind(schema, oldName) != null;
    boolean renamed = relationKind(schema, newName) != null;
    if (old && !renamed) {
      return act(sql, "renamed " + what + " " + name(schema, oldName) + " to " + newName);
    }
    if (renamed && !old) {
      return skip("%s %s exists and %s does not", what, name(schema, newName), oldName);
    }
    return new Decision.Drift((old ? "both " : "neither ") + name(schema, oldName) + " and " + name(schema, newName)
        + " exist; the changelog renames the " + what + " " + oldName + " to " + newName);
  }

  private Decision dropConstraint(String schema, String tableName, String constraint, String type, String what) {
    List<ConstraintInfo> have = catalog.constraints(ddl.schema(schema), tableName);
    String table = name(schema, tableName);
    ConstraintInfo existing = have == null ? null : have.stream()
        .filter(k -> k.type().equals(type) && (constraint == null || k.name().equals(constraint)))
        .findFirst().orElse(null);
    if (existing == null) {
      return skip("%s %s does not exist on %s", what, constraint == null ? "" : constraint, table);
    }
    return act(alter.dropConstraint(schema, tableName, existing.name()), "dropped " + what + " " + existing.name() + " from " + table);
  }

  private Decision createView(Change.CreateView c, LaterChanges after, Decision.Excuse excuse) {
    String view = name(c.schemaName(), c.viewName());
    String have = catalog.viewDefinition(ddl.schema(c.schemaName()), c.viewName());
    if (have == null) {
      if (relationKind(c.schemaName(), c.viewName()) != null) {
        return new Decision.Drift(view + " exists but is not a view; the changelog creates a view");
      }
      Decision renamed = renamedLater("view", c.schemaName(), c.viewName(), after);
      return renamed != null ? renamed : new Decision.Act(alter.createView(c), "created view " + view, excuse);
    }
    if (after.redefineView(ddl.schema(c.schemaName()), c.viewName())) {
      return skip("view %s exists; a later change redefines it, and its definition is that change's to check", view);
    }
    if (c.fullDefinition()) {
      return c.replaceIfExists()
          ? new Decision.Act(alter.createView(c), "replaced view " + view, excuse)
          : skip("view %s exists (a fullDefinition view is compared by name only)", view);
    }
    String wanted = catalog.probeViewDefinition(c.selectQuery());
    if (wanted.equals(have)) {
      return skip("view %s exists with the same definition", view);
    }
    if (c.replaceIfExists()) {
      return new Decision.Act(alter.createView(c), "replaced view " + view, excuse);
    }
    return new Decision.Drift("view " + view + ": the changelog wants" + indent(wanted) + "\n  the database has" + indent(have));
  }

  // Absent, but a later change renames it and the new name is there: a rerun after lost history
  // over a database that went further. Making it again would only collide with that rename.
  private Decision renamedLater(String what, String schemaName, String relation, LaterChanges after) {
    String renamed = after.relationRenamedTo(ddl.schema(schemaName), relation);
    if (renamed == null || relationKind(schemaName, renamed) == null) {
      return null;
    }
    return skip("%s %s is renamed to %s by a later change, and %s exists", what, name(schemaName, relation), renamed, renamed);
  }

  private Decision renameEnumValue(Change.RenameEnumValue c) {
    String type = name(c.schemaName(), c.typeName());
    TypeInfo info = catalog.type(ddl.schema(c.schemaName()), c.typeName());
    if (info == null || !info.isEnum()) {
      return new Decision.Drift("type " + type + " is not an ENUM type in the database, so '" + c.oldValue() + "' cannot be renamed");
    }
    boolean old = info.labels().contains(c.oldValue());
    boolean renamed = info.labels().contains(c.newValue());
    if (old && !renamed) {
      return act(alter.renameEnumValue(c), "renamed label '" + c.oldValue() + "' of " + type + " to '" + c.newValue() + "'");
    }
    if (renamed && !old) {
      return skip("type %s already has '%s' and no '%s'", type, c.newValue(), c.oldValue());
    }
    return new Decision.Drift("type " + type + " has " + (old ? "both labels '" : "neither label '") + c.oldValue()
        + "' and '" + c.newValue() + "'");
  }

  private interface ColumnDecision {
    Decision decide(ColumnInfo column);
  }

  private Decision onColumn(LaterChanges after, String schema, String tableName, String column, ColumnDecision decision) {
    TableInfo table = catalog.table(ddl.schema(schema), tableName);
    ColumnInfo have = table == null ? null : table.column(column);
    if (have == null && (after.goneLater(ddl.schema(schema), tableName) || after.touchColumn(ddl.schema(schema), tableName, column))) {
      return skip("%s is absent, and a later change removes or renames it", table == null ? "table " + name(schema, tableName)
          : "column " + column + " of " + name(schema, tableName));
    }
    if (have == null) {
      return new Decision.Drift((table == null ? "table " + name(schema, tableName) : "column " + column + " of " + name(schema, tableName))
          + " does not exist");
    }
    return decision.decide(have);
  }

  private String relationKind(String schema, String relation) {
    TableInfo info = catalog.table(ddl.schema(schema), relation);
    return info == null ? null : info.kind();
  }

  // Defaults compare after the casts and qualifications PostgreSQL adds when it stores them.
  static boolean sameDefault(String have, String wanted) {
    return have != null && normalize(have).equals(normalize(wanted));
  }

  private static String normalize(String expression) {
    return expression.replaceAll("::[a-z][a-z ]*(\\(\\d+(,\\d+)?\\))?(\\[\\])?", "")
        .replace("public.", "")
        .replace("'", "")
        .replace("\"", "")
        .replaceAll("[\\s()]", "")
        .toLowerCase(Locale.ROOT);
  }

  private static boolean nextval(ColumnInfo column) {
    return column.defaultExpression() != null && column.defaultExpression().startsWith("nextval(");
  }

  private String name(String schema, String relation) {
    return qualified(ddl.schema(schema), relation);
  }

  private static Decision skip(String format, Object... args) {
    return new Decision.Skip(String.format(format, args));
  }

  private static Decision act(String sql, String summary) {
    return new Decision.Act(List.of(sql), summary);
  }

  private static String indent(String definition) {
    return "\n    " + definition.strip().replace("\n", "\n    ");
  }
}
