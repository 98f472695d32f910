package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;

import dev.migrate.model.Change;
import dev.migrate.model.Changeset;
import dev.migrate.model.Column;
import dev.migrate.model.Dbms;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import dev.migrate.model.SqlSplitter;
import dev.migrate.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code upgrade --sql}: a psql script of the same work, with every guard rendered in SQL. Each
 * changeset is one DO block that runs only when its revision row is missing, inside BEGIN/COMMIT,
 * and each structured step inside it asks pg_catalog first; so the script can run twice.
 */
public final class OfflineScript {
  private static final String DO = "$migrate_do$";

  private final PgDdl ddl;
  private final PgAlter alter;
  private final RevisionStore store;
  private final String deploymentId;
  private final String toolVersion;
  private final PreconditionSql preconditions;
  private Function<Step, List<Change>> later = step -> List.of();

  public OfflineScript(PgDdl ddl, RevisionStore store, String deploymentId, String toolVersion) {
    this.preconditions = new PreconditionSql(ddl);
    this.ddl = ddl;
    this.alter = new PgAlter(ddl);
    this.store = store;
    this.deploymentId = deploymentId;
    this.toolVersion = toolVersion;
  }

  // Literals are written with doubled quotes only, which is safe when backslashes are plain
  // characters: so the script says so rather than trusting the server's setting.
  private void preamble(StringBuilder out) {
    out.append("SET standard_conforming_strings = on;\n");
    for (String sql : store.createStatements()) {
      out.append(sql.strip()).append(";\n");
    }
  }

  /**
   * The whole script for these pending changesets, in order; {@code later} gives the changes after
   * a step in the changelog, which explain differences as they do for {@code upgrade}.
   */
  public String render(List<Changeset> pending, Function<Step, List<Change>> later) {
    this.later = later;
    StringBuilder out = new StringBuilder("-- upgrade script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    for (Changeset c : pending) {
      if (c.onlyOtherDatabases()) {
        out.append("\n-- ").append(c.key()).append(": every change is for another database; nothing to do\n");
        continue;
      }
      out.append("\n-- changeset ").append(c.key()).append(" (").append(c.location()).append(")\n");
      out.append(c.runInTransaction() ? transactional(c) : autocommit(c));
    }
    return out.toString();
  }

  /**
   * The downgrade script: for each changeset, newest first, one DO block that runs only when its
   * revision row exists, undoes it with {@code undo} (each step guarded) and deletes the row.
   */
  public String renderDowngrade(List<Changeset> changesets, java.util.function.Function<Changeset, List<Step>> undo) {
    StringBuilder out = new StringBuilder("-- downgrade script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    for (Changeset c : changesets) {
      out.append("\n-- undo ").append(c.key()).append('\n').append("BEGIN;\nDO ").append(DO).append("\nBEGIN\n");
      out.append("  IF NOT EXISTS (SELECT 1 FROM ").append(store.name()).append(" WHERE ").append(identity(c)).append(") THEN\n")
          .append("    RETURN;\n  END IF;\n");
      for (Step step : undo.apply(c)) {
        for (String line : guarded(step, c)) {
          out.append("  ").append(line).append('\n');
        }
      }
      out.append("  DELETE FROM ").append(store.name()).append(" WHERE ").append(identity(c)).append(";\n");
      out.append("END\n").append(DO).append(";\nCOMMIT;\n");
    }
    return out.toString();
  }

  /** The stamp script: rows written as stamped (kept when there), later rows deleted. */
  public String renderStamp(List<Changeset> record, List<Changeset> remove) {
    StringBuilder out = new StringBuilder("-- stamp script: run with psql -v ON_ERROR_STOP=1; running it again is safe\n");
    preamble(out);
    out.append("BEGIN;\n");
    for (Changeset c : remove) {
      out.append("DELETE FROM ").append(store.name()).append(" WHERE ").append(identity(c)).append(";\n");
    }
    for (Changeset c : record) {
      out.append(insertRow(c, "stamped")).append('\n');
    }
    return out.append("COMMIT;\n").toString();
  }

