package dev.migrate.postgres;

import dev.migrate.model.Change;
import dev.migrate.plan.RestOfStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A sql step in the {@code --sql} script, guarded statement by statement as {@code upgrade} guards
 * it: a CREATE TABLE with its columns as createTable, a CREATE TYPE … AS ENUM as createEnumType
 * (the statement itself making the object where it is absent), and a statement that makes, renames
 * or drops a named object run only while the question {@link SqlObjects} asks says it is not done.
 * So the script goes past what is there and stops on what differs, where {@code upgrade} does.
 */
final class SqlScript {
  /**
   * One statement: PL/pgSQL {@code block} lines that do it inside a DO block, or, without a block,
   * the statement with the question whose yes skips it (null when it always runs).
   */
  record Part(String statement, List<String> block, CatalogQuestion done) {
    /** PL/pgSQL lines that do this part inside a DO block. */
    List<String> inBlock() {
      if (block != null) {
        return block;
      }
      return done == null
          ? List.of(Family.execute(statement))
          : Family.when(done.negated().literal(), List.of(statement));
    }

    // A statement that writes rows, which a rerun watches (ScriptReplay#write), runs in a block.
    private Part watched(PgDdl ddl) {
      if (block != null || done != null) {
        return this;
      }
      return ScriptReplay.watches(statement, ddl)
          ? new Part(statement, ScriptReplay.write(statement, ddl), null)
          : OpaqueWrites.opaque(statement)
              ? new Part(statement, OpaqueScript.lines(statement), null)
              : this;
    }

    /**
     * The statement as psql sends it, outside any block, under psql's {@code \if} while {@code
     * unrecorded} holds and the question says it is not done: what a DO block cannot run (CREATE
     * INDEX CONCURRENTLY, VACUUM) runs so. A comment on its last line would swallow the semicolon.
     */
    String plain(String unrecorded) {
      return "SELECT "
          + unrecorded
          + (done == null ? "" : " AND " + done.negated().literal())
          + " AS migrate_step \\gset\n\\if :migrate_step\n"
          + SqlWords.terminated(JdbcText.sent(statement.strip()))
          + "\n\\endif\n";
    }
  }

  private final PgDdl ddl;
  private final SqlObjects objects;
  private final TableGuards tables;
  private final ScriptReplay replay;

  SqlScript(PgDdl ddl) {
    this.ddl = ddl;
    this.objects = new SqlObjects(null, ddl);
    this.tables = new TableGuards(null, ddl);
    this.replay = new ScriptReplay(ddl);
  }

