package dev.migrate.postgres;

import static dev.migrate.postgres.PgNames.literal;
import static dev.migrate.postgres.PgNames.qualified;

import dev.migrate.model.Dbms;
import dev.migrate.model.MigrateException;
import dev.migrate.model.Precondition;
import dev.migrate.model.Preconditions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog preconditions as SQL boolean expressions: one text that {@code upgrade} evaluates
 * with {@code SELECT} and the {@code --sql} script puts in its {@code IF}, so both reach the same
 * verdict. Names and values are written as quoted literals. The words that name a condition in a
 * message are written here too, once for both.
 */
final class PreconditionSql {
  private final PgDdl ddl;

  PreconditionSql(PgDdl ddl) {
    this.ddl = ddl;
  }

  /**
   * The expression of a condition that only the catalog decides; null for the others (sqlCheck,
   * changeSetExecuted, dbms, constants and the and/or/not that combine them).
   */
  String expression(Precondition condition) {
    if (condition instanceof Precondition.TableExists c) {
      return relation(c.schemaName(), c.tableName(), "'r', 'p'");
    } else if (condition instanceof Precondition.ColumnExists c) {
      return "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a"
          + inRelation("a.attrelid", c.schemaName(), c.tableName())
          + " AND a.attname = "
          + literal(c.columnName())
          + " AND a.attnum > 0 AND NOT a.attisdropped)";
    } else if (condition instanceof Precondition.IndexExists c) {
      return indexExists(c);
    } else if (condition instanceof Precondition.PrimaryKeyExists c) {
      return constraint(c.schemaName(), c.tableName(), "p", c.primaryKeyName(), List.of());
    } else if (condition instanceof Precondition.ForeignKeyExists c) {
      return constraint(c.schemaName(), c.tableName(), "f", c.foreignKeyName(), List.of());
    } else if (condition instanceof Precondition.UniqueConstraintExists c) {
      return constraint(c.schemaName(), c.tableName(), "u", c.constraintName(), c.columnNames());
    } else if (condition instanceof Precondition.SequenceExists c) {
      return relation(c.schemaName(), c.sequenceName(), "'S'");
    } else if (condition instanceof Precondition.ViewExists c) {
      return relation(c.schemaName(), c.viewName(), "'v', 'm'");
    } else if (condition instanceof Precondition.TableIsEmpty c) {
      return "NOT EXISTS (SELECT 1 FROM "
          + qualified(ddl.schema(c.schemaName()), c.tableName())
          + ")";
    } else if (condition instanceof Precondition.RowCount c) {
      return "(SELECT count(*) FROM "
          + qualified(ddl.schema(c.schemaName()), c.tableName())
          + ") = "
          + c.expectedRows();
    } else if (condition instanceof Precondition.RunningAs c) {
      return "lower(current_user) = lower(" + literal(c.username()) + ")";
    }
    return null;
  }

  /** sqlCheck in the script: the query's single value compared as trimmed text, as at run time. */
  static String sqlCheck(Precondition.SqlCheck c) {
    return "coalesce(btrim(("
        + c.sql().strip().replaceAll(";\\s*$", "")
        + ")::text, E' \\t\\r\\n'), '') = "
        + literal(c.expectedResult().strip());
  }

  private String relation(String schema, String name, String kinds) {
    return "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
        + literal(ddl.schema(schema))
        + " AND c.relname = "
        + literal(name)
        + " AND c.relkind IN ("
        + kinds
        + "))";
  }

  // " JOIN … WHERE <oid column> is the relation schema.table"
  private String inRelation(String oidColumn, String schema, String table) {
    return " JOIN pg_catalog.pg_class t ON t.oid = "
        + oidColumn
        + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace WHERE tn.nspname = "
        + literal(ddl.schema(schema))
        + " AND t.relname = "
        + literal(table);
  }