  private String transactional(Changeset c) {
    StringBuilder body = new StringBuilder();
    body.append("  IF EXISTS (SELECT 1 FROM ").append(store.name()).append(" WHERE ").append(identity(c)).append(") THEN\n")
        .append("    RETURN;\n  END IF;\n");
    String status = "applied";
    if (c.preconditions() != null) {
      Preconditions p = c.preconditions();
      String holds = condition(p.condition());
      switch (p.onFail()) {
        case HALT -> body.append("  IF NOT (").append(holds).append(") THEN\n    RAISE EXCEPTION ")
            .append(literal("precondition failed for " + c.key())).append(";\n  END IF;\n");
        case CONTINUE -> body.append("  IF NOT (").append(holds).append(") THEN\n    RETURN;\n  END IF;\n");
        case MARK_RAN -> {
          body.append("  IF NOT (").append(holds).append(") THEN\n    ").append(insertRow(c, "mark_ran")).append("\n    RETURN;\n  END IF;\n");
        }
        case WARN -> body.append("  IF NOT (").append(holds).append(") THEN\n    RAISE NOTICE ")
            .append(literal("precondition failed for " + c.key() + "; running it anyway")).append(";\n  END IF;\n");
      }
    }
    for (Step step : c.steps()) {
      for (String line : guarded(step, c)) {
        body.append("  ").append(line).append('\n'); // no re-indenting: lines may be inside literals
      }
    }
    body.append("  ").append(insertRow(c, status)).append('\n');
    return "BEGIN;\nDO " + DO + "\nBEGIN\n" + body + "END\n" + DO + ";\nCOMMIT;\n";
  }

  // Outside a transaction a DO block cannot hold CREATE INDEX CONCURRENTLY: plain statements with
  // PostgreSQL's own IF [NOT] EXISTS, then the row. An INVALID index left by a failed concurrent
  // build is not seen here; `migrate check` reports it.
  private String autocommit(Changeset c) {
    StringBuilder out = new StringBuilder();
    if (c.preconditions() != null) {
      // Outside a transaction the steps are separate statements, so the preconditions are
      // settled first (HALT stops the script, MARK_RAN records the row) and psql's \if runs the
      // steps only while the changeset is unrecorded and its condition holds (or onFail is WARN).
      Preconditions p = c.preconditions();
      String holds = condition(p.condition());
      String unrecorded = "NOT EXISTS (SELECT 1 FROM " + store.name() + " WHERE " + identity(c) + ")";
      String onFail = switch (p.onFail()) {
        case HALT -> "RAISE EXCEPTION " + literal("precondition failed for " + c.key()) + ";";
        case MARK_RAN -> insertRow(c, "mark_ran");
        case WARN -> "RAISE NOTICE " + literal("precondition failed for " + c.key() + "; running it anyway") + ";";
        case CONTINUE -> "NULL;";
      };
      out.append("DO ").append(DO).append("\nBEGIN\n  IF ").append(unrecorded).append(" AND NOT (").append(holds).append(") THEN\n    ")
          .append(onFail).append("\n  END IF;\nEND\n").append(DO).append(";\n");
      out.append("SELECT ").append(unrecorded).append(p.onFail() == Preconditions.OnFail.WARN ? "" : " AND (" + holds + ")")
          .append(" AS migrate_go \\gset\n\\if :migrate_go\n");
    }
    for (Step step : c.steps()) {
      if (step.change() instanceof Change.CreateIndex index) {
        out.append(ddl.createIndex(index).replaceFirst("INDEX (CONCURRENTLY )?", "INDEX $1IF NOT EXISTS ")).append(";\n");
      } else {
        // The row comes last here, so each step checks it: a second run skips what the first did.
        out.append("DO ").append(DO).append("\nBEGIN\n");
        out.append("  IF EXISTS (SELECT 1 FROM ").append(store.name()).append(" WHERE ").append(identity(c)).append(") THEN\n")
            .append("    RETURN;\n  END IF;\n");
        for (String line : guarded(step, c)) {
          out.append("  ").append(line).append('\n');
        }
        out.append("END\n").append(DO).append(";\n");
      }
    }
    return out + "INSERT INTO " + store.name() + " (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag)\n"
        + "SELECT " + rowValues(c, "applied") + " FROM " + store.name() + "\nON CONFLICT (id, author, filename) DO NOTHING;\n"
        + (c.preconditions() == null ? "" : "\\endif\n");
  }