  /**
   * The step's parts, statement by statement. In a transaction a text kept whole (splitStatements:
   * false) is taken apart as PostgreSQL runs it, and each statement guarded, as upgrade guards it;
   * outside one it stays whole.
   */
  List<Part> parts(Change.Sql change, LaterChanges after, boolean inTransaction) {
    List<Part> parts = new ArrayList<>();
    List<String> statements = change.statements(inTransaction);
    List<String> paths = SearchPath.along(statements, ddl.searchPath());
    for (int i = 0; i < statements.size(); i++) {
      // What the step's later statements do counts as what later changes do, as it does online.
      LaterChanges rest = new LaterChanges(new RestOfStep(statements, i, after.changes()), ddl);
      String statement = statements.get(i);
      ddl.searchPath(paths.get(i));
      String code = SqlName.withoutLeadingComments(statement);
      List<String> note = replay.note(statement, rest.changes());
      if (!note.isEmpty()) {
        parts.add(new Part(statement, note, null));
      }
      Change.CreateEnumType labels = SqlStatementGuards.enumType(code, ddl);
      Change.CreateTable table =
          labels == null ? SqlTableColumns.of(statement, ddl.sqlSchema()) : null;
      if (labels != null) {
        parts.add(new Part(statement, new EnumShape(labels, rest, ddl).render(statement), null));
      } else if (table != null) {
        parts.add(
            new Part(statement, tables.createTableScript(table, rest, List.of(statement)), null));
      } else {
        Part rebuild = SqlStatementGuards.dropInvalid(code, ddl);
        if (rebuild != null) {
          parts.add(rebuild);
        }
        SqlObjects.Done done = objects.done(code);
        Part part = new Part(statement, null, done == null ? null : done.question());
        Change.AddColumn added = SqlTableColumns.added(code, ddl.sqlSchema());
        AlterActions actions = AlterActions.of(code);
        List<String> byAction =
            actions == null ? null : actions.script(objects, rest.changes(), ddl);
        StatementExcuses.Redefinition remade =
            done == null ? StatementExcuses.redefinition(code, ddl) : null;
        List<String> unnamed =
            done == null ? UnnamedObjects.probe(statement, ddl, UnnamedObjects.FOUND) : null;
        java.util.regex.Matcher rename = SqlForms.RENAME_RELATION.matcher(code);
        if (byAction != null) {
          part = new Part(statement, byAction, null);
        } else if (rename.matches()) {
          // As renameTable decides: done, to run, or both names or neither there (drift, unless a
          // later change renames or drops the new name).
          SqlName from = ddl.sqlName(rename.group(2));
          String kind = rename.group(1).toLowerCase(java.util.Locale.ROOT);
          part =
              new Part(
                  statement,
                  tables.renameScript(
                      kind,
                      from.schema(),
                      from.name(),
                      ddl.sqlName(rename.group(3)).name(),
                      statement,
                      rest),
                  null);
        } else if (unnamed != null) {
          // Made before, it is not made a second time; the probe has a block of its own, so that
          // psql can send a concurrent build itself.
          parts.add(new Part(statement, unnamed, null));
          part = new Part(statement, null, UnnamedObjects.found(UnnamedObjects.FOUND));
        } else if (remade != null) {
          // Found made already: the same definition goes on, as upgrade's excuse lets it.
          part =
              new Part(
                  statement,
                  remade.script(statement, rest.redefinedBySql(remade.kind(), remade.name())),
                  null);
        } else if (added != null) {
          // The columns that are there are compared as addColumn compares them first; one there
          // under the name a later change renames it to is there, as upgrade finds it.
          List<String> block = new ArrayList<>();
          block.add(TableShape.presentColumnsCheck(added, rest, ddl));
          SqlName into = new SqlName(ddl.schema(added.schemaName()), added.tableName());
          List<String> columns =
              added.columns().stream().map(dev.migrate.model.Column::name).toList();
          block.addAll(
              Family.when(
                  RenamedLater.columnsToAdd(into, columns, rest).literal(), List.of(statement)));
          part = new Part(statement, block, null);
        }
        CatalogQuestion skip = LostHistory.any(LostHistory.of(code, rest, ddl));
        CatalogQuestion sequence = SequenceMoves.inScript(code, ddl);
        skip = sequence == null ? skip : skip == null ? sequence : skip.or(sequence);
        parts.add(skipped(part.watched(ddl), skip));
      }
      ddl.searchPath(SearchPath.after(paths.get(i), statement));
    }
    return parts;
  }

  // The part, not done where a rerun after lost history skips it, as upgrade skips it.
  private static Part skipped(Part part, CatalogQuestion skip) {
    if (skip == null) {
      return part;
    }
    if (part.block() == null) {
      return new Part(part.statement(), null, part.done() == null ? skip : part.done().or(skip));
    }
    // The block's lines are not indented again: they may be inside literals.
    List<String> block = new ArrayList<>();
    block.add("IF " + skip.negated().literal() + " THEN");
    block.addAll(part.block());
    block.add("END IF;");
    return new Part(part.statement(), block, null);
  }

  /** PL/pgSQL lines that do the step inside the changeset's DO block. */
  List<String> inBlock(Change.Sql change, LaterChanges after) {
    // A DO block always runs in a transaction.
    return parts(change, after, true).stream().flatMap(p -> p.inBlock().stream()).toList();
  }
}