  private String constraint(
      String schema, String table, String type, String name, List<String> columns) {
    StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k");
    if (table == null) {
      sql.append(" JOIN pg_catalog.pg_namespace kn ON kn.oid = k.connamespace WHERE kn.nspname = ")
          .append(literal(ddl.schema(schema)));
    } else {
      sql.append(inRelation("k.conrelid", schema, table));
    }
    sql.append(" AND k.contype = ").append(literal(type));
    if (name != null) {
      sql.append(" AND k.conname = ").append(literal(name));
    }
    if (!columns.isEmpty()) {
      sql.append(
              " AND ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS key(num, ord)"
                  + " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.num ORDER BY key.ord) = ")
          .append(PgNames.textArray(columns));
    }
    return sql.append(')').toString();
  }

  // A schemaName naming no schema (one corpus changelog puts the table there) means the default
  // schema, which is where Liquibase finds the index too.
  private String indexExists(Precondition.IndexExists c) {
    String schema =
        c.schemaName() == null
            ? literal(ddl.schema(null))
            : "(CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = "
                + literal(c.schemaName())
                + ") THEN "
                + literal(c.schemaName())
                + " ELSE "
                + literal(ddl.schema(null))
                + " END)";
    StringBuilder sql =
        new StringBuilder(
            "EXISTS (SELECT 1 FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = "
                + schema);
    if (c.indexName() != null) {
      sql.append(" AND ic.relname = ").append(literal(c.indexName()));
    }
    if (c.tableName() != null) {
      sql.append(" AND t.relname = ").append(literal(c.tableName()));
    }
    if (c.indexName() == null) {
      sql.append(
              " AND ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS key(num, ord)"
                  + " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = key.num ORDER BY key.ord) = ")
          .append(PgNames.textArray(c.columnNames()));
    }
    return sql.append(')').toString();
  }

  /**
   * A whole precondition tree as one SQL condition for the {@code --sql} script: each catalog
   * condition as the expression upgrade evaluates, joined as the changelog joins them; {@code
   * revisionTable} answers changeSetExecuted.
   */
  String script(Precondition p, String revisionTable) {
    String expression = expression(p);
    if (expression != null) {
      return expression;
    } else if (p instanceof Precondition.SqlCheck x) {
      return sqlCheck(x);
    } else if (p instanceof Precondition.Dbms x) {
      return String.valueOf(Dbms.matchesPostgres(x.type()));
    } else if (p instanceof Precondition.Constant x) {
      return String.valueOf(x.value());
    } else if (p instanceof Precondition.ChangeSetExecuted x) {
      return "EXISTS (SELECT 1 FROM "
          + revisionTable
          + " WHERE id = "
          + literal(x.id())
          + " AND author = "
          + literal(x.author())
          + (x.changeLogFile() == null ? "" : " AND filename = " + literal(x.changeLogFile()))
          + ")";
    } else if (p instanceof Precondition.Not x) {
      return "NOT ("
          + x.conditions().stream()
              .map(q -> script(q, revisionTable))
              .collect(Collectors.joining(" OR "))
          + ")";
    } else if (p instanceof Precondition.And x) {
      return x.conditions().isEmpty()
          ? "true"
          : "("
              + x.conditions().stream()
                  .map(q -> script(q, revisionTable))
                  .collect(Collectors.joining(" AND "))
              + ")";
    } else if (p instanceof Precondition.Or x) {
      return x.conditions().isEmpty()
          ? "false"
          : "("
              + x.conditions().stream()
                  .map(q -> script(q, revisionTable))
                  .collect(Collectors.joining(" OR "))
              + ")";
    }
    throw MigrateException.invalid(
        "a "
            + p.getClass().getSimpleName()
            + " precondition cannot be rendered in an offline script yet");
  }