  /** PL/pgSQL lines that do one step when the catalog says it is not done. */
  private List<String> guarded(Step step, Changeset c) {
    Change change = step.change();
    LaterChanges after = new LaterChanges(later.apply(step), ddl);
    if (change instanceof Change.CreateEnumType x) {
      return new EnumShape(x, after, ddl).render();
    } else if (change instanceof Change.AddEnumValue x) {
      return when("NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum e WHERE e.enumtypid = " + regtype(x.schemaName(), x.typeName())
          + " AND e.enumlabel = " + literal(x.value()) + ")",
          List.of(ddl.addEnumValue(x.schemaName(), x.typeName(), x.value(), x.before(), x.after())));
    } else if (change instanceof Change.CreateTable x) {
      return createTable(x, after);
    } else if (change instanceof Change.AddColumn x) {
      List<String> lines = new ArrayList<>();
      for (Column column : x.columns()) {
        lines.addAll(when("NOT " + columnExists(x.schemaName(), x.tableName(), column.name()),
            ddl.addColumnStatements(x.schemaName(), x.tableName(), column)));
      }
      return lines;
    } else if (change instanceof Change.CreateIndex x) {
      return when("NOT " + relationExists(x.schemaName(), x.indexName()), List.of(ddl.createIndex(x)));
    } else if (change instanceof Change.AddForeignKeyConstraint x) {
      return when("NOT " + constraintExists(x.baseSchemaName(), x.baseTableName(), x.constraintName()), List.of(ddl.addForeignKey(x)));
    } else if (change instanceof Change.AddUniqueConstraint x && x.constraintName() != null) {
      return when("NOT " + constraintExists(x.schemaName(), x.tableName(), x.constraintName()),
          List.of(ddl.addUnique(x.schemaName(), x.tableName(), x.columnNames(), x.constraintName())));
    } else if (change instanceof Change.AddPrimaryKey x) {
      // Liquibase's own history table is not kept by migrate: skipped when absent, as at run time.
      String present = x.tableName().equalsIgnoreCase("databasechangelog") ? regclass(x.schemaName(), x.tableName()) + " IS NOT NULL AND " : "";
      return when(present + "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = " + regclass(x.schemaName(), x.tableName())
          + " AND contype = 'p')", List.of(ddl.addPrimaryKey(x.schemaName(), x.tableName(), x.columnNames(), x.constraintName())));
    } else if (change instanceof Change.DropTable x) {
      return when(relationExists(x.schemaName(), x.tableName()), List.of(ddl.dropTable(x)));
    } else if (change instanceof Change.CreateSchema x) {
      // Not CREATE SCHEMA IF NOT EXISTS: that needs CREATE on the database even when the schema is there.
      return when("NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = " + literal(x.schemaName()) + ")",
          List.of("CREATE SCHEMA " + PgNames.quote(x.schemaName())));
    } else if (change instanceof Change.CreateSequence x) {
      return when("NOT " + relationExists(x.schemaName(), x.sequenceName()), List.of(alter.createSequence(x)));
    } else if (change instanceof Change.CreateView x) {
      return when(x.replaceIfExists() ? "true" : "NOT " + relationExists(x.schemaName(), x.viewName()), alter.createView(x));
    } else if (change instanceof Change.DropView x) {
      return when(relationExists(x.schemaName(), x.viewName()), List.of(alter.dropView(x)));
    } else if (change instanceof Change.DropIndex x) {
      return when(relationExists(x.schemaName(), x.indexName()), List.of(ddl.dropIndex(x.schemaName(), x.indexName())));
    } else if (change instanceof Change.DropSequence x) {
      return when(relationExists(x.schemaName(), x.sequenceName()), List.of(alter.dropSequence(x)));
    } else if (change instanceof Change.DropColumn x) {
      List<String> lines = new ArrayList<>();
      for (String column : x.columnNames()) {
        lines.addAll(when(columnExists(x.schemaName(), x.tableName(), column), List.of(alter.dropColumn(x.schemaName(), x.tableName(), column))));
      }
      return lines;
    } else if (change instanceof Change.RenameColumn x) {
      return when(columnExists(x.schemaName(), x.tableName(), x.oldColumnName()) + " AND NOT "
          + columnExists(x.schemaName(), x.tableName(), x.newColumnName()), List.of(alter.renameColumn(x)));
    } else if (change instanceof Change.DropEnumType x) {
      return when(typeExists(x.schemaName(), x.typeName()), List.of(alter.dropEnumType(x)));
    } else if (change instanceof Change.DropForeignKeyConstraint x) {
      return when(constraintExists(x.baseSchemaName(), x.baseTableName(), x.constraintName()),
          List.of(alter.dropConstraint(x.baseSchemaName(), x.baseTableName(), x.constraintName())));
    } else if (change instanceof Change.DropUniqueConstraint x) {
      return when(constraintExists(x.schemaName(), x.tableName(), x.constraintName()),
          List.of(alter.dropConstraint(x.schemaName(), x.tableName(), x.constraintName())));
    } else if (change instanceof Change.RenameTable x) {
      return when(relationExists(x.schemaName(), x.oldTableName()) + " AND NOT " + relationExists(x.schemaName(), x.newTableName()),
          List.of(alter.renameTable(x)));
    } else if (change instanceof Change.TagDatabase) {
      return List.of();
    } else if (change instanceof Change.DropPrimaryKey x && x.constraintName() == null) {
      String pk = "FROM pg_catalog.pg_constraint WHERE conrelid = " + regclass(x.schemaName(), x.tableName()) + " AND contype = 'p'";
      return List.of("IF EXISTS (SELECT 1 " + pk + ") THEN\n  EXECUTE (SELECT "
          + literal("ALTER TABLE " + PgNames.qualified(ddl.schema(x.schemaName()), x.tableName()) + " DROP CONSTRAINT ")
          + " || quote_ident(conname) " + pk + ");\nEND IF;");
    } else if (change instanceof Change.Sql x) {
      List<String> statements = x.splitStatements()
          ? SqlSplitter.split(x.sql(), x.endDelimiter(), x.stripComments())
          : SqlSplitter.whole(x.sql(), x.stripComments());
      return statements.stream().map(OfflineScript::execute).toList();
    }
    // The rest (alter, data and procedure changes) run as they are: each is idempotent, or runs
    // only here, inside the changeset's own "not recorded yet" check.
    return plain(change).stream().map(OfflineScript::execute).toList();
  }

  // As upgrade decides: create the table, or stop on a relation that is not a table, or on columns
  // that differ; a later change that drops or renames the table makes the difference its own.
  private List<String> createTable(Change.CreateTable x, LaterChanges after) {
    String schema = ddl.schema(x.schemaName());
    String name = PgNames.qualified(schema, x.tableName());
    String kind = "(SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = " + literal(schema) + " AND c.relname = " + literal(x.tableName()) + ")";
    List<String> lines = new ArrayList<>();
    lines.add("IF " + kind + " IS NULL THEN");
    ddl.createTable(x).forEach(sql -> lines.add("  " + execute(sql)));
    lines.add("ELSIF " + kind + " NOT IN ('r', 'p') THEN");
    lines.add("  RAISE EXCEPTION '%', " + literal(name + " exists but is not a table (relkind ") + " || " + kind + " || "
        + literal("); the changelog creates a table") + ";");
    if (!after.goneLater(schema, x.tableName())) {
      String differences = new TableShape(x, after, ddl).differencesSql();
      lines.add("ELSIF " + differences + " IS NOT NULL THEN");
      lines.add("  RAISE EXCEPTION '%', " + literal("table " + name + " differs from the changelog:\n    - ") + " || " + differences + ";");
    }
    lines.add("END IF;");
    return lines;
  }

  private List<String> plain(Change change) {
    if (change instanceof Change.ModifyDataType x) {
      return List.of(alter.modifyDataType(x));
    } else if (change instanceof Change.AddNotNullConstraint x) {
      return alter.addNotNull(x);
    } else if (change instanceof Change.DropNotNullConstraint x) {
      return List.of(alter.dropNotNull(x));
    } else if (change instanceof Change.AddDefaultValue x) {
      return alter.addDefaultValue(x);
    } else if (change instanceof Change.DropDefaultValue x) {
      return List.of(alter.dropDefaultValue(x));
    } else if (change instanceof Change.AddAutoIncrement x) {
      return alter.addAutoIncrement(x);
    } else if (change instanceof Change.DropPrimaryKey x && x.constraintName() != null) {
      return List.of(alter.dropConstraint(x.schemaName(), x.tableName(), x.constraintName()).replace(" DROP CONSTRAINT ", " DROP CONSTRAINT IF EXISTS "));
    } else if (change instanceof Change.RenameView x) {
      return List.of(alter.renameView(x));
    } else if (change instanceof Change.RenameSequence x) {
      return List.of(alter.renameSequence(x));
    } else if (change instanceof Change.RenameEnumValue x) {
      return List.of(alter.renameEnumValue(x));
    } else if (change instanceof Change.AlterSequence x) {
      return List.of(alter.alterSequence(x));
    } else if (change instanceof Change.CreateExtension x) {
      return List.of(alter.createExtension(x));
    } else if (change instanceof Change.AddUniqueConstraint x) {
      return List.of(ddl.addUnique(x.schemaName(), x.tableName(), x.columnNames(), null));
    } else if (change instanceof Change.Insert x) {
      return List.of(alter.insert(x));
    } else if (change instanceof Change.Update x) {
      return List.of(alter.update(x));
    } else if (change instanceof Change.Delete x) {
      return List.of(alter.delete(x));
    } else if (change instanceof Change.LoadData x) {
      return alter.loadData(x);
    } else if (change instanceof Change.CreateProcedure x) {
      return List.of(x.procedureText().strip());
    }
    throw MigrateException.invalid(change.changeType() + " cannot be rendered in an offline script yet");
  }