  /**
   * The script's own check of the changelog-level preConditions that need the database, before its
   * first changeset, as upgrade decides them: a block that fails stops psql (its onFail WARN only
   * says so); one whose check errs stops it too, the script having no onError.
   */
  String changelogBlocks(List<Preconditions> blocks, String revisionTable) {
    StringBuilder out = new StringBuilder();
    for (Preconditions p : blocks) {
      String why =
          "changelog preConditions failed at "
              + p.location()
              + ": "
              + failure(p)
              + (p.onFail() == Preconditions.OnFail.WARN ? "; onFail is WARN, so it goes on" : "");
      out.append("DO $migrate_do$\nBEGIN\n  IF NOT (")
          .append(script(p.condition(), revisionTable))
          .append(") THEN\n    RAISE ")
          .append(p.onFail() == Preconditions.OnFail.WARN ? "NOTICE" : "EXCEPTION")
          .append(" '%', ")
          .append(literal(why))
          .append(";\n  END IF;\nEND\n$migrate_do$;\n");
    }
    return out.toString();
  }

  /** A short text of the condition for messages: {@code not tableExists public.x}. */
  String describe(Precondition condition) {
    if (condition instanceof Precondition.TableExists c) {
      return "tableExists " + ddl.schema(c.schemaName()) + "." + c.tableName();
    } else if (condition instanceof Precondition.ColumnExists c) {
      return "columnExists "
          + ddl.schema(c.schemaName())
          + "."
          + c.tableName()
          + "."
          + c.columnName();
    } else if (condition instanceof Precondition.SqlCheck c) {
      return "sqlCheck (" + c.sql().strip() + ") = " + c.expectedResult();
    } else if (condition instanceof Precondition.Dbms c) {
      return "dbms " + c.type();
    } else if (condition instanceof Precondition.IndexExists c) {
      return "indexExists "
          + (c.indexName() != null
              ? c.indexName()
              : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
    } else if (condition instanceof Precondition.PrimaryKeyExists c) {
      return "primaryKeyExists "
          + (c.primaryKeyName() != null ? c.primaryKeyName() : "on " + c.tableName());
    } else if (condition instanceof Precondition.ForeignKeyExists c) {
      return "foreignKeyConstraintExists " + c.foreignKeyName();
    } else if (condition instanceof Precondition.UniqueConstraintExists c) {
      return "uniqueConstraintExists "
          + (c.constraintName() != null
              ? c.constraintName()
              : c.tableName() + "(" + String.join(", ", c.columnNames()) + ")");
    } else if (condition instanceof Precondition.SequenceExists c) {
      return "sequenceExists " + c.sequenceName();
    } else if (condition instanceof Precondition.ViewExists c) {
      return "viewExists " + c.viewName();
    } else if (condition instanceof Precondition.TableIsEmpty c) {
      return "tableIsEmpty " + c.tableName();
    } else if (condition instanceof Precondition.RowCount c) {
      return "rowCount " + c.tableName() + " = " + c.expectedRows();
    } else if (condition instanceof Precondition.RunningAs c) {
      return "runningAs " + c.username();
    } else if (condition instanceof Precondition.ChangeSetExecuted c) {
      return "changeSetExecuted " + c.id() + "::" + c.author();
    } else if (condition instanceof Precondition.Constant c) {
      return c.text();
    } else if (condition instanceof Precondition.Not c) {
      return "not (" + join(c.conditions(), " and ") + ")";
    } else if (condition instanceof Precondition.And c) {
      return join(c.conditions(), " and ");
    } else if (condition instanceof Precondition.Or c) {
      return "(" + join(c.conditions(), " or ") + ")";
    }
    throw new IllegalArgumentException("no text for " + condition);
  }

  private String join(java.util.List<Precondition> conditions, String word) {
    return String.join(word, conditions.stream().map(this::describe).toList());
  }

  /** Why a block failed, for messages: its onFailMessage, or the condition that is false. */
  String failure(Preconditions block) {
    return block.onFailMessage() != null
        ? block.onFailMessage()
        : "precondition " + describe(block.condition()) + " is false";
  }
}