  private static List<String> when(String condition, List<String> statements) {
    String body = statements.stream().map(s -> "  " + execute(s)).collect(Collectors.joining("\n"));
    return List.of("IF " + condition + " THEN\n" + body + "\nEND IF;");
  }

  private static String execute(String sql) {
    return "EXECUTE " + literal(sql.strip()) + ";";
  }

  // The same expressions upgrade evaluates (PreconditionSql), joined as the changelog joins them.
  private String condition(Precondition p) {
    String expression = preconditions.expression(p);
    if (expression != null) {
      return expression;
    } else if (p instanceof Precondition.SqlCheck x) {
      return PreconditionSql.sqlCheck(x);
    } else if (p instanceof Precondition.Dbms x) {
      return String.valueOf(Dbms.matchesPostgres(x.type()));
    } else if (p instanceof Precondition.Constant x) {
      return String.valueOf(x.value());
    } else if (p instanceof Precondition.ChangeSetExecuted x) {
      return "EXISTS (SELECT 1 FROM " + store.name() + " WHERE id = " + literal(x.id()) + " AND author = " + literal(x.author())
          + (x.changeLogFile() == null ? "" : " AND filename = " + literal(x.changeLogFile())) + ")";
    } else if (p instanceof Precondition.Not x) {
      return "NOT (" + x.conditions().stream().map(this::condition).collect(Collectors.joining(" OR ")) + ")";
    } else if (p instanceof Precondition.And x) {
      return x.conditions().isEmpty() ? "true" : "(" + x.conditions().stream().map(this::condition).collect(Collectors.joining(" AND ")) + ")";
    } else if (p instanceof Precondition.Or x) {
      return x.conditions().isEmpty() ? "false" : "(" + x.conditions().stream().map(this::condition).collect(Collectors.joining(" OR ")) + ")";
    }
    throw MigrateException.invalid("a " + p.getClass().getSimpleName() + " precondition cannot be rendered in an offline script yet");
  }

  private String insertRow(Changeset c, String status) {
    return "INSERT INTO " + store.name() + " (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT "
        + rowValues(c, status) + " FROM " + store.name() + " ON CONFLICT (id, author, filename) DO NOTHING;";
  }

  private String rowValues(Changeset c, String status) {
    return String.join(", ", literal(c.id()), literal(c.author()), literal(c.path()), "COALESCE(MAX(seq), 0) + 1",
        literal(c.checksum()), literal(status), literal(deploymentId), literal(toolVersion),
        c.comment() == null ? "NULL" : literal(c.comment()), c.tag() == null ? "NULL" : literal(c.tag()));
  }

  private String identity(Changeset c) {
    return "id = " + literal(c.id()) + " AND author = " + literal(c.author()) + " AND filename = " + literal(c.path());
  }

  private String relationExists(String schema, String name) {
    return "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
        + literal(ddl.schema(schema)) + " AND c.relname = " + literal(name) + ")";
  }

  private String typeExists(String schema, String name) {
    return "EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = "
        + literal(ddl.schema(schema)) + " AND t.typname = " + literal(name) + ")";
  }

  private String columnExists(String schema, String table, String column) {
    return "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = " + regclass(schema, table) + " AND attname = "
        + literal(column) + " AND NOT attisdropped)";
  }

  private String constraintExists(String schema, String table, String name) {
    return "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = " + regclass(schema, table) + " AND conname = "
        + literal(name) + ")";
  }

  // to_regclass: NULL (so no match) rather than an error when the table is not there.
  private String regclass(String schema, String table) {
    return "to_regclass(" + literal(PgNames.qualified(ddl.schema(schema), table)) + ")";
  }

  private String regtype(String schema, String type) {
    return literal(PgNames.qualified(ddl.schema(schema), type)) + "::regtype";
  }
}
